@queries @aggregate
Feature: Distinct and aggregate queries
  `GET /aggregate/<className>` runs with the master key only. With
  `distinct=<field>` it answers the field's distinct values in `results`,
  among the objects `where` selects. With `group` it groups the objects by
  the value of `objectId` (`null`: all in one group) and computes
  accumulators such as `$sum`, `$avg`, `$max` and `$min`; `match` filters
  the objects as `where` does.

  Source: Parse REST API guide, Queries, "Distinct Queries" and "Aggregate
  Queries".

  Background:
    Given the client uses the application id and the REST API key
    And the class GameScore holds these objects:
      | object | playerName | score |
      | a      | Sean Plott | 10    |
      | b      | Sean Plott | 20    |
      | c      | Jang       | 20    |
      | d      | Dario      | 5     |

  @id.queries.distinct
  Scenario: distinct answers each value of the field once
    Given the client uses the master key
    When the client queries /aggregate/{{GameScore}} with:
      | distinct | score |
    Then the response status is 200
    And the results are these values, in any order:
      """
      [10, 20, 5]
      """

  @id.queries.distinct-where
  Scenario: distinct with where answers the values among the matching objects only
    Given the client uses the master key
    When the client queries /aggregate/{{GameScore}} with:
      | where    | {"playerName": "Sean Plott"} |
      | distinct | score                        |
    Then the response status is 200
    And the results are these values, in any order:
      """
      [10, 20]
      """

  @id.queries.aggregate-group
  Scenario: group with a null objectId sums a field over all the objects
    # Parse Server 9.10 takes only stages with a `$` and a group keyed by
    # `_id`: the guide's form answers 102 "Invalid aggregate stage 'group'."
    Given the client uses the master key
    When the client queries /aggregate/{{GameScore}} with:
      | group | {"objectId": null, "total": {"$sum": "$score"}} |
    Then the response status is 200
    And the response body is:
      """
      {"results": [{"objectId": null, "total": 55}]}
      """

  @id.queries.aggregate-match
  Scenario: match keeps only the objects that satisfy its constraints
    # Parse Server 9.10 answers 102 "Invalid aggregate stage 'match'." to
    # the guide's form without a `$`.
    Given the client uses the master key
    When the client queries /aggregate/{{GameScore}} with:
      | match | {"score": {"$gt": 15}} |
    Then the response status is 200
    And the results are the objects "b, c", in any order

  @id.queries.aggregate-pipeline
  Scenario: A pipeline of $match and $group groups by a field and answers the key as objectId
    Given the client uses the master key
    When the client queries /aggregate/{{GameScore}} with:
      | pipeline | [{"$match": {"score": {"$gte": 10}}}, {"$group": {"_id": "$playerName", "total": {"$sum": "$score"}, "best": {"$max": "$score"}}}] |
    Then the response status is 200
    And the results are these values, in any order:
      """
      [{"objectId": "Sean Plott", "total": 30, "best": 20}, {"objectId": "Jang", "total": 20, "best": 20}]
      """

  @id.queries.aggregate-needs-master-key
  Scenario: Without the master key an aggregate query is refused with 403
    When the client queries /aggregate/{{GameScore}} with:
      | distinct | score |
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """
