@queries @options
Feature: Sorting, paging, choosing keys and counting
  Besides `where`, a query takes `order` (a field to sort by, `-` first for
  descending, several fields separated by commas), `limit` (at most this
  many results, 100 by default) and `skip` (leave out this many first) to
  page through the results, `keys` (only these fields, plus the built-in
  `objectId`, `createdAt`, `updatedAt`, and the `ACL`) and `excludeKeys`
  (every field but these), and `count=1` to get the number of matches in
  `count` as well; with `limit=0` there is a count and no results. These
  parameters combine.

  Source: Parse REST API guide, Queries, "Query Constraints" (order, limit,
  skip, keys, excludeKeys) and "Counting Objects".

  Background:
    Given the client uses the application id and the REST API key
    And the class GameScore holds these objects:
      | object | playerName | score | cheatMode | ACL                                  |
      | alice  | Alice      | 10    | false     | {"*": {"read": true, "write": true}} |
      | bob    | Bob        | 20    | false     | {"*": {"read": true, "write": true}} |
      | carol  | Carol      | 20    | true      | {"*": {"read": true, "write": true}} |
      | dave   | Dave       | 30    | false     | {"*": {"read": true, "write": true}} |

  @id.queries.order-ascending
  Scenario: order sorts by the field, ascending
    When the client queries /classes/{{GameScore}} with:
      | order | playerName |
    Then the results are the objects "alice, bob, carol, dave", in this order

  @id.queries.order-descending
  Scenario: A minus before the field sorts descending
    When the client queries /classes/{{GameScore}} with:
      | order | -playerName |
    Then the results are the objects "dave, carol, bob, alice", in this order

  @id.queries.order-several-keys
  Scenario: Several comma-separated fields sort by the first, then by the next on ties
    When the client queries /classes/{{GameScore}} with:
      | order | score,-playerName |
    Then the results are the objects "alice, carol, bob, dave", in this order

  @id.queries.limit
  Scenario: limit returns at most that many results
    When the client queries /classes/{{GameScore}} with:
      | order | score,playerName |
      | limit | 2                |
    Then the results are the objects "alice, bob", in this order

  @id.queries.skip
  Scenario: skip leaves out that many results first, for paging with limit
    When the client queries /classes/{{GameScore}} with:
      | order | score,playerName |
      | skip  | 1                |
      | limit | 2                |
    Then the results are the objects "bob, carol", in this order

  @id.queries.limit-zero
  Scenario: limit 0 returns no results
    When the client queries /classes/{{GameScore}} with:
      | limit | 0 |
    Then the response status is 200
    And there are no results

  @id.queries.keys
  Scenario: keys returns only the given fields and the built-in ones
    When the client queries /classes/{{GameScore}} with:
      | keys | score |
    Then the response status is 200
    And the results are the objects "alice, bob, carol, dave", in any order
    And every result has exactly the fields "objectId, createdAt, updatedAt, ACL, score"

  @id.queries.keys-several
  Scenario: keys takes several comma-separated fields
    When the client queries /classes/{{GameScore}} with:
      | where | {"score": 10}    |
      | keys  | score,playerName |
    Then the results are the objects "alice", in any order
    And every result has exactly the fields "objectId, createdAt, updatedAt, ACL, score, playerName"

  @id.queries.exclude-keys
  Scenario: excludeKeys returns every field but the given ones
    When the client queries /classes/{{GameScore}} with:
      | excludeKeys | playerName |
    Then the response status is 200
    And the results are the objects "alice, bob, carol, dave", in any order
    And every result has exactly the fields "objectId, createdAt, updatedAt, ACL, score, cheatMode"

  @id.queries.exclude-built-in-keys
  Scenario: excludeKeys does not remove objectId, createdAt or updatedAt
    When the client queries /classes/{{GameScore}} with:
      | where       | {"score": 30}                        |
      | excludeKeys | objectId,createdAt,updatedAt,score   |
    Then the results are the objects "dave", in any order
    And every result has exactly the fields "objectId, createdAt, updatedAt, ACL, playerName, cheatMode"

  @id.queries.count-limit-zero
  Scenario: count with limit 0 answers the number of matches and no results
    When the client queries /classes/{{GameScore}} with:
      | where | {"score": {"$gte": 20}} |
      | count | 1                       |
      | limit | 0                       |
    Then the response status is 200
    And there are no results
    And the response body is:
      """
      {"results": [], "count": 3}
      """

  @id.queries.count-with-results
  Scenario: count with a nonzero limit answers the results and the number of all matches
    When the client queries /classes/{{GameScore}} with:
      | where | {"score": {"$gte": 20}} |
      | order | score,playerName        |
      | count | 1                       |
      | limit | 1                       |
    Then the response status is 200
    And the results are the objects "bob", in this order
    And the response body contains:
      """
      {"count": 3}
      """

  @id.queries.no-count-by-default
  Scenario: Without count the answer has no count
    When the client queries /classes/{{GameScore}} with:
      | where | {"score": 10} |
    Then the response status is 200
    And the response body has no field "count"

  @id.queries.combined-parameters
  Scenario: where, order, skip, limit and keys combine in one query
    When the client queries /classes/{{GameScore}} with:
      | where | {"playerName": {"$nin": ["Alice"]}} |
      | order | -score,playerName                  |
      | skip  | 1                                  |
      | limit | 1                                  |
      | keys  | playerName                         |
    Then the results are the objects "bob", in this order
    And every result has exactly the fields "objectId, createdAt, updatedAt, ACL, playerName"
