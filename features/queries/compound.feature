@queries @compound
Feature: Compound queries
  `$or` takes an array of `where` objects and selects the objects that
  match any of them; the other constraints of the query apply as well.
  `$and` selects the objects that match all of them, and `$nor` those that
  match none.

  Source: Parse REST API guide, Queries, "Compound Queries"; Parse Server's
  `$and` and `$nor` are listed with the query operators of the guide's
  quick reference.

  Background:
    Given the client uses the application id and the REST API key
    And the class Player holds these objects:
      | object  | wins | league |
      | champ   | 200  | east   |
      | rookie  | 2    | west   |
      | average | 50   | west   |
      | veteran | 160  | west   |

  @id.queries.or
  Scenario: $or selects the objects that match any of its queries
    When the client queries /classes/{{Player}} with:
      | where | {"$or": [{"wins": {"$gt": 150}}, {"wins": {"$lt": 5}}]} |
    Then the response status is 200
    And the results are the objects "champ, rookie, veteran", in any order

  @id.queries.or-with-constraints
  Scenario: The other constraints of the query apply alongside $or
    When the client queries /classes/{{Player}} with:
      | where | {"$or": [{"wins": {"$gt": 150}}, {"wins": {"$lt": 5}}], "league": "west"} |
    Then the response status is 200
    And the results are the objects "rookie, veteran", in any order

  @id.queries.and
  Scenario: $and selects the objects that match all of its queries
    When the client queries /classes/{{Player}} with:
      | where | {"$and": [{"wins": {"$gt": 10}}, {"wins": {"$lt": 180}}]} |
    Then the response status is 200
    And the results are the objects "average, veteran", in any order

  @id.queries.nor
  Scenario: $nor selects the objects that match none of its queries
    When the client queries /classes/{{Player}} with:
      | where | {"$nor": [{"wins": {"$gt": 150}}, {"wins": {"$lt": 5}}]} |
    Then the response status is 200
    And the results are the objects "average", in any order

  @id.queries.nested-compound
  Scenario: Compound operators nest inside one another
    When the client queries /classes/{{Player}} with:
      | where | {"$or": [{"$and": [{"league": "east"}, {"wins": {"$gt": 100}}]}, {"wins": {"$lt": 5}}]} |
    Then the response status is 200
    And the results are the objects "champ, rookie", in any order
