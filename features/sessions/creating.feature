@sessions @sessions-creating
Feature: Creating sessions directly
  Apps get their sessions by signing up and logging in. A session can also
  be created directly with `POST /sessions`, for a device that must not log
  in itself (an IoT device provisioned from a phone): the new session
  belongs to the caller's user, its `createdWith` action is `create`, and
  it is always a restricted session. The server chooses the token, the
  user and the expiry: a client that sends them is not obeyed. A session
  takes no ACL.

  A restricted session may read users, sessions and roles, but may not
  create, change or delete any of them, and among sessions it sees only
  restricted ones. It reads and writes every other class like any session.
  It is the one kind of session that can be paired with the installation
  of its device, once, through `PUT /sessions/me`.

  Source: Parse REST API guide, Sessions, "Session Properties", "Creating
  Sessions", "Pairing Session with Installation" and "Session Security";
  Parse Server security advisories (named in a comment above the scenarios
  that are their regressions).

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.create
  Scenario: A session created directly belongs to the caller's user and was made with action create
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {"deviceName": "thermostat"}
      """
    Then the response status is 201
    And the response body contains:
      """
      {
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"},
        "createdWith": {"action": "create"},
        "deviceName": "thermostat"
      }
      """
    And the response field "sessionToken" starts with "r:"
    Given the client uses the session token in the response
    When the client sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{cooldude6.objectId}}", "username": "{{cooldude6}}"}
      """

  @id.sessions.create-restricted
  Scenario: A session created directly is restricted
    # Parse Server 9.10 has no restricted sessions: the session it creates
    # has no restricted field.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    And the response body contains:
      """
      {"restricted": true, "createdWith": {"action": "create"}}
      """

  # GHSA-5v7g-9h8f-8pgg: POST /sessions let a client choose the token, the
  # expiry, the createdWith and the user of the new session (session token
  # fixation, sessions that never expire, sessions for another user).
  @id.sessions.create-ignores-server-fields
  Scenario: A client cannot choose the token, user, expiry or createdWith of a session it creates
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {
        "sessionToken": "r:{{fixated}}",
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{bigglesworth.objectId}}"},
        "expiresAt": {"__type": "Date", "iso": "2099-01-01T00:00:00.000Z"},
        "createdWith": {"action": "login", "authProvider": "password"}
      }
      """
    Then the response status is 201
    And the response body contains:
      """
      {
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"},
        "createdWith": {"action": "create"}
      }
      """
    And the response body does not contain "2099-01-01"
    Given the client sends the header "X-Parse-Session-Token" with "r:{{fixated}}"
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "Invalid session token"

  @id.sessions.create-installation-id
  Scenario: A session created directly may name the installation it is for
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {"installationId": "{{device}}"}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"installationId": "{{device}}", "createdWith": {"action": "create"}}
      """

  @id.sessions.create-without-token
  Scenario: Creating a session without a session token is refused with code 209
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 400
    And the response is the Parse error 209 "Session token required."

  @id.sessions.create-acl
  Scenario: A session is created without an ACL: one in the body is refused with code 105
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {"ACL": {"*": {"read": true}}}
      """
    Then the response status is 400
    And the response is the Parse error 105 "Cannot set ACL on a Session."

  @id.sessions.restricted-cannot-change-user
  Scenario: A restricted session cannot change its user
    # Parse Server 9.10 has no restricted sessions: the update answers 200.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"phone": "415-369-6201"}
      """
    Then the response status is 400
    And the response is a Parse error with code 119
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response body has no field "phone"

  @id.sessions.restricted-cannot-sign-up
  Scenario: A restricted session cannot sign a new user up
    # Parse Server 9.10 has no restricted sessions: the sign-up answers 201.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    When the client sends POST /users with body:
      """
      {"username": "{{bigglesworth}}", "password": "p_n7!-e8"}
      """
    Then the response status is 400
    And the response is a Parse error with code 119
    Given the client uses the master key
    When the client queries /users with:
      | where | {"username": "{{bigglesworth}}"} |
    Then the response status is 200
    And there are no results

  @id.sessions.restricted-cannot-create-sessions
  Scenario: A restricted session cannot create or delete sessions
    # Parse Server 9.10 has no restricted sessions: both answer as for any session.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 400
    And the response is a Parse error with code 119
    When the client sends DELETE /sessions/{{phone.objectId}}
    Then the response status is 400
    And the response is a Parse error with code 119
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200

  @id.sessions.restricted-reads-only-restricted
  Scenario: A restricted session does not see the user's unrestricted sessions
    # Parse Server 9.10 has no restricted sessions: every session of the
    # user is listed.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the session in the response is known as thermostat
    And the client uses the token of the session thermostat
    When the client sends GET /sessions
    Then the response status is 200
    And the results are the objects "thermostat", in any order
    When the client sends GET /sessions/{{phone.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.sessions.restricted-writes-other-classes
  Scenario: A restricted session writes objects of other classes like any session
    Given the class Reading exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    When the client sends POST /classes/{{Reading}} with body:
      """
      {"celsius": 21.5, "ACL": {"{{cooldude6.objectId}}": {"read": true, "write": true}}}
      """
    Then the response status is 201
    When the client sends GET /classes/{{Reading}}/{{response.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"celsius": 21.5}
      """

  @id.sessions.pair-installation
  Scenario: A restricted session is paired with the installation of its device through PUT /sessions/me
    # Parse Server 9.10 has no PUT /sessions/me: it answers 404 with code 101.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    And the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    When the client sends PUT /sessions/me with body:
      """
      {}
      """
    Then the response status is 200
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"installationId": "{{device}}", "createdWith": {"action": "create"}}
      """

  @id.sessions.pair-installation-once
  Scenario: A session's installation is paired only once
    # Parse Server 9.10 has no PUT /sessions/me: it answers 404 with code 101.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /sessions with body:
      """
      {}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    And the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    When the client sends PUT /sessions/me with body:
      """
      {}
      """
    Then the response status is 200
    Given the client sends the header "X-Parse-Installation-Id" with "{{otherDevice}}"
    When the client sends PUT /sessions/me with body:
      """
      {}
      """
    Then the response status is 400
    And the response is the Parse error 105 "Invalid key name: installationId"
    When the client sends GET /sessions/me
    Then the response body contains:
      """
      {"installationId": "{{device}}"}
      """

  @id.sessions.pair-installation-unrestricted
  Scenario: A session made by a login cannot be paired through PUT /sessions/me
    # Parse Server 9.10 has no PUT /sessions/me: it answers 404 with code 101.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    And the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    When the client sends PUT /sessions/me with body:
      """
      {}
      """
    Then the response status is 400
    And the response is a Parse error with code 119
    When the client sends GET /sessions/me
    Then the response body has no field "installationId"
