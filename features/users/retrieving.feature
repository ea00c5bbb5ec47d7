@users @retrieving
Feature: Retrieving users
  A GET to the URL a sign-up returned in its `Location` header returns the
  user: every field the user has except `password`, plus `createdAt`,
  `updatedAt` and `objectId`. Like every object, a user is protected by its
  ACL; a user that may not be read looks the same as one that does not exist.

  These scenarios give their users an explicit ACL, since servers differ in
  the default one (Parse Server 9 makes new users private).

  Source: Parse REST API guide, Users, "Retrieving Users" and "User Security".

  Background:
    Given the client uses the application id and the REST API key

  @id.retrieve.public-user
  Scenario: A publicly readable user is returned with its fields, without password or session token
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "phone": "415-392-0202", "ACL": {"*": {"read": true}}}
      """
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends GET /users/{{cooldude6.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}", "phone": "415-392-0202", "objectId": "{{cooldude6.objectId}}"}
      """
    And the response body matches the schema "user"
    And the response body has no field "sessionToken"

  @id.retrieve.private-user-not-found
  Scenario: A user whose ACL hides it from others is not found, code 101
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "ACL": {}}
      """
    And a user bigglesworth signed up with password "p_n7!-e8"
    And the client uses the session token of bigglesworth
    When the client sends GET /users/{{cooldude6.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.retrieve.own-user
  Scenario: A user can always retrieve itself with its own session token
    Given a user cooldude6 signed up with:
      """
      {"password": "p_n7!-e8", "ACL": {}}
      """
    And the client uses the session token of cooldude6
    When the client sends GET /users/{{cooldude6.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}", "objectId": "{{cooldude6.objectId}}"}
      """
