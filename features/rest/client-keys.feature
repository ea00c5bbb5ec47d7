@rest @keys
Feature: Client keys: which key each kind of client sends
  Besides the application id, a request that does not carry the master key
  identifies the kind of client that sends it with a client key. The REST
  API key is for servers; apps distributed to users carry the key of their
  platform: the client key (iOS, Android), the JavaScript key (web pages,
  through the JavaScript SDK) or the .NET key (Windows, Xamarin, Unity).

  An application that sets any of these keys accepts a request only if it
  carries one of them, right, and in that key's own header:
  `X-Parse-REST-API-Key`, `X-Parse-Client-Key`, `X-Parse-Javascript-Key` or
  `X-Parse-Windows-Key` (which carries the .NET key; Parse Server's option
  for it is `dotNetKey`). A key sent in the header of another kind of key
  does not count. HTTP Basic credentials carry the JavaScript key as the
  password `javascript-key=<key>`. The master key needs no client key. An
  application that sets no client key checks none: the application id is
  enough, whatever key comes with it.

  Every refusal is the same HTTP 403 `{"error": "unauthorized"}` as a wrong
  application id's: the answer does not say which key was wrong.

  Source: Parse REST API guide, Quick Reference, "Calling from Client Apps"
  and the `javascript-key=` form of HTTP Basic credentials; the key options
  of Parse Server (`restAPIKey`, `clientKey`, `javascriptKey`,
  `dotNetKey`). The guide says the JavaScript key is meant for the SDK's
  body form (see sdk-body-form.feature); it names no header for it. Parse
  Server also accepts it in `X-Parse-Javascript-Key`, and so does the
  suite.

  Background:
    Given the client uses the application id and the REST API key

  @id.client-keys.rest-api-key @client-keys
  Scenario: The REST API key in its header lets a request in
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends the header "X-Parse-REST-API-Key" with "{{rest_api_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.javascript-key @client-keys
  Scenario: The JavaScript key in its header lets a request in, without the REST API key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Javascript-Key" with "{{javascript_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.client-key @client-keys
  Scenario: The client key in its header lets a request in, without the REST API key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Client-Key" with "{{client_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.windows-key @client-keys
  Scenario: The .NET key in X-Parse-Windows-Key lets a request in, without the REST API key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Windows-Key" with "{{windows_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.key-in-another-header @client-keys
  Scenario: A right key in the header of another kind of key is refused
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Client-Key" with "{{javascript_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.client-keys.wrong-key @client-keys
  Scenario: A wrong REST API key is refused
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends the header "X-Parse-REST-API-Key" with "not-the-rest-api-key"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.client-keys.no-key @client-keys
  Scenario: The application id alone is refused once the application sets client keys
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.client-keys.one-right-key-is-enough @client-keys
  Scenario: One right key is enough, beside a wrong one
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends the header "X-Parse-REST-API-Key" with "not-the-rest-api-key"
    And the client sends the header "X-Parse-Javascript-Key" with "{{javascript_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.master-key-needs-no-client-key @client-keys
  Scenario: The master key needs no client key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client uses the master key
    When the client sends GET /schemas/{{Note}}
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.client-keys.wrong-master-key-is-no-key @client-keys
  Scenario: A wrong master key does not stand for a client key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client uses a wrong master key
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.client-keys.basic-javascript-key @client-keys
  Scenario: HTTP Basic credentials carry the JavaScript key as "javascript-key=<key>"
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as the application id and the password "javascript-key={{javascript_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.basic-wrong-javascript-key @client-keys
  Scenario: HTTP Basic credentials with a wrong JavaScript key are refused
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as the application id and the password "javascript-key=not-the-javascript-key"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.client-keys.basic-wrong-master-key @client-keys
  Scenario: HTTP Basic credentials with a wrong master key give neither master rights nor a client key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as the application id and the password "not-the-master-key"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.client-keys.none-set-app-id-is-enough @no-client-keys
  Scenario: An application that sets no client key needs only the application id
    Given the client talks to the target's instance for "no-client-keys"
    And the class Note exists
    And the client sends only the application id
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.none-set-any-key-passes @no-client-keys
  Scenario: An application that sets no client key checks none of the keys sent
    Given the client talks to the target's instance for "no-client-keys"
    And the class Note exists
    And the client sends the header "X-Parse-REST-API-Key" with "any-value-at-all"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.client-keys.none-set-app-id-still-needed @no-client-keys
  Scenario: An application that sets no client key still needs its application id
    Given the client talks to the target's instance for "no-client-keys"
    And the class Note exists
    And the client sends no application id
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error
