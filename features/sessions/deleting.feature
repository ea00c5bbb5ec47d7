@sessions @sessions-deleting
Feature: Deleting sessions
  Deleting a session logs out the device that uses it: its token stops
  working at once, and every later request made with it, whatever it asks,
  is refused with code 209 (invalid session token). A user deletes its
  current session by logging out, and any other session of its own with a
  DELETE to that session's URL, without logging itself out. Another user's
  session cannot be deleted: it answers as if it did not exist.

  Source: Parse REST API guide, Sessions, "Deleting Sessions" and
  "Handling Invalid Session Token Error".

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.delete-other-device
  Scenario: Deleting another session of one's own logs that device out, not oneself
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the current session of cooldude6 is known as laptop
    And the client uses the token of the session laptop
    When the client sends DELETE /sessions/{{phone.objectId}}
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    When the client sends GET /users/me
    Then the response status is 200
    Given the client uses the token of the session phone
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "Invalid session token"

  @id.sessions.delete-foreign
  Scenario: Another user's session cannot be deleted: code 101, and it still works
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends DELETE /sessions/{{phone.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found for delete."
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200

  @id.sessions.delete-without-token
  Scenario: Deleting a session without a session token is refused with code 209
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    When the client sends DELETE /sessions/{{phone.objectId}}
    Then the response status is 400
    And the response is the Parse error 209 "Permission denied"
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200

  @id.sessions.delete-master
  Scenario: The master key deletes any user's session
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And the client uses the master key
    When the client sends DELETE /sessions/{{phone.objectId}}
    Then the response status is 200
    Given the client sends no master key
    And the client uses the token of the session phone
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "Invalid session token"

  Scenario Outline: A deleted session's token is refused everywhere with code 209: <request>
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as phone
    And cooldude6 logs in with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends DELETE /sessions/{{phone.objectId}}
    Then the response status is 200
    Given the client uses the token of the session phone
    When the client sends <request>
    Then the response status is 400
    And the response is the Parse error 209 "<message>"

    @id.sessions.revoked-current-user
    Examples:
      | request      | message               |
      | GET /users/me | Invalid session token |

    @id.sessions.revoked-write
    Examples:
      | request                | message               |
      | POST /classes/{{Note}} | Invalid session token |

    @id.sessions.revoked-sessions-me
    Examples:
      | request          | message                  |
      | GET /sessions/me | Session token not found. |

    @id.sessions.revoked-logout
    Examples:
      | request      | message               |
      | POST /logout | Invalid session token |
