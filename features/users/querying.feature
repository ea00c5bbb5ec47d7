@users @querying
Feature: Querying users
  A GET to `/users` retrieves many users at once: the answer is an object
  whose `results` field lists them. Every query option that works for
  regular objects works for users: `where` constraints, `order`, `limit`,
  `skip`, `keys` and `count`.

  Each scenario's users share a team name unique to that scenario, and every
  query selects that team, so that other scenarios' users never show up. The
  users are readable by anyone (Parse Server 9 makes new users private).

  Source: Parse REST API guide, Users, "Querying" (and the query options of
  the guide's "Queries" section).

  Background:
    Given the client uses the application id and the REST API key
    And these users signed up, readable by anyone:
      | user  | team     | score | city  | nickname |
      | alice | {{team}} | 10    | Paris |          |
      | bob   | {{team}} | 20    | Rome  | bobby    |
      | carol | {{team}} | 30    | Paris |          |

  @id.query.results-array
  Scenario: Querying users returns them in a results array
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
    Then the response status is 200
    And the response body matches the schema "query-results"
    And the results are the users "alice, bob, carol", in any order

  @id.query.equality
  Scenario: An equality constraint selects the users with that value
    When the client queries /users with:
      | where | {"team": "{{team}}", "city": "Paris"} |
    Then the results are the users "alice, carol", in any order

  Scenario Outline: A comparison constraint selects users by value: <constraint>
    When the client queries /users with:
      | where | {"team": "{{team}}", "score": <constraint>} |
    Then the response status is 200
    And the results are the users "<users>", in any order

    @id.query.lt
    Examples: less than
      | constraint    | users |
      | {"$lt": 20}   | alice |

    @id.query.lte
    Examples: less than or equal
      | constraint    | users       |
      | {"$lte": 20}  | alice, bob  |

    @id.query.gt
    Examples: greater than
      | constraint    | users |
      | {"$gt": 20}   | carol |

    @id.query.gte
    Examples: greater than or equal
      | constraint    | users      |
      | {"$gte": 20}  | bob, carol |

    @id.query.ne
    Examples: not equal
      | constraint    | users        |
      | {"$ne": 20}   | alice, carol |

    @id.query.in
    Examples: in a list
      | constraint        | users        |
      | {"$in": [10, 30]} | alice, carol |

    @id.query.nin
    Examples: not in a list
      | constraint         | users |
      | {"$nin": [10, 30]} | bob   |

  @id.query.exists
  Scenario: $exists selects the users that have a field
    When the client queries /users with:
      | where | {"team": "{{team}}", "nickname": {"$exists": true}} |
    Then the results are the users "bob", in any order

  @id.query.regex
  Scenario: $regex selects the users whose string field matches
    When the client queries /users with:
      | where | {"team": "{{team}}", "city": {"$regex": "^Pa"}} |
    Then the results are the users "alice, carol", in any order

  @id.query.order-descending
  Scenario: order with a minus sorts descending
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
      | order | -score               |
    Then the results are the users "carol, bob, alice", in this order

  @id.query.order-several-keys
  Scenario: order with several keys sorts by the first, then the next
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
      | order | city,-score          |
    Then the results are the users "carol, alice, bob", in this order

  @id.query.limit-and-skip
  Scenario: limit and skip page through the results
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
      | order | score                |
      | skip  | 1                    |
      | limit | 1                    |
    Then the results are the users "bob", in this order

  @id.query.keys
  Scenario: keys restricts the fields of each result
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
      | keys  | score                |
    Then the results are the users "alice, bob, carol", in any order
    And every result has the field "score" and not the field "city"

  @id.query.count
  Scenario: count with limit 0 answers the number of matches and no results
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
      | count | 1                    |
      | limit | 0                    |
    Then the response status is 200
    And there are no results
    And the response body contains:
      """
      {"count": 3}
      """

  @id.query.keys-password
  Scenario: Asking for the password as a key returns no password
    # Parse Server 9.10 answers this query with no results at all; the rule
    # here is only that no password comes back.
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
      | keys  | password             |
    Then the response status is 200
    And no result has the field "password"

  @id.query.where-hashed-password
  Scenario: A constraint on the internal password hash is refused with code 105
    When the client queries /users with:
      | where | {"team": "{{team}}", "_hashed_password": {"$exists": true}} |
    Then the response status is 400
    And the response is a Parse error with code 105

  @id.query.acl-hides-users
  Scenario: A query does not return users whose ACL hides them from the caller
    Given a user dave signed up with:
      """
      {"password": "p_n7!-e8", "team": "{{team}}", "ACL": {}}
      """
    When the client queries /users with:
      | where | {"team": "{{team}}"} |
    Then the results are the users "alice, bob, carol", in any order

  @id.query.where-password
  Scenario: A constraint on the password never finds a user by it
    When the client queries /users with:
      | where | {"team": "{{team}}", "password": "p_n7!-e8"} |
    Then the response reveals no user
