@users @impersonation
Feature: User impersonation
  An application may let a user act on behalf of another user without that
  user's credentials: `/loginAs` takes a `userId`, the objectId of the user to
  act as, and creates a session for that user. Calling it requires the master
  key; it returns the same response format as `/login`. It succeeds for any
  existing user, even one that is locked out.

  Source: Parse REST API guide, Users, "User Impersonation".

  Background:
    Given the client uses the application id and the REST API key

  @id.impersonation.get-login-as
  Scenario: GET /loginAs with the master key logs in as the given user
    # Divergence: the guide's example is `curl -X GET -G --data-urlencode
    # userId=…`; Parse Server 9.10 routes only POST /loginAs and answers GET
    # with an HTML 404 (src/Routers/UsersRouter.js mountRoutes).
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the master key
    When the client sends GET /loginAs?userId={{cooldude6.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{cooldude6.objectId}}", "username": "{{cooldude6}}"}
      """
    And the response body matches the schema "user-with-session"

  @id.impersonation.post-login-as
  Scenario: POST /loginAs with the master key logs in as the given user
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the master key
    When the client sends POST /loginAs with body:
      """
      {"userId": "{{cooldude6.objectId}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{cooldude6.objectId}}", "username": "{{cooldude6}}"}
      """
    And the response body matches the schema "user-with-session"

  @id.impersonation.requires-master-key
  Scenario: POST /loginAs without the master key is refused with code 119
    # Parse Server sanitizes its "master key is required" to "Permission denied".
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When the client sends POST /loginAs with body:
      """
      {"userId": "{{cooldude6.objectId}}"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    And the response body has no field "sessionToken"

  @id.impersonation.user-session-is-not-enough
  Scenario: POST /loginAs with a user's session token but no master key is refused with code 119
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice
    When the client sends POST /loginAs with body:
      """
      {"userId": "{{cooldude6.objectId}}"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.impersonation.unknown-user
  Scenario: POST /loginAs for a userId no user has answers 404 with code 101
    Given the client uses the master key
    When the client sends POST /loginAs with body:
      """
      {"userId": "{{nobody}}"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "user not found"

  @id.impersonation.missing-user-id
  Scenario: POST /loginAs without a userId is refused with code 162
    Given the client uses the master key
    When the client sends POST /loginAs with body:
      """
      {}
      """
    Then the response status is 400
    And the response is the Parse error 162 "userId must not be empty, null, or undefined"

  @id.impersonation.locked-out-user @lockout
  Scenario: POST /loginAs succeeds for a user who is locked out
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And cooldude6 has failed to log in as many times as the lockout threshold
    And cooldude6 logs in with password "p_n7!-e8"
    And the response is the account lockout error
    And the client uses the master key
    When the client sends POST /loginAs with body:
      """
      {"userId": "{{cooldude6.objectId}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{cooldude6.objectId}}", "username": "{{cooldude6}}"}
      """
    And the response body matches the schema "user-with-session"
