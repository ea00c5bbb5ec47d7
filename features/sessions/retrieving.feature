@sessions @sessions-retrieving
Feature: Retrieving and querying sessions
  A user has one session per device it logged in from. `GET /sessions`
  lists the caller's sessions and never anyone else's; a `where` clause
  narrows the list as it does for any class. `GET /sessions/OBJECT_ID`
  returns one of them, as long as it belongs to the caller's user: another
  user's session answers as if it did not exist. In a session query only
  the session the request is made with shows its `sessionToken`; the other
  sessions of the user are listed without theirs. The master key reads and
  lists every session.

  A session object holds its user (a pointer), `createdWith` (how it was
  made), `expiresAt` (when it stops working) and, when the device sent one,
  `installationId`.

  Source: Parse REST API guide, Sessions, "Session Properties",
  "Retrieving Sessions", "Querying Sessions" and "Session Security".

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.list-own
  Scenario: A user lists its own sessions, one per login, and no one else's
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the current session of cooldude6 is known as laptop
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the current session of bigglesworth is known as other
    And the client uses the session token of cooldude6
    When the client sends GET /sessions
    Then the response status is 200
    And the results are the objects "phone, laptop", in any order
    And the response body matches the schema "session-list"

  @id.sessions.list-hides-other-tokens
  Scenario: In a session query only the caller's current session shows its token
    # Parse Server 9.10 lists every session of the user with its token.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the current session of cooldude6 is known as laptop
    And the client uses the session token of cooldude6
    When the client sends GET /sessions
    Then the response status is 200
    And the result laptop has the field "sessionToken"
    And the result phone has no field "sessionToken"

  @id.sessions.list-where
  Scenario: A where clause narrows a session query, which still holds only the caller's sessions
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the current session of cooldude6 is known as laptop
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client queries /sessions with:
      | where | {"createdWith.action": "signup"} |
    Then the response status is 200
    And the results are the objects "phone", in any order

  @id.sessions.list-without-token
  Scenario: Listing sessions without a session token is refused with code 209
    When the client sends GET /sessions
    Then the response status is 400
    And the response is the Parse error 209 "Permission denied"

  @id.sessions.list-master
  Scenario: The master key lists the sessions of every user
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as first
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the current session of bigglesworth is known as second
    And the client uses the master key
    When the client queries /sessions with:
      | where | {"user": {"$in": [{"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"}, {"__type": "Pointer", "className": "_User", "objectId": "{{bigglesworth.objectId}}"}]}} |
    Then the response status is 200
    And the results include the objects "first, second"

  @id.sessions.get-own
  Scenario: A user retrieves another session of its own by objectId
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/{{phone.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {
        "objectId": "{{phone.objectId}}",
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"},
        "createdWith": {"action": "signup", "authProvider": "password"}
      }
      """
    And the response body matches the schema "session"

  @id.sessions.get-foreign
  Scenario: Another user's session is not found: code 101
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends GET /sessions/{{phone.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the response body does not contain "sessionToken"

  @id.sessions.get-foreign-through-classes
  Scenario: Another user's session cannot be reached as an object of the class _Session either
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the current session of bigglesworth is known as mine
    And the client uses the session token of bigglesworth
    When the client sends GET /classes/_Session/{{phone.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /classes/_Session
    Then the response status is 200
    And the results are the objects "mine", in any order

  @id.sessions.get-without-token
  Scenario: Retrieving a session without a session token is refused with code 209
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    When the client sends GET /sessions/{{phone.objectId}}
    Then the response status is 400
    And the response is the Parse error 209 "Permission denied"

  @id.sessions.get-master
  Scenario: The master key retrieves any user's session
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the master key
    When the client sends GET /sessions/{{phone.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {
        "objectId": "{{phone.objectId}}",
        "sessionToken": "{{cooldude6.sessionToken}}",
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"}
      }
      """

  @id.sessions.me-schema
  Scenario: The current session has its user, createdWith and expiresAt
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body matches the schema "session"
    And the response body contains:
      """
      {"expiresAt": {"__type": "Date"}, "createdWith": {"action": "signup"}}
      """

  @id.sessions.me-without-token
  Scenario: The current session without a session token is refused with code 209
    When the client sends GET /sessions/me
    Then the response status is 400
    And the response is the Parse error 209 "Session token required."
