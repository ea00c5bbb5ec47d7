@rest @browser
Feature: The REST API from JavaScript in a real browser
  A web page on any site can use the REST API from JavaScript. The page's
  requests carry the `X-Parse-*` headers, so before each one the browser asks
  the server whether a page from another origin may send it (a preflight),
  and afterwards it lets the page read the answer only if the server's CORS
  headers allow it. Users sign in from such a page too: the page sends the
  session token in the `X-Parse-Session-Token` header, which the server must
  therefore allow. Error answers must be readable as well, or the page could
  not tell a wrong key from a network failure.

  These scenarios are judged by a real browser (headless Chromium): the
  runner serves a page on another origin than the server's, the page sends
  the request with an `XMLHttpRequest` as the blog's example does, and "the
  response" below is what the browser let the page read. A scenario fails
  with the browser's own console message when the browser refuses.

  Source: Parse blog, "Javascript and User Authentication for the REST API"
  (2012-01-19); REST guide, "Users" (the session token header).

  Background:
    Given the client uses the application id and the REST API key

  @id.browser.blog-message-flow
  Scenario: A page on another site creates a Message object and reads its objectId
    # The blog's XMLHttpRequest: POST /classes/Message with the application
    # id, the REST API key and a JSON body. Parse Server refuses to create a
    # class from a client request by default, so the class is created first,
    # as an app's developer would.
    Given the class Message exists
    When a page on another site sends POST /classes/{{Message}} with body:
      """
      {"message": "Hello world!"}
      """
    Then the response status is 201
    And the response body matches the schema "object-created"
    When a page on another site sends GET /classes/{{Message}}/{{response.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"message": "Hello world!"}
      """

  @id.browser.session-token-current-user
  Scenario: A page signs a user up and reads the current user with the session token header
    When a page on another site sends POST /users with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8"}
      """
    Then the response status is 201
    And the response body matches the schema "signup-response"
    Given the client uses the session token in the response
    When a page on another site sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}"}
      """

  @id.browser.login-then-current-user
  Scenario: A page logs a user in and reads the current user with the session token header
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When a page on another site sends GET /login?username={{cooldude6}}&password=p_n7!-e8
    Then the response status is 200
    And the response body matches the schema "user-with-session"
    Given the client uses the session token in the response
    When a page on another site sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}"}
      """

  @id.browser.update-and-delete
  Scenario: A page updates and deletes an object with PUT and DELETE
    # PUT and DELETE are not simple methods: the browser sends them only if
    # the preflight's Access-Control-Allow-Methods lists them.
    Given the object hello of class Message exists with:
      """
      {"message": "Hello world!"}
      """
    When a page on another site sends PUT /classes/{{Message}}/{{hello.objectId}} with body:
      """
      {"message": "Goodbye"}
      """
    Then the response status is 200
    And the response body matches the schema "update-response"
    When a page on another site sends DELETE /classes/{{Message}}/{{hello.objectId}}
    Then the response status is 200
    When a page on another site sends GET /classes/{{Message}}/{{hello.objectId}}
    Then the response is the Parse error 101 "Object not found."

  @id.browser.wrong-application-id-readable
  Scenario: A page can read the refusal of a wrong application id
    # Parse Server lets the page read this answer (its CORS headers are on
    # every response) but sends it without a Content-Type header, though the
    # body is JSON (middlewares.js invalidRequest).
    Given the client uses a wrong application id
    When a page on another site sends GET /classes/Message
    Then the response is the unauthorized error

  @id.browser.invalid-session-token-readable
  Scenario: A page can read the refusal of a session token that does not exist
    Given the client uses a session token that does not exist
    When a page on another site sends GET /users/me
    Then the response is the Parse error 209 "Invalid session token"

  @id.browser.sdk-body-form @client-keys
  Scenario: A page sends the JavaScript SDK's form, a text/plain body with the keys inside, and reads the answer
    # With no X-Parse-* header and a text/plain body, the request is one a
    # browser sends without a preflight (see sdk-body-form.feature).
    Given the client talks to the target's instance for "client-keys"
    And the class Message exists
    And the client sends no Parse headers
    When a page on another site sends POST /classes/{{Message}} as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "message": "Hello from the SDK's form"}
      """
    Then the response status is 201
    And the response body matches the schema "object-created"
