@queries @invalid
Feature: Invalid queries
  A query the server cannot run is refused with HTTP 400 and a Parse
  error, whatever objects the class holds: 102 (invalid query) for a
  parameter a query does not take, a malformed constraint, a compound
  operator without an array, a query on the `ACL`, or a bad `limit` or
  `skip`; 105 (invalid key name) for a field name that is not one; 107
  (invalid JSON) for a `where` that is not JSON, an operator that does not
  exist, or an operand of the wrong type, such as `$in` without an array.

  Source: Parse REST API guide, Queries, "Query Constraints"; Errors, codes
  102, 105 and 107 (INVALID_QUERY, INVALID_KEY_NAME, INVALID_JSON).

  Background:
    Given the client uses the application id and the REST API key
    And the class Thing holds these objects:
      | object | name | score | tags       |
      | one    | One  | 1     | ["a", "b"] |

  @id.queries.unknown-parameter
  Scenario: A parameter a query does not take is refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {}    |
      | foo   | 1     |
    Then the response status is 400
    And the response is the Parse error 102 "Invalid parameter for query: foo"

  @id.queries.where-not-json
  Scenario: A where that is not JSON is refused with code 107
    When the client queries /classes/{{Thing}} with:
      | where | {"name": |
    Then the response status is 400
    And the response is the Parse error 107 "where parameter is not valid JSON"

  @id.queries.unknown-operator
  Scenario: An operator that does not exist is refused with code 107
    # Parse Server 9.10 on PostgreSQL answers 119 "Postgres doesn't support
    # this query type yet {"$foo":1}"; on MongoDB it answers 107
    # "bad constraint: $foo".
    When the client queries /classes/{{Thing}} with:
      | where | {"score": {"$foo": 1}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad constraint: $foo"

  Scenario Outline: An operator that takes a list refuses anything else with code 107: <operator>
    When the client queries /classes/{{Thing}} with:
      | where | {"score": {"<operator>": 1}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad <operator> value"

    @id.queries.in-not-array
    Examples: $in
      | operator |
      | $in      |

    @id.queries.nin-not-array
    Examples: $nin
      | operator |
      | $nin     |

    # Parse Server 9.10 on PostgreSQL answers 119 "Postgres doesn't support
    # this query type yet {"$all":1}"; on MongoDB, 107 "bad $all value".
    @id.queries.all-not-array
    Examples: $all
      | operator |
      | $all     |

  @id.queries.exists-not-boolean
  Scenario: $exists with something else than true or false is refused with code 107
    # Parse Server 9.10 takes any value, as true when it is truthy.
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"$exists": "yes"}} |
    Then the response status is 400
    And the response is a Parse error with code 107

  @id.queries.regex-not-string
  Scenario: A $regex that is not a string is refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"$regex": 1}} |
    Then the response status is 400
    And the response is the Parse error 102 "$regex value must be a string"

  @id.queries.options-not-string
  Scenario: $options that are not a string are refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"$regex": "^O", "$options": 1}} |
    Then the response status is 400
    And the response is the Parse error 102 "$options value must be a string"

  @id.queries.bad-options
  Scenario: $options with a letter other than i, m, x, s or u are refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"$regex": "^O", "$options": "iq"}} |
    Then the response status is 400
    And the response is the Parse error 102 "Bad $options value for query: iq"

  @id.queries.malformed-regex
  Scenario: A $regex that is not a valid regular expression is refused with code 102
    # Parse Server 9.10 on PostgreSQL answers HTTP 500, code 1 "An internal
    # server error occurred".
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"$regex": "(O"}} |
    Then the response status is 400
    And the response is a Parse error with code 102

  @id.queries.invalid-date
  Scenario: A date in a constraint that is not an ISO 8601 moment is refused with code 107
    # Parse Server 9.10 on PostgreSQL answers HTTP 500, code 1 "An internal
    # server error occurred".
    When the client queries /classes/{{Thing}} with:
      | where | {"createdAt": {"$lt": {"__type": "Date", "iso": "not a date"}}} |
    Then the response status is 400
    And the response is a Parse error with code 107

  @id.queries.invalid-key-name
  Scenario: A field name with characters a field cannot have is refused with code 105
    When the client queries /classes/{{Thing}} with:
      | where | {"bad-key": 1} |
    Then the response status is 400
    And the response is the Parse error 105 "Invalid key name: bad-key"

  @id.queries.dollar-key-name
  Scenario: A top-level key with a $ that is no compound operator is refused with code 105
    When the client queries /classes/{{Thing}} with:
      | where | {"$score": 1} |
    Then the response status is 400
    And the response is the Parse error 105 "Invalid key name: $score"

  @id.queries.query-on-acl
  Scenario: A constraint on the ACL is refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {"ACL": {"$exists": true}} |
    Then the response status is 400
    And the response is the Parse error 102 "Cannot query on ACL."

  @id.queries.or-not-array
  Scenario: $or without an array is refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {"$or": {"score": 1}} |
    Then the response status is 400
    And the response is a Parse error with code 102

  @id.queries.nor-empty
  Scenario: $nor with an empty array is refused with code 102
    When the client queries /classes/{{Thing}} with:
      | where | {"$nor": []} |
    Then the response status is 400
    And the response is the Parse error 102 "Bad $nor format - use an array of at least 1 value."

  @id.queries.limit-not-number
  Scenario: A limit that is not a number is refused with code 102
    # Parse Server 9.10 on PostgreSQL answers HTTP 500, code 1.
    When the client queries /classes/{{Thing}} with:
      | limit | many |
    Then the response status is 400
    And the response is a Parse error with code 102

  @id.queries.negative-skip
  Scenario: A negative skip is refused with code 102
    # Parse Server 9.10 on PostgreSQL answers HTTP 500, code 1.
    When the client queries /classes/{{Thing}} with:
      | skip | -1 |
    Then the response status is 400
    And the response is a Parse error with code 102

  @id.queries.order-invalid-field
  Scenario: Sorting by a name that is no field name is refused with code 105
    When the client queries /classes/{{Thing}} with:
      | order | bad-key |
    Then the response status is 400
    And the response is the Parse error 105 "Invalid field name: bad-key."

  @id.queries.text-search-not-object
  Scenario: $text whose $search is not an object is refused with code 107
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"$text": {"$search": "One"}}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad $text: $search, should be object"

  Scenario Outline: A subquery without its required parts is refused with code 102: <operator>
    When the client queries /classes/{{Thing}} with:
      | where | {"name": {"<operator>": <operand>}} |
    Then the response status is 400
    And the response is the Parse error 102 "improper usage of <operator>"

    @id.queries.in-query-improper
    Examples: $inQuery without where
      | operator | operand                   |
      | $inQuery | {"className": "{{Thing}}"} |

    @id.queries.not-in-query-improper
    Examples: $notInQuery without className
      | operator    | operand          |
      | $notInQuery | {"where": {}}    |

    @id.queries.select-improper
    Examples: $select without key
      | operator | operand                                               |
      | $select  | {"query": {"className": "{{Thing}}", "where": {}}}    |

    @id.queries.dont-select-improper
    Examples: $dontSelect with a key too many
      | operator    | operand                                                                     |
      | $dontSelect | {"query": {"className": "{{Thing}}", "where": {}}, "key": "name", "x": 1}   |
