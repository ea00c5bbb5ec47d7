@sessions
Feature: Sessions
  A session token stands for one session of one user. `GET /sessions/me`
  returns the caller's own session, whose `createdWith` tells how it was
  made: by signing up, by logging in with a password, or by impersonation
  with the master key. `POST /logout` ends the session: its token stops
  working.

  Source: Parse REST API guide, Users, "User Impersonation" (createdWith),
  and the Sessions section of the guide's quick reference.

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.me-after-signup
  Scenario: The session of a sign-up was created with action signup and the password
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {
        "sessionToken": "{{cooldude6.sessionToken}}",
        "user": {"__type": "Pointer", "className": "_User", "objectId": "{{cooldude6.objectId}}"},
        "createdWith": {"action": "signup", "authProvider": "password"}
      }
      """

  @id.sessions.me-after-auth-data-sign-up
  Scenario: The session of a sign-up with authData names the service it was made with
    # Parse Server records such a session as a login with that service
    # (createdWith {"action": "login", "authProvider": "anonymous"}), even
    # when it created the user.
    When the client sends POST /users with body:
      """
      {"authData": {"anonymous": {"id": "{{anonymousId}}"}}}
      """
    Then the response status is 201
    Given the client uses the session token in the response
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"createdWith": {"action": "login", "authProvider": "anonymous"}}
      """

  @id.sessions.me-after-login
  Scenario: The session of a login was created with action login and the password
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And cooldude6 logs in with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"createdWith": {"action": "login", "authProvider": "password"}}
      """

  @id.sessions.me-after-login-as
  Scenario: A session made by impersonation was created with the master key
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the master key
    When the client sends POST /loginAs with body:
      """
      {"userId": "{{cooldude6.objectId}}"}
      """
    Then the response status is 200
    Given the client uses the application id and the REST API key
    And the client sends no master key
    And the client uses the session token in the response
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"createdWith": {"action": "login", "authProvider": "masterkey"}}
      """

  @id.sessions.logout-revokes
  Scenario: After logging out the session token no longer works
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends POST /logout
    Then the response status is 200
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "invalid session token"
