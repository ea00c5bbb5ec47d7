@rest @cors @cors-allow-list
Feature: Cross-origin requests from a list of allowed origins
  By default the API answers every origin with `Access-Control-Allow-Origin:
  *` (see cors.feature). An application may instead allow only some sites:
  then the server names in that header the origin a request comes from when
  it is in the list, and never an origin that is not. A browser lets a page
  read an answer only if the header is `*` or the page's own origin, so
  pages on other sites cannot read the answers, nor send requests with the
  `X-Parse-*` headers (their preflight is not allowed).

  To an origin outside the list, and to a request without an `Origin`,
  the server names the list's first origin: the header then allows that
  site only, never the one asking. The comparison is exact: an origin that
  only begins like an allowed one, or differs from it in case or port, is
  not allowed.

  Source: Parse REST API guide, Quick Reference, "Request Format" (the
  API supports cross-origin resource sharing); the list itself is Parse
  Server's `allowOrigin` option (a single origin or a list), which the
  guide does not describe, so its details follow Parse Server
  (src/middlewares.js, allowCrossDomain). The target's profile names the
  instance and its list: `{{allowed_origin_1}}` and `{{allowed_origin_2}}`
  are its first two origins.

  Background:
    Given the client uses the application id and the REST API key
    And the client talks to the target's instance for "cors-allow-list"

  @id.cors-allow-list.first-origin-echoed
  Scenario: A request from the first allowed origin is allowed by name
    Given the class Message exists
    And the client sends the header "Origin" with "{{allowed_origin_1}}"
    When the client sends GET /classes/{{Message}}
    Then the response status is 200
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_1}}"

  @id.cors-allow-list.other-origin-echoed
  Scenario: A request from another origin of the list is allowed by its own name
    Given the class Message exists
    And the client sends the header "Origin" with "{{allowed_origin_2}}"
    When the client sends GET /classes/{{Message}}
    Then the response status is 200
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_2}}"

  @id.cors-allow-list.preflight-allowed-origin
  Scenario: A preflight from an allowed origin is allowed, with the Parse headers
    When a browser on "{{allowed_origin_2}}" asks to send POST /classes/Message with the headers "X-Parse-Application-Id, X-Parse-REST-API-Key, Content-Type"
    Then the response status is 200
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_2}}"
    And the response header "Access-Control-Allow-Headers" lists "X-Parse-Application-Id, X-Parse-REST-API-Key, Content-Type"

  @id.cors-allow-list.unlisted-origin-refused
  Scenario: A request from an origin not in the list is not allowed; the first allowed origin is named
    # The request itself is served: refusing to let a page read the answer
    # is the browser's part.
    Given the class Message exists
    And the client sends the header "Origin" with "https://elsewhere.example.org"
    When the client sends GET /classes/{{Message}}
    Then the response status is 200
    And the response does not allow the origin "https://elsewhere.example.org"
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_1}}"

  @id.cors-allow-list.unlisted-preflight-refused
  Scenario: A preflight from an origin not in the list is not allowed
    When a browser on "https://elsewhere.example.org" asks to send POST /classes/Message with the headers "X-Parse-Application-Id, X-Parse-REST-API-Key, Content-Type"
    Then the response does not allow the origin "https://elsewhere.example.org"
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_1}}"

  @id.cors-allow-list.no-origin-first
  Scenario: A request without an Origin header gets the first allowed origin, not *
    Given the class Message exists
    When the client sends GET /classes/{{Message}}
    Then the response status is 200
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_1}}"

  @id.cors-allow-list.unlisted-origin-on-errors
  Scenario: An error answer to an origin not in the list does not allow it either
    Given the class Message exists
    And the client sends the header "Origin" with "https://elsewhere.example.org"
    When the client sends GET /classes/{{Message}}/doesNotExist1
    Then the response is the Parse error 101 "Object not found."
    And the response does not allow the origin "https://elsewhere.example.org"
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_1}}"

  Scenario Outline: An origin that only resembles an allowed one (<how>) is not allowed
    When a browser on "<origin>" asks to send GET /classes/Message with the headers "X-Parse-Application-Id, X-Parse-REST-API-Key"
    Then the response does not allow the origin "<origin>"
    And the response header "Access-Control-Allow-Origin" is "{{allowed_origin_1}}"

    @id.cors-allow-list.prefix-not-allowed
    Examples: an allowed origin followed by more of a host name
      | how                 | origin                                  |
      | a longer host name  | {{allowed_origin_2}}.elsewhere.example.org |

    @id.cors-allow-list.port-not-allowed
    Examples: an allowed origin with a port
      | how       | origin                       |
      | a port    | {{allowed_origin_2}}:8443    |

    @id.cors-allow-list.wildcard-not-allowed
    Examples: the wildcard itself
      | how           | origin |
      | the wildcard  | *      |
