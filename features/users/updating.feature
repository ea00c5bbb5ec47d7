@users @updating
Feature: Updating users
  Nobody but the user may change the user's data: the request carries the
  user's own session token in `X-Parse-Session-Token`. A PUT to the user's
  URL changes the fields it names and leaves every other field as it was;
  the answer holds just the `updatedAt` timestamp. `username` and `password`
  may be changed too, but the new username must not be in use.

  Source: Parse REST API guide, Users, "Updating Users".

  Background:
    Given the client uses the application id and the REST API key

  @id.update.partial
  Scenario: An update changes only the fields it names and answers just updatedAt
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "phone": "415-392-0202", "city": "San Francisco"}
      """
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"phone": "415-369-6201"}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt"
    And the response body matches the schema "update-response"
    When the client sends GET /users/me
    Then the response body contains:
      """
      {"username": "{{cooldude6}}", "phone": "415-369-6201", "city": "San Francisco"}
      """

  @id.update.requires-session-token
  Scenario: An update without a session token is refused with code 206
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"phone": "415-369-6201"}
      """
    Then the response status is 400
    And the response is a Parse error with code 206

  @id.update.other-users-token
  Scenario: Another user's session token cannot update a user: code 206
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"phone": "415-369-6201"}
      """
    Then the response status is 400
    And the response is a Parse error with code 206

  @id.update.username-taken
  Scenario: Changing the username to one in use is refused with code 202
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"username": "{{bigglesworth}}"}
      """
    Then the response status is 400
    And the response is the Parse error 202 "Account already exists for this username."

  @id.update.email-taken
  Scenario: Changing the email to one in use is refused with code 203
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And a user bigglesworth signed up with:
      """
      {"password": "p_n7!-e8", "email": "{{bigglesworth}}@example.com"}
      """
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"email": "{{bigglesworth}}@example.com"}
      """
    Then the response status is 400
    And the response is the Parse error 203 "Account already exists for this email address."

  @id.update.username-change
  Scenario: After a username change the user logs in with the new username
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"username": "{{cooldude7}}"}
      """
    Then the response status is 200
    And cooldude7 can log in with password "p_n7!-e8"

  @id.update.password-change
  Scenario: After a password change the new password logs in and the old one does not
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"password": "n3w-pa55word"}
      """
    Then the response status is 200
    And cooldude6 can log in with password "n3w-pa55word"
    When cooldude6 logs in with password "p_n7!-e8"
    Then the response is the Parse error 101 "Invalid username/password."

  @id.update.password-change-logs-out-other-sessions
  Scenario: A password change logs the user out of its other sessions
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    And cooldude6 logs in with password "p_n7!-e8"
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"password": "n3w-pa55word"}
      """
    Then the response status is 200
    Given the client uses the session token of cooldude6
    When the client sends GET /users/me
    Then the response status is 400
    And the response is the Parse error 209 "invalid session token"

  @id.update.password-change-answer
  Scenario: A password change answers just updatedAt, like any update
    # Divergence: Parse Server 9.10 also answers a new sessionToken when users
    # change their own password, and revokes their other sessions
    # (revokeSessionOnPasswordReset, src/RestWrite.js).
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"password": "n3w-pa55word"}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt"
