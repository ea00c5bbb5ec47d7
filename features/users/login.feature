@users @login
Feature: Logging in
  After signing up, a user logs in with a username and password: a POST to
  `/login` with `username` and `password` in the JSON body. The answer holds
  every field of the user except `password`, plus `objectId`, `createdAt`,
  `updatedAt` and a new `sessionToken`.

  Source: Parse REST API guide, Users, "Logging In".

  Background:
    Given the client uses the application id and the REST API key

  @id.login.returns-user-and-session
  Scenario: Logging in returns the user's fields and a new session token
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "phone": "415-392-0202"}
      """
    When the client sends POST /login with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}", "phone": "415-392-0202", "objectId": "{{cooldude6.objectId}}"}
      """
    And the response body matches the schema "user-with-session"
    And the response field "sessionToken" starts with "r:"

  @id.login.password-never-returned
  Scenario: The password is not among the fields a login returns
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response status is 200
    And the response body has no field "password"

  @id.login.wrong-application-id
  Scenario: A login with a wrong application id is refused as unauthorized
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses a wrong application id
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response is the unauthorized error

  @id.login.get-with-query
  Scenario: Logging in also works as a GET with the credentials in the query string
    # The guide's quick reference lists GET /login; Parse Server accepts both.
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When cooldude6 logs in with password "p_n7!-e8" through GET
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}", "objectId": "{{cooldude6.objectId}}"}
      """
    And the response body matches the schema "user-with-session"

  @id.login.wrong-password
  Scenario: A wrong password is refused with code 101
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When cooldude6 logs in with password "not-the-password"
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."

  @id.login.unknown-user
  Scenario: An unknown username gets the same answer as a wrong password
    When nobody logs in with password "p_n7!-e8"
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."

  # The guide logs in by username; Parse Server also takes an `email` in
  # its place, and a login that gives both must match one user on both.
  @id.login.username-and-email-both-match
  Scenario: A login that gives both a username and an email needs both to belong to the user
    Given a user alice signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{alice}}@example.com"}
      """
    And a user bob signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{bob}}@example.com"}
      """
    When the client sends POST /login with body:
      """
      {"username": "{{alice}}", "email": "{{bob}}@example.com", "password": "p_n7!-e8"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."
    When the client sends POST /login with body:
      """
      {"username": "{{alice}}", "email": "{{alice}}@example.com", "password": "p_n7!-e8"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{alice.objectId}}"}
      """
