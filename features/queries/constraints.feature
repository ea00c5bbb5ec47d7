@queries @constraints
Feature: Query constraints
  A GET to a class URL lists its objects in a `results` array; the `where`
  parameter, JSON then URL-encoded, keeps only the objects that match. A
  plain value selects the objects whose field equals it; an object of
  operators compares instead: `$lt`, `$lte`, `$gt`, `$gte`, `$ne`, `$eq`,
  `$in`, `$nin` and `$exists`. Dates are compared as dates, written as
  `{"__type": "Date", "iso": …}`, and `createdAt` is a date too.

  Source: Parse REST API guide, Queries, "Basic Queries" and "Query
  Constraints"; Data Types, "Dates".

  Background:
    Given the client uses the application id and the REST API key
    And the class GameScore holds these objects:
      | object | playerName    | score | cheatMode | nickname | playedAt                                                |
      | sean   | Sean Plott    | 1000  | false     | Seano    | {"__type": "Date", "iso": "2022-01-01T12:00:00.000Z"} |
      | jang   | Jang Min Chul | 2000  | false     |          | {"__type": "Date", "iso": "2022-03-01T12:00:00.000Z"} |
      | dario  | Dario Wunsch  | 3000  | true      | DW       | {"__type": "Date", "iso": "2022-06-01T12:00:00.000Z"} |
      | shawn  | Shawn Simon   | 4000  | false     |          |                                                         |

  @id.queries.basic-list
  Scenario: A query without parameters lists every object of the class in a results array
    When the client sends GET /classes/{{GameScore}}
    Then the response status is 200
    And the response body matches the schema "query-results"
    And the results are the objects "sean, jang, dario, shawn", in any order

  @id.queries.equality
  Scenario: Plain values in where select the objects whose fields equal them all
    When the client queries /classes/{{GameScore}} with:
      | where | {"playerName": "Sean Plott", "cheatMode": false} |
    Then the response status is 200
    And the results are the objects "sean", in any order

  @id.queries.range
  Scenario: Two comparisons on one key select the values between them, endpoints included
    When the client queries /classes/{{GameScore}} with:
      | where | {"score": {"$gte": 2000, "$lte": 3000}} |
    Then the response status is 200
    And the results are the objects "jang, dario", in any order

  Scenario Outline: A comparison operator selects objects by value: <operator>
    When the client queries /classes/{{GameScore}} with:
      | where | {"score": <constraint>} |
    Then the response status is 200
    And the results are the objects "<objects>", in any order

    @id.queries.lt
    Examples: less than
      | operator | constraint     | objects |
      | $lt      | {"$lt": 2000}  | sean    |

    @id.queries.lte
    Examples: less than or equal to
      | operator | constraint     | objects    |
      | $lte     | {"$lte": 2000} | sean, jang |

    @id.queries.gt
    Examples: greater than
      | operator | constraint     | objects |
      | $gt      | {"$gt": 3000}  | shawn   |

    @id.queries.gte
    Examples: greater than or equal to
      | operator | constraint     | objects      |
      | $gte     | {"$gte": 3000} | dario, shawn |

    @id.queries.ne
    Examples: not equal to
      | operator | constraint     | objects            |
      | $ne      | {"$ne": 2000}  | sean, dario, shawn |

    @id.queries.eq
    Examples: equal to
      | operator | constraint     | objects |
      | $eq      | {"$eq": 2000}  | jang    |

    @id.queries.in
    Examples: contained in
      | operator | constraint            | objects     |
      | $in      | {"$in": [1000, 3000]} | sean, dario |

    @id.queries.nin
    Examples: not contained in
      | operator | constraint             | objects     |
      | $nin     | {"$nin": [1000, 3000]} | jang, shawn |

  @id.queries.nin-strings
  Scenario: $nin leaves out the objects whose value is in the list
    When the client queries /classes/{{GameScore}} with:
      | where | {"playerName": {"$nin": ["Jonathan Walsh", "Dario Wunsch", "Shawn Simon"]}} |
    Then the response status is 200
    And the results are the objects "sean, jang", in any order

  @id.queries.exists
  Scenario: $exists true selects the objects that have the field
    When the client queries /classes/{{GameScore}} with:
      | where | {"nickname": {"$exists": true}} |
    Then the response status is 200
    And the results are the objects "sean, dario", in any order

  @id.queries.not-exists
  Scenario: $exists false selects the objects without the field
    When the client queries /classes/{{GameScore}} with:
      | where | {"nickname": {"$exists": false}} |
    Then the response status is 200
    And the results are the objects "jang, shawn", in any order

  @id.queries.date-comparison
  Scenario: A date in a comparison compares the moments
    When the client queries /classes/{{GameScore}} with:
      | where | {"playedAt": {"$lt": {"__type": "Date", "iso": "2022-04-01T00:00:00.000Z"}}} |
    Then the response status is 200
    And the results are the objects "sean, jang", in any order

  @id.queries.date-equality
  Scenario: A date as a plain value selects the objects with that moment
    When the client queries /classes/{{GameScore}} with:
      | where | {"playedAt": {"__type": "Date", "iso": "2022-03-01T12:00:00.000Z"}} |
    Then the response status is 200
    And the results are the objects "jang", in any order

  @id.queries.created-at-date
  Scenario: createdAt compares with a date like any date field
    When the client queries /classes/{{GameScore}} with:
      | where | {"createdAt": {"$gt": {"__type": "Date", "iso": "2000-01-01T00:00:00.000Z"}}, "cheatMode": false} |
    Then the response status is 200
    And the results are the objects "sean, jang, shawn", in any order
