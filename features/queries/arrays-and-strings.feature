@queries @arrays-and-strings
Feature: Queries on array and string values
  For a key holding an array, a plain value in `where` selects the objects
  whose array contains it, `$all` those whose array contains every listed
  value, and `$in` those whose array contains any of them. For strings,
  `$regex` selects the values that match a regular expression, with the
  `$options` `i` (ignore case), `m` (`^` and `$` at each line), `x` (ignore
  white space in the pattern) and `s` (`.` matches a new line); `$text`
  searches the words of a text, `{"$text": {"$search": {"$term": …}}}`.

  Source: Parse REST API guide, Queries, "Queries on Array Values" and
  "Queries on String Values".

  Background:
    Given the client uses the application id and the REST API key

  @id.queries.array-contains
  Scenario: A plain value selects the objects whose array contains it
    # Parse Server 9.10 on PostgreSQL answers HTTP 500 (code 1) to a plain
    # value on an array field.
    Given the class RandomObject holds these objects:
      | object | arrayKey  |
      | small  | [1, 2]    |
      | full   | [2, 3, 4] |
      | other  | [5]       |
    When the client queries /classes/{{RandomObject}} with:
      | where | {"arrayKey": 2} |
    Then the response status is 200
    And the results are the objects "small, full", in any order

  @id.queries.array-all
  Scenario: $all selects the objects whose array contains every given value
    Given the class RandomObject holds these objects:
      | object | arrayKey     |
      | small  | [2, 3]       |
      | full   | [2, 3, 4]    |
      | more   | [4, 3, 2, 1] |
    When the client queries /classes/{{RandomObject}} with:
      | where | {"arrayKey": {"$all": [2, 3, 4]}} |
    Then the response status is 200
    And the results are the objects "full, more", in any order

  @id.queries.array-in
  Scenario: $in on an array field selects the objects whose array holds any given value
    Given the class RandomObject holds these objects:
      | object | arrayKey  |
      | small  | [1, 2]    |
      | full   | [2, 3, 4] |
      | other  | [5]       |
    When the client queries /classes/{{RandomObject}} with:
      | where | {"arrayKey": {"$in": [1, 5]}} |
    Then the response status is 200
    And the results are the objects "small, other", in any order

  @id.queries.array-nin
  Scenario: $nin on an array field leaves out the objects whose array holds a given value
    Given the class RandomObject holds these objects:
      | object | arrayKey  |
      | small  | [1, 2]    |
      | full   | [2, 3, 4] |
      | other  | [5]       |
    When the client queries /classes/{{RandomObject}} with:
      | where | {"arrayKey": {"$nin": [2]}} |
    Then the response status is 200
    And the results are the objects "other", in any order

  @id.queries.regex-prefix
  Scenario: An anchored $regex selects the strings that start with the prefix, case included
    Given the class BarbecueSauce holds these objects:
      | object    | name                   |
      | bigDaddy  | Big Daddy              |
      | bigDaddys | Big Daddy's            |
      | lower     | big daddy              |
      | bbq       | BBQ Sauce: Big Daddy's |
    When the client queries /classes/{{BarbecueSauce}} with:
      | where | {"name": {"$regex": "^Big Daddy"}} |
    Then the response status is 200
    And the results are the objects "bigDaddy, bigDaddys", in any order

  @id.queries.regex-quoted-literal
  Scenario: A $regex's text between \Q and \E is literal, as the SDKs' startsWith and contains send it
    # The JavaScript SDK's query.startsWith("name", "a.b") sends ^\Qa.b\E: the
    # dot is a dot, not any character.
    Given the class Version holds these objects:
      | object | name  |
      | exact  | a.b   |
      | longer | a.b.c |
      | other  | axb   |
    When the client queries /classes/{{Version}} with:
      | where | {"name": {"$regex": "^\\\\Qa.b\\\\E"}} |
    Then the response status is 200
    And the results are the objects "exact, longer", in any order

  Scenario Outline: $options change how $regex matches: <option>
    Given the class BarbecueSauce holds these objects:
      | object    | name                   |
      | bigDaddy  | Big Daddy              |
      | joined    | BigDaddy               |
      | lower     | big daddy              |
      | menu      | "Sauces:\\nBig Daddy"  |
    When the client queries /classes/{{BarbecueSauce}} with:
      | where | {"name": {"$regex": "<regex>", "$options": "<option>"}} |
    Then the response status is 200
    And the results are the objects "<objects>", in any order

    @id.queries.regex-ignore-case
    Examples: i ignores case
      | regex       | option | objects         |
      | ^big daddy$ | i      | bigDaddy, lower |

    # Parse Server 9.10 on PostgreSQL ignores the option m: ^ matches only
    # at the start of the string.
    @id.queries.regex-multiline
    Examples: m lets ^ match at the start of every line
      | regex       | option | objects        |
      | ^Big Daddy$ | m      | bigDaddy, menu |

    @id.queries.regex-extended
    Examples: x ignores white space in the pattern
      | regex       | option | objects |
      | ^Big Daddy$ | x      | joined  |

    @id.queries.regex-dotall
    Examples: s lets a dot match a new line
      | regex       | option | objects |
      | Sauces:.Big | s      | menu    |

  @id.queries.regex-anchor-default
  Scenario: Without $options a ^ matches only at the start of the string
    Given the class BarbecueSauce holds these objects:
      | object    | name                   |
      | bigDaddy  | Big Daddy              |
      | menu      | "Sauces:\\nBig Daddy"  |
    When the client queries /classes/{{BarbecueSauce}} with:
      | where | {"name": {"$regex": "^Big Daddy"}} |
    Then the response status is 200
    And the results are the objects "bigDaddy", in any order

  @id.queries.regex-dot-default
  Scenario: Without $options a dot does not match a new line
    # Parse Server 9.10 on PostgreSQL runs the pattern with PostgreSQL's
    # defaults, where a dot matches a new line, and ignores the options m
    # and s.
    Given the class BarbecueSauce holds these objects:
      | object    | name                   |
      | bigDaddy  | Sauces: Big Daddy      |
      | menu      | "Sauces:\\nBig Daddy"  |
    When the client queries /classes/{{BarbecueSauce}} with:
      | where | {"name": {"$regex": "Sauces:.Big"}} |
    Then the response status is 200
    And the results are the objects "bigDaddy", in any order

  @id.queries.text-search
  Scenario: $text selects the strings that contain the search term as a word, whatever its case
    Given the class BarbecueSauce holds these objects:
      | object    | name                   |
      | bigDaddy  | Big Daddy              |
      | bbq       | BBQ Sauce: Big Daddy's |
      | honey     | Honey Mustard          |
      | grand     | Granddaddy             |
    When the client queries /classes/{{BarbecueSauce}} with:
      | where | {"name": {"$text": {"$search": {"$term": "daddy"}}}} |
    Then the response status is 200
    And the results are the objects "bigDaddy, bbq", in any order
