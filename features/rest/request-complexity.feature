@rest @limits @request-complexity
Feature: Request complexity limits
  A server can refuse requests that would cost it too much: a query whose
  `$or`, `$and` and `$nor` nest too deep, subqueries (`$inQuery`,
  `$notInQuery`, `$select`, `$dontSelect`) nested too deep, an `include`
  path with too many fields or too many `include` paths, and a batch with
  too many commands. Parse Server calls these limits `requestComplexity`;
  version 9.10 has them all off unless configured, and announces these
  values as its next defaults: 10 levels of compound operators, 10 levels
  of subqueries, include paths of 10 fields, 100 include paths (a path
  `a.b` counts as `a` and `a.b`), 100 commands per batch. A target that
  enforces them at those values offers the capability
  `request-complexity`.

  A query over a limit is refused with HTTP 400 and code 102 (invalid
  query), a batch over its limit with code 107 (invalid JSON), each with a
  message that names the limit; a request at the limit is served. The
  master key is never limited.

  Source: Parse Server 9.10's options (`requestComplexity` in
  lib/Options/Definitions.js; announced defaults in
  lib/Deprecator/Deprecations.js); the guide documents no such limit.

  Background:
    Given the client uses the application id and the REST API key
    And the class Thing exists

  @id.limits.query-depth
  Scenario: Compound operators nested one level deeper than the limit are refused with code 102
    # GHSA-9xp9-j92r-p88v: deeply nested compound operators crashed the
    # server (queryDepth).
    When the client queries /classes/{{Thing}} with $or nested 11 deep
    Then the response status is 400
    And the response is the Parse error 102 "Query condition nesting depth exceeds maximum allowed depth of 10"

  @id.limits.query-depth-under-operator
  Scenario: Compound operators count as deep under a field's operator as at the top of the query
    # GHSA-9fjp-q3c4-6w3j: the depth limit was bypassed by nesting $or under
    # a field-level operator.
    When the client queries /classes/{{Thing}} with $or nested 11 deep under $elemMatch on the field title
    Then the response status is 400
    And the response is the Parse error 102 "Query condition nesting depth exceeds maximum allowed depth of 10"

  @id.limits.query-depth-at-limit
  Scenario: Compound operators nested as deep as the limit are served
    When the client queries /classes/{{Thing}} with $or nested 10 deep
    Then the response status is 200
    And the response body contains:
      """
      {"results": []}
      """

  @id.limits.query-depth-master
  Scenario: The master key is not held to the query depth limit
    Given the client uses the master key
    When the client queries /classes/{{Thing}} with $or nested 11 deep
    Then the response status is 200

  @id.limits.subquery-depth
  Scenario: Subqueries nested one level deeper than the limit are refused with code 102
    # GHSA-cmj3-wx7h-ffvg: unbounded query complexity (subqueryDepth,
    # includeDepth, includeCount).
    Given the object post of class Thing exists with:
      """
      {"owner": {"__type": "Pointer", "className": "{{Thing}}", "objectId": "none"}}
      """
    When the client queries /classes/{{Thing}} with $inQuery subqueries on {{Thing}} nested 11 deep
    Then the response status is 400
    And the response is the Parse error 102 "Subquery nesting depth exceeds maximum allowed depth of 10"

  @id.limits.subquery-depth-at-limit
  Scenario: Subqueries nested as deep as the limit are served
    Given the object post of class Thing exists with:
      """
      {"owner": {"__type": "Pointer", "className": "{{Thing}}", "objectId": "none"}}
      """
    When the client queries /classes/{{Thing}} with $inQuery subqueries on {{Thing}} nested 10 deep
    Then the response status is 200

  @id.limits.include-depth
  Scenario: An include path one field longer than the limit is refused with code 102
    When the client queries /classes/{{Thing}} including one path of 11 fields
    Then the response status is 400
    And the response is the Parse error 102 "Include depth of 11 exceeds maximum allowed depth of 10"

  @id.limits.include-depth-get
  Scenario: The include depth limit applies to retrieving one object too
    Given the object post of class Thing exists with:
      """
      {"title": "a post"}
      """
    When the client sends GET /classes/{{Thing}}/{{post.objectId}}?include=f1.f2.f3.f4.f5.f6.f7.f8.f9.f10.f11
    Then the response status is 400
    And the response is the Parse error 102 "Include depth of 11 exceeds maximum allowed depth of 10"

  @id.limits.include-count
  Scenario: One include path more than the limit is refused with code 102
    When the client queries /classes/{{Thing}} including 101 fields
    Then the response status is 400
    And the response is the Parse error 102 "Number of include fields (101) exceeds maximum allowed (100)"

  @id.limits.include-count-prefixes
  Scenario: Each field of an include path counts as one include path toward the limit
    When the client queries /classes/{{Thing}} including 51 paths of two fields
    Then the response status is 400
    And the response is the Parse error 102 "Number of include fields (102) exceeds maximum allowed (100)"

  @id.limits.include-at-limit
  Scenario: Include paths as long and as many as the limits allow are served
    When the client queries /classes/{{Thing}} including 100 fields
    Then the response status is 200
    When the client queries /classes/{{Thing}} including one path of 10 fields
    Then the response status is 200

  @id.limits.include-master
  Scenario: The master key is not held to the include limits
    Given the client uses the master key
    When the client queries /classes/{{Thing}} including 101 fields
    Then the response status is 200
    When the client queries /classes/{{Thing}} including one path of 11 fields
    Then the response status is 200

  @id.limits.batch
  Scenario: A batch of one command more than the limit is refused with code 107
    # Parse Server 9.10 added batchRequestLimit opt-in (parse-server pull
    # request 10265); its next major turns it on at 100.
    When the client sends a batch of 101 finds on /classes/{{Thing}}
    Then the response status is 400
    And the response is the Parse error 107 "Batch request contains 101 sub-requests, which exceeds the limit of 100."

  @id.limits.batch-at-limit
  Scenario: A batch of as many commands as the limit is served
    When the client sends a batch of 100 finds on /classes/{{Thing}}
    Then the response status is 200

  @id.limits.batch-master
  Scenario: The master key is not held to the batch limit
    Given the client uses the master key
    When the client sends a batch of 101 finds on /classes/{{Thing}}
    Then the response status is 200
