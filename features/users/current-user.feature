@users @current-user
Feature: Validating session tokens and retrieving the current user
  With a valid session token, a GET to `/users/me` returns the user that
  token belongs to, in the same format as retrieving a user. An invalid
  session token gets a Parse error with code 209.

  Source: Parse REST API guide, Users, "Validating Session Tokens /
  Retrieving Current User".

  Background:
    Given the client uses the application id and the REST API key

  @id.me.valid-token
  Scenario: A valid session token returns its user
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "phone": "415-392-0202"}
      """
    And the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}", "phone": "415-392-0202", "objectId": "{{cooldude6.objectId}}"}
      """
    And the response body has no field "password"

  @id.me.invalid-token
  Scenario: An invalid session token is refused with code 209
    # The guide's message is "invalid session token"; Parse Server says
    # "Invalid session token". Messages are compared without regard to case.
    Given the client uses a session token that does not exist
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "invalid session token"

  @id.me.no-token
  Scenario: Without a session token there is no current user: code 209
    # The guide does not say what happens without a token. Parse Server
    # answers 209 with its sanitized message "Permission denied".
    When the client sends GET /users/me
    Then the response status is 400
    And the response is a Parse error with code 209
