@security @security-keywords
Feature: Prohibited keywords in request data
  Keys that could pollute a JavaScript object's prototype (`__proto__`,
  `constructor`) or smuggle BSON code (`_bsontype: "Code"`) are refused
  anywhere in a request body, nested or not, with code 105, and nothing is
  stored. A top-level `__proto__` is not a valid field name in the first
  place.

  Source: Parse Server security advisories (GitHub Security Advisories,
  named in a comment above each scenario); Parse Server's default
  `requestKeywordDenylist`.

  Background:
    Given the client uses the application id and the REST API key
    And the class Thing exists

  # GHSA-q342-9w2p-57fp: the keyword denylist was bypassed by nesting.
  @id.security.nested-constructor
  Scenario: A nested constructor key in a new object is refused with code 105
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"profile": {"settings": {"constructor": {"prototype": {"admin": 1}}}}}
      """
    Then the response status is 400
    And the response body is:
      """
      {"code": 105, "error": "Prohibited keyword in request data: {\"key\":\"constructor\"}."}
      """

  # GHSA-q342-9w2p-57fp.
  @id.security.nested-proto
  Scenario: A nested __proto__ key in a new object is refused with code 105
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"profile": {"settings": {"__proto__": {"admin": true}}}}
      """
    Then the response status is 400
    And the response body is:
      """
      {"code": 105, "error": "Prohibited keyword in request data: {\"key\":\"__proto__\"}."}
      """

  # GHSA-q342-9w2p-57fp (the denylist's BSON entry, against code injection
  # into MongoDB; refused on every database).
  @id.security.nested-bsontype
  Scenario: A nested _bsontype of Code in a new object is refused with code 105
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"profile": {"settings": {"_bsontype": "Code", "code": "return 1"}}}
      """
    Then the response status is 400
    And the response body is:
      """
      {"code": 105, "error": "Prohibited keyword in request data: {\"key\":\"_bsontype\",\"value\":\"Code\"}."}
      """

  # GHSA-q342-9w2p-57fp, on an update: the object is left as it was.
  @id.security.nested-keyword-update
  Scenario: A nested prohibited keyword in an update is refused with code 105 and changes nothing
    Given a user alice signed up with password "p_n7!-e8"
    And alice created the object thing of class Thing with:
      """
      {"label": "before"}
      """
    And the client uses the session token of alice
    When the client sends PUT /classes/{{Thing}}/{{thing.objectId}} with body:
      """
      {"label": "after", "profile": {"constructor": {"prototype": {"admin": 1}}}}
      """
    Then the response status is 400
    And the response is a Parse error with code 105
    And the object thing of class Thing, read with the master key, contains:
      """
      {"label": "before"}
      """

  # GHSA-q342-9w2p-57fp, on a sign-up: no user is created.
  @id.security.nested-keyword-sign-up
  Scenario: A nested prohibited keyword in a sign-up is refused with code 105 and creates no user
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8", "profile": {"__proto__": {"admin": true}}}
      """
    Then the response status is 400
    And the response is a Parse error with code 105
    When the client sends POST /login with body:
      """
      {"username": "{{cooldude6}}", "password": "p_n7!-e8"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."

  # GHSA-9ccr-fpp6-78qf and related prototype-pollution advisories.
  @id.security.top-level-proto
  Scenario: A top-level __proto__ is refused as an invalid field name with code 105
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"__proto__": {"admin": true}}
      """
    Then the response status is 400
    And the response is the Parse error 105 "Invalid field name: __proto__."
