@sessions @sessions-installations
Feature: Sessions and installations
  A device names itself with the `X-Parse-Installation-Id` header. The
  session a sign-up or a login opens records that installation in its
  `installationId`, which `GET /sessions/me` shows. A user has one session
  per installation: logging in again from an installation it is already
  logged in from replaces the session of that installation (its old token
  stops working), and leaves the sessions of its other devices alone.

  Source: Parse REST API guide, Sessions (introduction), "Session
  Properties" and "Pairing Session with Installation".

  Background:
    Given the client uses the application id and the REST API key

  @id.sessions.installation-at-signup
  Scenario: The installation of a sign-up is recorded on its session
    Given the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"installationId": "{{device}}", "createdWith": {"action": "signup"}}
      """

  @id.sessions.installation-at-login
  Scenario: The installation of a login is recorded on its session
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    And cooldude6 logs in with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"installationId": "{{device}}", "createdWith": {"action": "login"}}
      """

  @id.sessions.installation-replaces-session
  Scenario: Logging in again from the same installation replaces that installation's session only
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the current session of cooldude6 is known as laptop
    And the client sends the header "X-Parse-Installation-Id" with "{{device}}"
    And cooldude6 logs in with password "p_n7!-e8"
    And the current session of cooldude6 is known as first
    And cooldude6 logs in with password "p_n7!-e8"
    And the current session of cooldude6 is known as second
    And the client uses the session token of cooldude6
    When the client sends GET /sessions
    Then the response status is 200
    And the results are the objects "laptop, second", in any order
    Given the client uses the token of the session first
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "Invalid session token"
