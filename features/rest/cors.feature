@rest @cors
Feature: Cross-origin requests (CORS)
  The REST API supports cross-origin resource sharing, so JavaScript that
  runs on any site can use it: a browser first asks whether a cross-origin
  request with the `X-Parse-*` headers is allowed (a preflight `OPTIONS`
  request), then sends it with an `Origin` header and reads the answer only
  if the server allows that origin. Users authenticate from JavaScript with
  the `X-Parse-Session-Token` header, so it is allowed too.

  Source: Parse blog, "Javascript and User Authentication for the REST API"
  (2012-01-19).

  Background:
    Given the client uses the application id and the REST API key

  @id.cors.preflight-allows-parse-headers
  Scenario: A preflight request allows the Parse headers from any origin
    When a browser on "https://www.example.com" asks to send POST /classes/Message with the headers "X-Parse-Application-Id, X-Parse-REST-API-Key, Content-Type"
    Then the response status is 200
    And the response allows the origin "https://www.example.com"
    And the response header "Access-Control-Allow-Methods" lists "GET, POST, PUT, DELETE"
    And the response header "Access-Control-Allow-Headers" lists "X-Parse-Application-Id, X-Parse-REST-API-Key, Content-Type"

  @id.cors.preflight-allows-session-token
  Scenario: A preflight request allows the session token header
    When a browser on "https://www.example.com" asks to send GET /users/me with the headers "X-Parse-Application-Id, X-Parse-REST-API-Key, X-Parse-Session-Token"
    Then the response status is 200
    And the response header "Access-Control-Allow-Headers" lists "X-Parse-Session-Token, X-Parse-Revocable-Session"

  @id.cors.blog-message-flow
  Scenario: JavaScript on another site creates a Message object
    # The blog's XMLHttpRequest example: POST /classes/Message with the
    # application id and REST API key, read back the new objectId.
    # Parse Server refuses to create a class from a client request by default,
    # so the class is created first, as an app's developer would.
    Given the class Message exists
    And the client sends the header "Origin" with "https://www.example.com"
    When the client sends POST /classes/{{Message}} with body:
      """
      {"message": "Hello world!"}
      """
    Then the response status is 201
    And the response allows the origin "https://www.example.com"
    And the response body matches the schema "object-created"
    And the response header "Location" is "{{target}}/classes/{{Message}}/{{response.objectId}}"
    And the object at the response's Location contains:
      """
      {"message": "Hello world!"}
      """

  @id.cors.origin-on-errors
  Scenario: Error responses carry the CORS origin header too
    Given the client uses a wrong application id
    And the client sends the header "Origin" with "https://www.example.com"
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8"}
      """
    Then the response is the unauthorized error
    And the response allows the origin "https://www.example.com"
