@rest @sdk-form
Feature: The JavaScript SDK's request form: keys and method in the body
  A web page cannot send custom headers to another site without first
  asking the browser's permission (a CORS preflight, one more round trip
  for every request). The Parse JavaScript SDK does without: it sends every
  request as a POST whose body is JSON typed `text/plain`, a request any
  page may send, and it puts into that body what other clients put in
  headers:

  - `_ApplicationId` names the application, like `X-Parse-Application-Id`;
  - `_JavaScriptKey` is the JavaScript key, the client key of web pages;
  - `_MasterKey`, `_SessionToken` and `_InstallationId` stand for
    `X-Parse-Master-Key`, `X-Parse-Session-Token` and
    `X-Parse-Installation-Id`;
  - `_ContentType` is the type of an uploaded file, whose bytes the body
    carries in `base64`;
  - `_ClientVersion` (the SDK's version) and `_RevocableSession` are read
    and dropped: neither is ever stored;
  - `_method` is the request's real method (`GET`, `PUT` or `DELETE`), read
    on a POST only. A `GET` sent this way carries its query parameters
    (`where`, `order`, `limit`, `count`, …) in the body.

  The server reads the body this way when no header names the application.
  Every other field of the body is the request's own. A wrong key in the
  body is refused as the same wrong key in a header would be.

  Source: Parse REST API guide, Quick Reference, "Calling from Client Apps"
  (the JavaScript key is meant for the SDK, which posts "through a
  Cross Origin-friendly format without HTTP headers"); the form's details
  as Parse Server reads them (src/middlewares.js, allowMethodOverride and
  handleParseHeaders).

  Background:
    Given the client uses the application id and the REST API key

  @id.sdk-form.create-with-body-keys @client-keys
  Scenario: The application id and the JavaScript key in a text/plain body stand for their headers
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_ClientVersion": "js8.0.0", "_context": {"source": "a page"}, "title": "written from a page"}
      """
    Then the response status is 201
    And the object in the response is known as note
    And the object note of class Note, read with the master key, contains:
      """
      {"title": "written from a page"}
      """
    And the response body has no field "_ClientVersion"
    And the response body has no field "_context"

  @id.sdk-form.sign-up-stores-no-keys @client-keys
  Scenario: Signing up in the SDK's form opens a session and stores none of the body's keys on the user
    Given the client talks to the target's instance for "client-keys"
    And the client sends no Parse headers
    When the client sends POST /users as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_ClientVersion": "js8.0.0", "_InstallationId": "{{device}}", "_RevocableSession": "1", "_context": "{\"source\": \"a page\"}", "username": "{{cooldude6}}", "password": "p_n7!-e8"}
      """
    Then the response status is 201
    And the response body matches the schema "signup-response"
    Given the client uses the application id and the REST API key
    And the client uses the session token in the response
    When the client sends GET /users/me
    Then the response status is 200
    And the response body contains:
      """
      {"username": "{{cooldude6}}"}
      """
    And the response body has no field "_ClientVersion"
    And the response body has no field "_RevocableSession"
    And the response body has no field "_InstallationId"

  @id.sdk-form.installation-recorded @client-keys
  Scenario: The installation id in the body is recorded on the session a login opens
    Given the client talks to the target's instance for "client-keys"
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client sends no Parse headers
    When the client sends POST /login as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_InstallationId": "{{device}}", "username": "{{cooldude6}}", "password": "p_n7!-e8"}
      """
    Then the response status is 200
    Given the client uses the application id and the REST API key
    And the client uses the session token in the response
    When the client sends GET /sessions/me
    Then the response status is 200
    And the response body contains:
      """
      {"installationId": "{{device}}", "createdWith": {"action": "login"}}
      """

  @id.sdk-form.session-token-in-body @client-keys
  Scenario: The session token in the body makes the request the user's
    Given the client talks to the target's instance for "client-keys"
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client sends no Parse headers
    When the client sends POST /users/me as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_SessionToken": "{{cooldude6.sessionToken}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{cooldude6.objectId}}", "username": "{{cooldude6}}"}
      """

  @id.sdk-form.unknown-session-token-in-body @client-keys
  Scenario: A session token in the body that the server never issued is refused like the header's
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_SessionToken": "r:not-a-token-the-server-issued"}
      """
    Then the response is the Parse error 209 "Invalid session token"

  @id.sdk-form.method-get-queries @client-keys
  Scenario: _method GET turns the POST into a query whose parameters are in the body
    Given the client talks to the target's instance for "client-keys"
    And the object first of class Score exists with:
      """
      {"player": "{{Sean}}", "rank": 1}
      """
    And the object second of class Score exists with:
      """
      {"player": "{{Sean}}", "rank": 2}
      """
    And the object third of class Score exists with:
      """
      {"player": "{{Sean}}", "rank": 3}
      """
    And the client sends no Parse headers
    When the client sends POST /classes/{{Score}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "where": {"player": "{{Sean}}", "rank": {"$gt": 1}}, "order": "-rank", "limit": 1, "count": 1}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"count": 2, "results": [{"objectId": "{{third.objectId}}", "rank": 3}]}
      """

  @id.sdk-form.method-get-query-string-wins @client-keys
  Scenario: A parameter in both the query string and the body of a _method GET is taken from the query string
    Given the client talks to the target's instance for "client-keys"
    And the object first of class Score exists with:
      """
      {"player": "{{Sean}}", "rank": 1}
      """
    And the object second of class Score exists with:
      """
      {"player": "{{Sean}}", "rank": 2}
      """
    And the client sends no Parse headers
    When the client sends POST /classes/{{Score}}?limit=1 as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "where": {"player": "{{Sean}}"}, "order": "rank", "limit": 5}
      """
    Then the response status is 200
    And the results are the objects "first", in any order

  @id.sdk-form.method-any-case @client-keys
  Scenario: _method may be written in any case
    Given the client talks to the target's instance for "client-keys"
    And the object note of class Note exists with:
      """
      {"title": "read me"}
      """
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}}/{{note.objectId}} as text/plain with body:
      """
      {"_method": "get", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{note.objectId}}", "title": "read me"}
      """

  @id.sdk-form.method-put-updates @client-keys
  Scenario: _method PUT updates the object with the body's other fields
    Given the client talks to the target's instance for "client-keys"
    And the object note of class Note exists with:
      """
      {"title": "draft", "views": 1}
      """
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}}/{{note.objectId}} as text/plain with body:
      """
      {"_method": "PUT", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "title": "final", "views": {"__op": "Increment", "amount": 1}}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt, views"
    And the object note of class Note, read with the master key, contains:
      """
      {"title": "final", "views": 2}
      """

  @id.sdk-form.method-delete-deletes @client-keys
  Scenario: _method DELETE deletes the object
    Given the client talks to the target's instance for "client-keys"
    And the object note of class Note exists with:
      """
      {"title": "short-lived"}
      """
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}}/{{note.objectId}} as text/plain with body:
      """
      {"_method": "DELETE", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}"}
      """
    Then the response status is 200
    And the object note of class Note no longer exists, even for the master key

  @id.sdk-form.method-with-headers
  Scenario: _method tunnels a POST in the header form too
    Given the object note of class Note exists with:
      """
      {"title": "read me"}
      """
    When the client sends POST /classes/{{Note}}/{{note.objectId}} with body:
      """
      {"_method": "GET"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{note.objectId}}", "title": "read me"}
      """

  @id.sdk-form.method-only-on-post
  Scenario: _method is read on a POST only; in any other request it is a field name, and an invalid one
    Given the object note of class Note exists with:
      """
      {"title": "draft"}
      """
    When the client sends PUT /classes/{{Note}}/{{note.objectId}} with body:
      """
      {"_method": "GET", "title": "final"}
      """
    Then the response is the Parse error 105 "Invalid field name: _method."
    And the object note of class Note, read with the master key, contains:
      """
      {"title": "draft"}
      """

  @id.sdk-form.master-key-in-body
  Scenario: The master key in the body gives master rights, without any client key
    Given the class Note exists
    And the client sends no Parse headers
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_MasterKey": "{{master_key}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.sdk-form.wrong-master-key-in-body @client-keys
  Scenario: A wrong master key in the body gives no master rights
    # As with the header, a wrong master key is not refused by itself: the
    # request runs as a client's, and master-only routes refuse it.
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_MasterKey": "not-the-master-key"}
      """
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """

  @id.sdk-form.wrong-application-id
  Scenario: A wrong application id in the body is refused like a wrong header
    Given the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_ApplicationId": "not-the-application-id", "_MasterKey": "{{master_key}}", "title": "never stored"}
      """
    Then the response is the unauthorized error

  @id.sdk-form.no-application-id
  Scenario: A body with keys but no application id, and no header, is refused
    Given the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_MasterKey": "{{master_key}}", "title": "never stored"}
      """
    Then the response is the unauthorized error

  @id.sdk-form.master-key-header-must-match @client-keys
  Scenario: Beside a body's application id, a master key header must be the app's master key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client uses a wrong master key
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}"}
      """
    Then the response is the unauthorized error

  @id.sdk-form.wrong-javascript-key @client-keys
  Scenario: A wrong JavaScript key in the body is refused like a wrong key header
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "not-the-javascript-key", "title": "never stored"}
      """
    Then the response is the unauthorized error

  @id.sdk-form.key-not-a-string @client-keys
  Scenario: A session token, master key or installation id in the body that is not a string is refused
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_SessionToken": {"$ne": null}, "title": "never stored"}
      """
    Then the response is the unauthorized error

  Scenario Outline: A key field in the body that JavaScript takes as false (<value>) is an invalid field name
    Given the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_MasterKey": "{{master_key}}", "_SessionToken": <value>, "title": "never stored"}
      """
    Then the response is the Parse error 105 "Invalid field name: _SessionToken."

    @id.sdk-form.empty-key-is-a-field
    Examples: an empty string
      | value |
      | ""    |

    @id.sdk-form.zero-key-is-a-field
    Examples: zero
      | value |
      | 0     |

    @id.sdk-form.false-key-is-a-field
    Examples: false
      | value |
      | false |

  @id.sdk-form.invalid-context @client-keys
  Scenario: The request context in the body must be a JSON object
    # _context carries values for Cloud Code triggers; a string must hold a
    # JSON object.
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_context": "not an object", "title": "never stored"}
      """
    Then the response is the Parse error 107 "Invalid object for context."

  @id.sdk-form.invalid-context-header
  Scenario: The request context header must hold a JSON object too
    Given the class Note exists
    And the client sends the header "X-Parse-Cloud-Context" with "[1, 2]"
    When the client sends GET /classes/{{Note}}
    Then the response is the Parse error 107 "Invalid object for context."

  @id.sdk-form.header-form-wins
  Scenario: When a header names the application, keys in the body are the request's own fields, and invalid ones
    Given the class Note exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    When the client sends POST /classes/{{Note}} with body:
      """
      {"_SessionToken": "{{cooldude6.sessionToken}}", "title": "never stored"}
      """
    Then the response is the Parse error 105 "Invalid field name: _SessionToken."

  @id.sdk-form.file-upload @client-keys
  Scenario: A file uploaded in the SDK's form carries its bytes in base64 and its type in _ContentType
    Given the client talks to the target's instance for "client-keys"
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client sends no Parse headers
    When the client sends POST /files/{{greeting}}.txt as text/plain with body:
      """
      {"_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{javascript_key}}", "_SessionToken": "{{cooldude6.sessionToken}}", "_ContentType": "text/plain", "base64": "aGVsbG8gZnJvbSB0aGUgU0RL"}
      """
    Then the response status is 201
    When the client sends GET {{response.url}}
    Then the response status is 200
    And the response content type is "text/plain"
    And the response content is "hello from the SDK"
