@users @linking
Feature: Linking users
  Users can sign up and log in with an existing identity of a service such
  as Facebook or Twitter, or anonymously: the sign-up request carries that
  service's `authData` instead of a username and password. If no user has
  this `authData` yet, a new user is created (`201 Created`) with an
  automatically generated unique username; if a user has it, that user is
  logged in (`200 OK`, with the user's details and a session token). An
  existing user links a service with a PUT of `authData`, and unlinks it by
  setting the service to `null`.

  The Facebook and Twitter scenarios need a target whose providers accept
  the suite's test identities and refuse the token `invalid-token`
  (capability `auth-providers`): the suite never calls the real services.

  Source: Parse REST API guide, Users, "Linking Users".

  Background:
    Given the client uses the application id and the REST API key

  @id.linking.anonymous-sign-up
  Scenario: Signing up anonymously creates a user with a generated username
    When the client sends POST /users with body:
      """
      {"authData": {"anonymous": {"id": "{{anonymousId}}"}}}
      """
    Then the response status is 201
    And the response header "Location" is "{{target}}/users/{{response.objectId}}"
    And the response body matches the schema "linked-sign-up-response"

  @id.linking.anonymous-log-in
  Scenario: Signing up again with the same anonymous authData logs that user in
    Given a user ghost signed up with:
      """
      {"authData": {"anonymous": {"id": "{{anonymousId}}"}}}
      """
    When the client sends POST /users with body:
      """
      {"authData": {"anonymous": {"id": "{{anonymousId}}"}}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{ghost.objectId}}", "authData": {"anonymous": {"id": "{{anonymousId}}"}}}
      """
    And the response body matches the schema "user-with-session"

  @id.linking.unknown-provider
  Scenario: authData of an unsupported service is refused with code 252
    When the client sends POST /users with body:
      """
      {"authData": {"myspace": {"id": "{{myspaceId}}", "access_token": "x"}}}
      """
    Then the response status is 400
    And the response is the Parse error 252 "This authentication method is unsupported."

  @id.linking.twitter-log-in @auth-providers
  Scenario: Signing up with Twitter authData a user already has logs that user in
    Given a user parseit signed up with:
      """
      {"authData": {"twitter": {"id": "{{twitterId}}", "screen_name": "ParseIt", "auth_token": "12345678-SaMpLe"}}}
      """
    When the client sends POST /users with body:
      """
      {"authData": {"twitter": {"id": "{{twitterId}}", "screen_name": "ParseIt", "auth_token": "12345678-SaMpLe"}}}
      """
    Then the response status is 200
    And the response header "Location" is "{{target}}/users/{{parseit.objectId}}"
    And the response body contains:
      """
      {"objectId": "{{parseit.objectId}}", "authData": {"twitter": {"id": "{{twitterId}}"}}}
      """

  @id.linking.invalid-token @auth-providers
  Scenario: authData with a token the service refuses is refused
    When the client sends POST /users with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "invalid-token"}}}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Facebook auth is invalid for this user."

  @id.linking.link-with-put @auth-providers
  Scenario: A user links Facebook with a PUT, then logs in with that authData
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    Then the response status is 200
    Given the client sends no session token
    When the client sends POST /users with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{cooldude6.objectId}}", "username": "{{cooldude6}}"}
      """

  @id.linking.unlink @auth-providers
  Scenario: After unlinking, the same authData signs up a new user
    Given a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    Then the response status is 200
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"authData": {"facebook": null}}
      """
    Then the response status is 200
    Given the client sends no session token
    When the client sends POST /users with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    Then the response status is 201

  @id.linking.already-used @auth-providers
  Scenario: authData that belongs to another user cannot be linked: code 208
    Given a user owner signed up with:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    Then the response status is 400
    And the response is the Parse error 208 "this auth is already used"

  @id.linking.hidden-from-others @auth-providers
  Scenario: Other users do not see a user's linked accounts
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "ACL": {"*": {"read": true}}}
      """
    And the client uses the session token of cooldude6
    When the client sends PUT /users/{{cooldude6.objectId}} with body:
      """
      {"authData": {"facebook": {"id": "{{facebookId}}", "access_token": "SaMpLeAAibS7Q55FSzcERWIEmzn6"}}}
      """
    Then the response status is 200
    Given a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends GET /users/{{cooldude6.objectId}}
    Then the response status is 200
    And the response body has no field "authData"
