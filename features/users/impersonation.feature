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
