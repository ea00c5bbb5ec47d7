@queries @relational
Feature: Relational queries
  A pointer in `where`, written as `{"__type": "Pointer", "className": …,
  "objectId": …}`, selects the objects whose field points to that object.
  `$inQuery` selects the objects whose pointer field points to an object
  that matches another query (`{"where": …, "className": …}`), and
  `$notInQuery` those whose pointer does not. `$select` selects the objects
  whose field equals the value of a key in the results of another query
  (`{"query": {"className": …, "where": …}, "key": …}`), and `$dontSelect`
  those whose field equals none of them. A subquery returns only what the
  caller may read, as any query does.

  Source: Parse REST API guide, Queries, "Relational Queries" and "Query
  Constraints" ($select, $dontSelect).

  Background:
    Given the client uses the application id and the REST API key
    And the class Post holds these objects:
      | object    | title     | image   | ACL |
      | withImage | Pictures  | cat.png |     |
      | textOnly  | Words     |         |     |
      | hidden    | Secret    | dog.png | {}  |
    And the class Comment holds these objects:
      | object | text  | post                                                                             |
      | nice   | Nice  | {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{withImage.objectId}}"} |
      | meh    | Meh   | {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{textOnly.objectId}}"}  |
      | wow    | Wow   | {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{withImage.objectId}}"} |
      | psst   | Psst  | {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{hidden.objectId}}"}    |

  @id.queries.pointer-equality
  Scenario: A pointer as a plain value selects the objects that point to that object
    When the client queries /classes/{{Comment}} with:
      | where | {"post": {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{withImage.objectId}}"}} |
    Then the response status is 200
    And the results are the objects "nice, wow", in any order

  @id.queries.in-query
  Scenario: $inQuery selects the objects whose pointer leads to an object matching the subquery
    Given the client uses the master key
    When the client queries /classes/{{Comment}} with:
      | where | {"post": {"$inQuery": {"where": {"image": {"$exists": true}}, "className": "{{Post}}"}}} |
    Then the response status is 200
    And the results are the objects "nice, wow, psst", in any order

  @id.queries.not-in-query
  Scenario: $notInQuery selects the objects whose pointer leads to no object matching the subquery
    Given the client uses the master key
    When the client queries /classes/{{Comment}} with:
      | where | {"post": {"$notInQuery": {"where": {"image": {"$exists": true}}, "className": "{{Post}}"}}} |
    Then the response status is 200
    And the results are the objects "meh", in any order

  @id.queries.in-query-acl
  Scenario: A subquery finds only the objects the caller may read
    When the client queries /classes/{{Comment}} with:
      | where | {"post": {"$inQuery": {"where": {"image": {"$exists": true}}, "className": "{{Post}}"}}} |
    Then the response status is 200
    And the results are the objects "nice, wow", in any order

  @id.queries.select
  Scenario: $select selects the objects whose field equals a key's value in the subquery's results
    Given the class Team holds these objects:
      | object | city  | winPct |
      | paris  | Paris | 0.7    |
      | rome   | Rome  | 0.2    |
      | lyon   | Lyon  | 0.6    |
    And the class Fan holds these objects:
      | object | hometown |
      | ann    | Paris    |
      | bob    | Rome     |
      | cat    | Lyon     |
      | dan    | Oslo     |
    When the client queries /classes/{{Fan}} with:
      | where | {"hometown": {"$select": {"query": {"className": "{{Team}}", "where": {"winPct": {"$gt": 0.5}}}, "key": "city"}}} |
    Then the response status is 200
    And the results are the objects "ann, cat", in any order

  @id.queries.dont-select
  Scenario: $dontSelect selects the objects whose field equals no key value in the subquery's results
    Given the class Team holds these objects:
      | object | city  | winPct |
      | paris  | Paris | 0.7    |
      | rome   | Rome  | 0.2    |
      | lyon   | Lyon  | 0.6    |
    And the class Fan holds these objects:
      | object | hometown |
      | ann    | Paris    |
      | bob    | Rome     |
      | cat    | Lyon     |
      | dan    | Oslo     |
    When the client queries /classes/{{Fan}} with:
      | where | {"hometown": {"$dontSelect": {"query": {"className": "{{Team}}", "where": {"winPct": {"$gt": 0.5}}}, "key": "city"}}} |
    Then the response status is 200
    And the results are the objects "bob, dan", in any order

  @id.queries.select-users
  Scenario: $select works on users, as in the guide's hometown example
    Given the class Team holds these objects:
      | object | city  | winPct |
      | paris  | Paris | 0.7    |
      | rome   | Rome  | 0.2    |
    And these users signed up, readable by anyone:
      | user  | team     | hometown |
      | alice | {{team}} | Paris    |
      | bob   | {{team}} | Rome     |
    When the client queries /users with:
      | where | {"team": "{{team}}", "hometown": {"$select": {"query": {"className": "{{Team}}", "where": {"winPct": {"$gt": 0.5}}}, "key": "city"}}} |
    Then the response status is 200
    And the results are the users "alice", in any order

  @id.queries.include-in-find
  Scenario: include replaces each result's pointer with the whole object it points to
    When the client queries /classes/{{Comment}} with:
      | where   | {"text": "Nice"} |
      | include | post             |
    Then the response status is 200
    And the response body contains:
      """
      {"results": [{"objectId": "{{nice.objectId}}", "post": {"__type": "Object", "className": "{{Post}}", "objectId": "{{withImage.objectId}}", "title": "Pictures", "image": "cat.png"}}]}
      """

  @id.queries.include-unreadable
  Scenario: An included pointer to an object the caller may not read is left out of the result
    When the client queries /classes/{{Comment}} with:
      | where   | {"text": "Psst"} |
      | include | post             |
    Then the response status is 200
    And the results are the objects "psst", in any order
    And no result has the field "post"
