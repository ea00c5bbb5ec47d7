@users @deleting
Feature: Deleting users
  A DELETE to the user's URL deletes the user. It needs the user's own
  session token in `X-Parse-Session-Token`. Afterwards the user can no
  longer log in.

  Source: Parse REST API guide, Users, "Deleting Users".

  Background:
    Given the client uses the application id and the REST API key

  @id.delete.own-user
  Scenario: A user deleted with its own session token can no longer log in
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends DELETE /users/{{cooldude6.objectId}}
    Then the response status is 200
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."

  @id.delete.sessions-gone
  Scenario: After deletion the user's session token no longer works
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends DELETE /users/{{cooldude6.objectId}}
    Then the response status is 200
    When the client sends GET /users/me
    Then the response is a Parse error with code 209

  @id.delete.requires-session-token
  Scenario: A deletion without a session token is refused with code 206
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When the client sends DELETE /users/{{cooldude6.objectId}}
    Then the response status is 400
    And the response is a Parse error with code 206

  @id.delete.other-users-token
  Scenario: Another user's session token cannot delete a user: code 206
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends DELETE /users/{{cooldude6.objectId}}
    Then the response status is 400
    And the response is a Parse error with code 206
    And cooldude6 can log in with password "p_n7!-e8"

  @id.delete.session-removed
  Scenario: Deleting a user removes its sessions
    # Divergence: Parse Server 9.10 keeps a deleted user's sessions;
    # GET /sessions/me still answers the session (its token then fails on
    # routes that load the user, as the scenario above shows).
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends DELETE /users/{{cooldude6.objectId}}
    Then the response status is 200
    When the client sends GET /sessions/me
    Then the response is a Parse error with code 209
