@rest @keys
Feature: Every way in, with the wrong key
  A request can carry its keys three ways: in the `X-Parse-*` headers, in
  HTTP Basic credentials (the application id as user name; as password
  either the master key or `javascript-key=<key>`), and, when neither names
  the application, in the JavaScript SDK's body form (`_ApplicationId`,
  `_JavaScriptKey`, `_MasterKey`, `_SessionToken`). Each way has its own
  scenarios in client-keys.feature and sdk-body-form.feature; this feature
  is about the wrong values and the mixes of ways.

  The rules, whatever the way or the mix:

  - A request gets master rights only if the master key itself is in one
    of the places made for it: the `X-Parse-Master-Key` header, the password
    of Basic credentials whose user is the application id, or `_MasterKey`
    in a body the server reads for keys. A right application id never lends
    master rights to a wrong master key; nor does a client key, nor the
    master key sent where a client key or a session token goes.
  - A wrong master key is not refused by itself: the request runs as a
    client's, needs a client key like any other, and a route only the
    master key may use refuses it (HTTP 403 `{"error": "Permission
    denied"}`).
  - The application is named by Basic credentials whose user is the
    application id, else by `X-Parse-Application-Id`, else by the body. A
    wrong name in one place does not spoil a right one in the place read
    first; a request that names the application nowhere is refused (HTTP
    403 `{"error": "unauthorized"}`).
  - The body is read for keys only when no header names the application:
    beside a header that does, `_MasterKey` is an ordinary field.
  - With master rights, the session token is not looked at: an unknown
    token does not make the request fail.

  Source: Parse REST API guide, Quick Reference, "Request Format" (HTTP
  Basic credentials) and "Calling from Client Apps"; where the guide is
  silent, Parse Server's `handleParseAuth` and `handleParseHeaders`
  (src/middlewares.js), whose answers these scenarios were measured on.
  A master-rights probe is `GET /schemas/<class>`, which only the master
  key may read.

  Background:
    Given the client uses the application id and the REST API key

  # The application id

  @id.keys.basic-app-id-over-wrong-header
  Scenario: Basic credentials naming the application win over a wrong application id header
    Given the class Note exists
    And the client uses a wrong application id
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.keys.basic-app-id-over-wrong-header-no-master
  Scenario: Basic credentials naming the application with a wrong password let a client in, not a master
    Given the class Note exists
    And the client uses a wrong application id
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "not-the-master-key"
    When the client sends GET /schemas/{{Note}}
    Then the response is the master key required refusal

  @id.keys.basic-wrong-app-id-master-key
  Scenario: The master key in Basic credentials whose user is not the application id is refused
    Given the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as "not-the-application-id" and the password "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response is the unauthorized error

  @id.keys.basic-wrong-app-id-lends-nothing
  Scenario: Basic credentials for another application neither spoil a right header nor give master rights
    Given the class Note exists
    And the client authenticates with HTTP Basic auth as "not-the-application-id" and the password "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response is the master key required refusal

  @id.keys.master-key-wrong-app-id
  Scenario: The right master key with a wrong application id is refused
    Given the class Note exists
    And the client uses the master key
    And the client uses a wrong application id
    When the client sends GET /schemas/{{Note}}
    Then the response is the unauthorized error

  @id.keys.master-key-no-app-id
  Scenario: The right master key without any application id is refused
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses the master key
    When the client sends GET /schemas/{{Note}}
    Then the response is the unauthorized error

  # The master key in Basic credentials

  @id.keys.basic-any-password-no-master @no-client-keys
  Scenario: Where no client key is needed, Basic credentials with any password get in, without master rights
    Given the client talks to the target's instance for "no-client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "any-password-at-all"
    When the client sends GET /schemas/{{Note}}
    Then the response is the master key required refusal

  # Parse Server's httpAuth reads credentials only when they split at ':'
  # into exactly two parts; with a second colon it reads none of them.
  @id.keys.basic-second-colon-not-read @no-client-keys
  Scenario: Basic credentials with a second colon are not read, so they do not name the application
    Given the client talks to the target's instance for "no-client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "any:password"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  @id.keys.basic-wrong-password-with-client-key
  Scenario: Basic credentials with a wrong password beside a right client key give a client's rights only
    Given the class Note exists
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "not-the-master-key"
    When the client sends GET /schemas/{{Note}}
    Then the response is the master key required refusal

  @id.keys.basic-rest-key-password @client-keys
  Scenario: The REST API key as the Basic password is taken for a master key, a wrong one
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "{{rest_api_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

  Scenario Outline: The name of the Basic scheme may be written in any case (<scheme>)
    Given the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth written "<scheme>" as "{{app_id}}" and the password "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response status is 200

    @id.keys.basic-scheme-lowercase
    Examples: lowercase
      | scheme |
      | basic  |

    @id.keys.basic-scheme-uppercase
    Examples: uppercase
      | scheme |
      | BASIC  |

  # Mixes of headers and Basic credentials

  @id.keys.master-header-beside-wrong-basic
  Scenario: A right master key header gives master rights beside Basic credentials with a wrong password
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses the master key
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "not-the-master-key"
    When the client sends GET /schemas/{{Note}}
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.keys.basic-master-beside-wrong-header
  Scenario: The master key in Basic credentials gives master rights beside a wrong master key header
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses a wrong master key
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response status is 200

  @id.keys.wrong-basic-and-wrong-header
  Scenario: A wrong master key in Basic credentials and another in the header give no master rights
    Given the class Note exists
    And the client uses a wrong master key
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "not-the-master-key-either"
    When the client sends GET /schemas/{{Note}}
    Then the response is the master key required refusal

  # The master key where another key goes

  @id.keys.master-key-as-rest-api-key
  Scenario: The master key in the REST API key's header is a wrong REST API key
    Given the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-REST-API-Key" with "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response is the unauthorized error

  @id.keys.master-key-as-javascript-key @client-keys
  Scenario: The master key in the JavaScript key's header is a wrong JavaScript key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Javascript-Key" with "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response is the unauthorized error

  @id.keys.master-key-as-key-unchecked @no-client-keys
  Scenario: Where no client key is checked, the master key in a client key's header gives no master rights
    Given the client talks to the target's instance for "no-client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Javascript-Key" with "{{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response is the master key required refusal

  @id.keys.master-key-as-basic-javascript-key @client-keys
  Scenario: The master key as "javascript-key=" in Basic credentials is a wrong JavaScript key
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "javascript-key={{master_key}}"
    When the client sends GET /schemas/{{Note}}
    Then the response is the unauthorized error

  @id.keys.master-key-as-body-javascript-key
  Scenario: The master key as _JavaScriptKey in the body is no key at all
    Given the class Note exists
    And the client sends no Parse headers
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_JavaScriptKey": "{{master_key}}"}
      """
    Then the response is the unauthorized error

  @id.keys.master-key-as-session-token
  Scenario: The master key in the session token header is a session token the server never issued
    Given the class Note exists
    And the client sends the header "X-Parse-Session-Token" with "{{master_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response is the Parse error 209 "Invalid session token"

  # Mixes of headers and the body form

  @id.keys.body-master-key-beside-header-app-id
  Scenario: Beside an application id header, _MasterKey in the body gives no master rights
    Given the class Note exists
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_MasterKey": "{{master_key}}"}
      """
    Then the response is the master key required refusal

  @id.keys.body-master-key-beside-basic
  Scenario: Beside Basic credentials naming the application, _MasterKey in the body gives no master rights
    Given the class Note exists
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "not-the-master-key"
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_MasterKey": "{{master_key}}"}
      """
    Then the response is the master key required refusal

  @id.keys.body-app-id-over-wrong-header
  Scenario: The body names the application when the application id header is wrong
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses a wrong application id
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_MasterKey": "{{master_key}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.keys.body-wrong-master-key-with-rest-key
  Scenario: A wrong _MasterKey beside a right REST API key header gives a client's rights only
    Given the class Note exists
    And the client sends no application id
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_MasterKey": "not-the-master-key"}
      """
    Then the response is the master key required refusal

  @id.keys.master-header-with-body-form
  Scenario: Beside the body form, a right master key header gives master rights
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses the master key
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.keys.master-header-over-wrong-body-master
  Scenario: A wrong _MasterKey in the body does not take master rights from a right master key header
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses the master key
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_MasterKey": "not-the-master-key"}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{Note}}"}
      """

  @id.keys.body-master-cannot-mend-wrong-header
  Scenario: A right _MasterKey in the body does not mend a wrong master key header
    Given the class Note exists
    And the client sends no Parse headers
    And the client uses a wrong master key
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_MasterKey": "{{master_key}}"}
      """
    Then the response is the unauthorized error

  @id.keys.body-app-id-beside-foreign-basic
  Scenario: Basic credentials for another application lend the body form no master rights
    Given the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as "not-the-application-id" and the password "{{master_key}}"
    When the client sends POST /schemas/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}"}
      """
    Then the response is the unauthorized error

  # Client keys in their headers, and in Basic credentials

  Scenario Outline: A wrong <kind> in its header is refused
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "<header>" with "not-the-right-key"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error

    @id.keys.wrong-javascript-key-header @client-keys
    Examples: the JavaScript key
      | kind           | header                 |
      | JavaScript key | X-Parse-Javascript-Key |

    @id.keys.wrong-client-key-header @client-keys
    Examples: the client key
      | kind       | header             |
      | client key | X-Parse-Client-Key |

    @id.keys.wrong-windows-key-header @client-keys
    Examples: the .NET key
      | kind     | header              |
      | .NET key | X-Parse-Windows-Key |

  @id.keys.basic-javascript-key-over-header @client-keys
  Scenario: The JavaScript key of Basic credentials takes the place of the header's, right or wrong
    Given the client talks to the target's instance for "client-keys"
    And the class Note exists
    And the client sends only the application id
    And the client sends the header "X-Parse-Javascript-Key" with "{{javascript_key}}"
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "javascript-key=not-the-javascript-key"
    When the client sends GET /classes/{{Note}}
    Then the response is the unauthorized error
    Given the client sends the header "X-Parse-Javascript-Key" with "not-the-javascript-key"
    And the client authenticates with HTTP Basic auth as "{{app_id}}" and the password "javascript-key={{javascript_key}}"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  # The master key and a session token

  @id.keys.master-header-ignores-unknown-token
  Scenario: With the master key in its header, an unknown session token is not looked at
    # Parse Server resolves the master key before the session, and a
    # request with master rights never resolves its token.
    Given the class Note exists
    And the client uses the master key
    And the client sends the header "X-Parse-Session-Token" with "r:not-a-token-the-server-issued"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.keys.basic-master-ignores-unknown-token
  Scenario: With the master key in Basic credentials, an unknown session token is not looked at
    Given the class Note exists
    And the client sends no Parse headers
    And the client authenticates with HTTP Basic auth as the application id and the master key
    And the client sends the header "X-Parse-Session-Token" with "r:not-a-token-the-server-issued"
    When the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.keys.body-master-ignores-unknown-token
  Scenario: With the master key in the body, an unknown _SessionToken is not looked at
    Given the class Note exists
    And the client sends no Parse headers
    When the client sends POST /classes/{{Note}} as text/plain with body:
      """
      {"_method": "GET", "_ApplicationId": "{{app_id}}", "_MasterKey": "{{master_key}}", "_SessionToken": "r:not-a-token-the-server-issued"}
      """
    Then the response status is 200

  @id.keys.master-ignores-expired-token @session-length
  Scenario: With the master key, an expired session token is not looked at either
    Given the client talks to the target's instance for "session-length"
    And the class Note exists
    And a user cooldude6 signed up with password "p_n7!-e8"
    And the client uses the session token of cooldude6
    And the client uses the master key
    When the session length has passed
    And the client sends GET /classes/{{Note}}
    Then the response status is 200

  @id.keys.wrong-master-key-checks-token
  Scenario: With a wrong master key, an unknown session token is refused
    Given the class Note exists
    And the client uses a wrong master key
    And the client sends the header "X-Parse-Session-Token" with "r:not-a-token-the-server-issued"
    When the client sends GET /classes/{{Note}}
    Then the response is the Parse error 209 "Invalid session token"
