@rest @hostile
Feature: Hostile input
  Whatever a client sends, the server answers it: a request it cannot use
  is refused with an HTTP 4xx status and a JSON error body, never with a
  server error, and the server keeps serving the requests that follow.

  A request body is a JSON object. A body that is not valid JSON, or valid
  JSON that is not an object (an array, a string, a number, `null`), is
  refused with HTTP 400 and an error message (the guide does not say
  which code; Parse Server answers some of these without one). JSON nested
  thousands of levels deep, and numbers too large for a double, are not
  usable JSON: refused with code 107 (invalid JSON). Moderate nesting is
  data like any other and is kept as sent. A body over the server's upload
  limit is refused with HTTP 413 before it is read.

  A query's `where` is a JSON object, and `skip` a whole number: anything
  else is a client's mistake (107 for the `where`, 102 for the `skip`).
  Field names are kept whole, however long. Sign-ups and logins take
  strings for the username and the password: an operator in their place
  matches nothing. A path segment that is not valid percent-encoded
  UTF-8 is refused with HTTP 400.

  Source: Parse REST API guide, Objects ("Data Types"), Queries ("Query
  Constraints", pagination with `limit` and `skip`), Users ("Signing Up",
  "Logging In"); Errors, codes 102, 107 (INVALID_QUERY, INVALID_JSON).

  Background:
    Given the client uses the application id and the REST API key
    And the class Thing exists

  Scenario Outline: A body that is not a JSON object is refused with HTTP 400: <kind>
    When the client sends POST /classes/{{Thing}} with body:
      """
      <body>
      """
    Then the response is a refusal with HTTP status 400 and an error message

    @id.hostile.body-malformed
    Examples: malformed
      | kind      | body       |
      | malformed | {"title":  |

    @id.hostile.body-array
    Examples: array
      | kind  | body   |
      | array | [1, 2] |

    @id.hostile.body-string
    Examples: string
      | kind   | body   |
      | string | "text" |

    @id.hostile.body-number
    Examples: number
      | kind   | body |
      | number | 42   |

    @id.hostile.body-null
    Examples: null
      | kind | body |
      | null | null |

  @id.hostile.deep-nesting
  Scenario: A body nested thousands of levels deep is refused with code 107, and the server keeps serving
    # Parse Server 9.10 answers HTTP 500 {"code":1,"message":"Internal server
    # error."} (seen on 2026-11-30).
    When the client sends POST /classes/{{Thing}} with the field title nested 5000 arrays deep
    Then the response status is 400
    And the response is a Parse error with code 107
    When the client sends GET /classes/{{Thing}}
    Then the response status is 200

  @id.hostile.moderate-nesting
  Scenario: A field nested a hundred arrays deep is stored and read back as sent
    When the client sends POST /classes/{{Thing}} with the field title nested 100 arrays deep
    Then the response status is 201
    When the client sends GET /classes/{{Thing}}/{{response.objectId}}
    Then the response status is 200
    And the field title of the response holds 1 nested 100 arrays deep

  @id.hostile.number-out-of-range
  Scenario: A number too large for a double is refused with code 107
    # Parse Server 9.10 stores it (as Infinity in PostgreSQL) and answers
    # 201; reading the object back gives null in its place.
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"score": 1e999}
      """
    Then the response status is 400
    And the response is a Parse error with code 107

  @id.hostile.body-too-large @max-upload-size
  Scenario: A JSON body over the upload limit is refused with HTTP 413
    When the client sends POST /classes/{{Thing}} with a JSON body one byte over the upload limit
    Then the response status is 413
    And the response body contains:
      """
      {"error": "request entity too large"}
      """

  Scenario Outline: A where that is JSON but not an object is refused with code 107: <where>
    # Parse Server 9.10 answers HTTP 500 (code 1) to both (seen on
    # 2026-11-30); to a where that is a JSON string it answers this error.
    When the client queries /classes/{{Thing}} with:
      | where | <where> |
    Then the response status is 400
    And the response is the Parse error 107 "where parameter is not valid JSON"

    @id.hostile.where-number
    Examples: a number
      | where |
      | 1     |

    @id.hostile.where-null
    Examples: null
      | where |
      | null  |

  Scenario Outline: A skip that is not a whole number a server can count to is refused with code 102: <skip>
    # Parse Server 9.10 on PostgreSQL answers HTTP 500 (code 1) to both.
    When the client queries /classes/{{Thing}} with:
      | skip | <skip> |
    Then the response status is 400
    And the response is a Parse error with code 102

    @id.hostile.skip-not-number
    Examples: a word
      | skip |
      | many |

    @id.hostile.skip-out-of-range
    Examples: a number too large
      | skip                    |
      | 99999999999999999999999 |

  @id.hostile.long-field-names
  Scenario: Field names longer than 63 characters are kept whole
    # Parse Server 9.10 on PostgreSQL stores them cut to 63 characters (its
    # column names' limit) and answers them so (…_firs, …_seco); two names
    # that share their first 63 characters make the create answer HTTP 500.
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"a_field_name_long_enough_to_go_past_sixty_three_characters_first": 1,
       "a_field_name_long_enough_to_go_past_sixty_three_characters_second": 2}
      """
    Then the response status is 201
    When the client sends GET /classes/{{Thing}}/{{response.objectId}}
    Then the response body contains:
      """
      {"a_field_name_long_enough_to_go_past_sixty_three_characters_first": 1,
       "a_field_name_long_enough_to_go_past_sixty_three_characters_second": 2}
      """

  @id.hostile.undecodable-path
  Scenario: A path segment that is not valid percent-encoded UTF-8 is refused with HTTP 400
    When the client sends GET /classes/{{Thing}}/%ff%fe
    Then the response status is 400
    And the response body contains:
      """
      {"error": "Failed to decode param '%ff%fe'"}
      """

  @id.hostile.sign-up-username-operator
  Scenario: A sign-up whose username is an operator instead of a string is refused with code 200
    When the client sends POST /users with body:
      """
      {"username": {"$ne": null}, "password": "p_n7!-e8"}
      """
    Then the response status is 400
    And the response is the Parse error 200 "bad or missing username"

  @id.hostile.sign-up-password-number
  Scenario: A sign-up whose password is a number instead of a string is refused with code 201
    When the client sends POST /users with body:
      """
      {"username": "{{cooldude6}}", "password": 12345678}
      """
    Then the response status is 400
    And the response is the Parse error 201 "password is required"

  @id.hostile.login-operators
  Scenario: A login with operators in place of the username and password matches no user
    Given a user cooldude6 signed up with password "p_n7!-e8"
    When the client sends POST /login with body:
      """
      {"username": {"$regex": "^cooldude6"}, "password": {"$ne": null}}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Invalid username/password."
