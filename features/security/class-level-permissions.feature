@security @security-class-level-permissions
Feature: Protected fields and closed classes cannot be reached through queries
  A field a class protects from a caller stays hidden whatever the query
  looks like: inside `$or`, `$and` and `$nor`, through dot notation into
  an object, as a sort order or as a pattern, naming it is refused with
  code 119, since which objects match would reveal its value. A Relation
  field protected on its owning class cannot be followed with
  `$relatedTo` either, and a class closed to gets does not give away the
  relations of its objects. A class closed to finds cannot be read through
  a subquery (`$inQuery`, `$select`) of a query on another class.

  Source: Parse REST API guide, Queries ("Relational Queries",
  "Compound Queries"); Parse Server security advisories (GitHub Security
  Advisories, named in a comment above each scenario); Parse Server 9.10
  `RestQuery.denyProtectedFields`, `DatabaseController.authorizeRelatedToQuery`.
  The user's `email` (Parse Server's default protected field) is covered
  in protected-fields.feature; these scenarios protect a class's own fields.

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And the client uses the session token of alice
    And the class Member exists with the schema:
      """
      {"fields": {"name": {"type": "String"}, "pin": {"type": "String"},
                  "card": {"type": "Object"}, "friends": {"type": "Relation", "targetClass": "_User"}},
       "classLevelPermissions": {"find": {"*": true}, "get": {"*": true}, "count": {"*": true},
                                 "create": {"*": true}, "update": {"*": true}, "delete": {"*": true},
                                 "addField": {"*": true},
                                 "protectedFields": {"*": ["pin", "card", "friends"]}}}
      """
    And the object someone of class Member exists with:
      """
      {"name": "someone", "pin": "4711", "card": {"number": "4000-1234"},
       "friends": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}]}}
      """

  Scenario Outline: A query naming a protected field is refused with code 119: <how>
    When the client queries /classes/{{Member}} with:
      | <parameter> | <value> |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

    # GHSA-72hp-qff8-4pvv: protected fields queried inside logical operators.
    @id.security.clp-protected-or
    Examples: inside $or
      | how | parameter | value                                   |
      | $or | where     | {"$or": [{"pin": "4711"}, {"name": "x"}]} |

    # GHSA-72hp-qff8-4pvv.
    @id.security.clp-protected-and
    Examples: inside $and
      | how  | parameter | value                      |
      | $and | where     | {"$and": [{"pin": "4711"}]} |

    # GHSA-72hp-qff8-4pvv.
    @id.security.clp-protected-nor
    Examples: inside $nor
      | how  | parameter | value                      |
      | $nor | where     | {"$nor": [{"pin": "0000"}]} |

    # GHSA-r2m8-pxm9-9c4g: protected fields reached through dot notation.
    @id.security.clp-protected-dot-notation
    Examples: dot notation into a protected object
      | how          | parameter | value                          |
      | dot notation | where     | {"card.number": "4000-1234"}   |

    # GHSA-r2m8-pxm9-9c4g: protected fields used as a sort order.
    @id.security.clp-protected-order
    Examples: a sort order on a sub-key
      | how   | parameter | value        |
      | order | order     | -card.number |

    # GHSA-2m6g-crv8-p3c6: protected values brute-forced with a pattern.
    @id.security.clp-protected-regex
    Examples: a pattern
      | how    | parameter | value                     |
      | $regex | where     | {"pin": {"$regex": "^4"}} |

  # GHSA-wmwx-jr2p-4j4r: $relatedTo bypassed protectedFields on the owning class.
  @id.security.clp-related-to-protected-relation
  Scenario: Following a protected Relation field with $relatedTo is refused with code 119
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Member}}", "objectId": "{{someone.objectId}}"}, "key": "friends"}} |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  # GHSA-wmwx-jr2p-4j4r, with the dot notation of GHSA-r2m8-pxm9-9c4g: a
  # key under the protected Relation is refused as the Relation itself.
  @id.security.clp-related-to-protected-relation-dotted
  Scenario: Following a key under a protected Relation field with $relatedTo is refused with code 119
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Member}}", "objectId": "{{someone.objectId}}"}, "key": "friends.x"}} |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  # GHSA-wmwx-jr2p-4j4r: $relatedTo bypassed the owning object's read permissions.
  @id.security.clp-related-to-owner-closed
  Scenario: $relatedTo on an object of a class closed to gets relates nothing
    Given the class-level permissions of Member are:
      """
      {"find": {"*": true}, "get": {}}
      """
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Member}}", "objectId": "{{someone.objectId}}"}, "key": "friends"}} |
    Then the response status is 200
    And there are no results

  # Counterpart of GHSA-wmwx-jr2p-4j4r: the rule hides what the caller may
  # not read; it does not break $relatedTo where the caller may.
  @id.security.clp-related-to-allowed
  Scenario: $relatedTo on a readable owner and an unprotected Relation finds the related objects
    Given the class-level permissions of Member are:
      """
      {"find": {"*": true}, "get": {"*": true}, "protectedFields": {"*": ["pin"]}}
      """
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Member}}", "objectId": "{{someone.objectId}}"}, "key": "friends"}} |
    Then the response status is 200
    And the results are the users "alice", in any order

  # No advisory of its own: a subquery runs as the caller, under the
  # subquery class's own find permission (Parse Server's RestQuery).
  Scenario Outline: A subquery into a class closed to finds is refused with code 119: <operator>
    Given the class Ledger exists with the schema:
      """
      {"fields": {"name": {"type": "String"}},
       "classLevelPermissions": {"find": {}, "get": {}, "count": {}, "create": {}, "update": {}, "delete": {}, "addField": {}}}
      """
    When the client queries /classes/{{Member}} with:
      | where | <where> |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

    @id.security.clp-subquery-in-query
    Examples: $inQuery
      | operator | where                                                                   |
      | $inQuery | {"name": {"$inQuery": {"className": "{{Ledger}}", "where": {}}}}         |

    @id.security.clp-subquery-select
    Examples: $select
      | operator | where                                                                                     |
      | $select  | {"name": {"$select": {"query": {"className": "{{Ledger}}", "where": {}}, "key": "name"}}} |

  # GHSA-fcv6-fg5r-jm9q: an object reached through a pointer (include) must
  # be filtered by its own class's rules, not shown as stored.
  @id.security.clp-include-hides-protected
  Scenario: An included object of a class with protected fields comes without them
    Given the class Badge exists with the schema:
      """
      {"fields": {"holder": {"type": "Pointer", "targetClass": "{{Member}}"}}}
      """
    And the object badge of class Badge exists with:
      """
      {"holder": {"__type": "Pointer", "className": "{{Member}}", "objectId": "{{someone.objectId}}"}}
      """
    When the client queries /classes/{{Badge}} with:
      | include | holder |
    Then the response status is 200
    And the response body contains:
      """
      {"results": [{"holder": {"__type": "Object", "name": "someone"}}]}
      """
    And the response body does not contain "4711"
    And the response body does not contain "4000-1234"
    When the client sends GET /classes/{{Badge}}/{{badge.objectId}}?include=holder
    Then the response status is 200
    And the response body does not contain "4711"

  # GHSA-fcv6-fg5r-jm9q: include runs as a query on the pointed class, under
  # its class-level permissions (Parse Server checks `get` when the page
  # points to one object, `find` when to several).
  @id.security.clp-include-closed-class
  Scenario: Including a pointer into a class closed to finds and gets is refused with code 119
    Given the class Badge exists with the schema:
      """
      {"fields": {"holder": {"type": "Pointer", "targetClass": "{{Member}}"}}}
      """
    And the object badge of class Badge exists with:
      """
      {"holder": {"__type": "Pointer", "className": "{{Member}}", "objectId": "{{someone.objectId}}"}}
      """
    And the class-level permissions of Member are:
      """
      {"find": {}, "get": {}}
      """
    When the client queries /classes/{{Badge}} with:
      | include | holder |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    When the client sends GET /classes/{{Badge}}/{{badge.objectId}}?include=holder
    Then the response is the Parse error 119 "Permission denied"
    When the client sends GET /classes/{{Badge}}/{{badge.objectId}}
    Then the response status is 200
