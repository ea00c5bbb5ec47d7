@objects @objects-operators
Feature: Operators: counters, arrays, deleting fields and relations
  An update may change a field through an operator instead of a new value.
  `Increment` adds an amount (negative to subtract; a missing field counts
  as 0) and the answer gives the new value beside `updatedAt`. `Add`
  appends to an array, `AddUnique` appends only what is not there yet,
  `Remove` takes out every occurrence; the answer gives the new array.
  `Delete` removes the field. `AddRelation` and `RemoveRelation` change the
  objects a Relation field relates to; the field reads back as a Relation
  of its class, and `$relatedTo` finds the related objects.

  Source: Parse REST API guide, Objects, "Counters", "Arrays",
  "Relations", "Deleting Objects" (deleting a field); Queries,
  "Relational Queries" ($relatedTo).

  Background:
    Given the client uses the application id and the REST API key
    And the class GameScore exists
    And the object score of class GameScore exists with:
      """
      {"score": 10, "skills": ["flying", "kungfu"], "opponents": ["Bob", "Tom"], "cheatMode": true}
      """

  @id.objects.increment
  Scenario: Increment adds the amount and the answer gives the new value beside updatedAt
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"score": {"__op": "Increment", "amount": 5}}
      """
    Then the response status is 200
    And the response body has exactly the fields "score, updatedAt"
    And the response body contains:
      """
      {"score": 15}
      """
    And the object score of class GameScore, read with the master key, contains:
      """
      {"score": 15}
      """

  @id.objects.increment-negative
  Scenario: Increment with a negative amount subtracts
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"score": {"__op": "Increment", "amount": -3}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"score": 7}
      """
    And the object score of class GameScore, read with the master key, contains:
      """
      {"score": 7}
      """

  @id.objects.increment-missing
  Scenario: Increment of a field the object does not have starts from 0
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"lives": {"__op": "Increment", "amount": 3}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"lives": 3}
      """
    And the object score of class GameScore, read with the master key, contains:
      """
      {"lives": 3, "score": 10}
      """

  @id.objects.add
  Scenario: Add appends the objects to the array, even those already in it
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"skills": {"__op": "Add", "objects": ["flying", "archery"]}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"skills": ["flying", "kungfu", "flying", "archery"]}
      """
    And the object score of class GameScore, read with the master key, contains:
      """
      {"skills": ["flying", "kungfu", "flying", "archery"]}
      """

  @id.objects.add-unique
  Scenario: AddUnique appends only the objects not already in the array
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"skills": {"__op": "AddUnique", "objects": ["flying", "archery"]}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"skills": ["flying", "kungfu", "archery"]}
      """
    And the object score of class GameScore, read with the master key, contains:
      """
      {"skills": ["flying", "kungfu", "archery"]}
      """

  @id.objects.remove
  Scenario: Remove takes every instance of the objects out of the array
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"opponents": {"__op": "Remove", "objects": ["Bob", "Sam"]}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"opponents": ["Tom"]}
      """
    And the object score of class GameScore, read with the master key, contains:
      """
      {"opponents": ["Tom"]}
      """

  @id.objects.delete-field
  Scenario: The Delete operator removes the field from the object
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"cheatMode": {"__op": "Delete"}}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt"
    When the client sends GET /classes/{{GameScore}}/{{score.objectId}}
    Then the response body has no field "cheatMode"
    And the response body contains:
      """
      {"score": 10}
      """

  @id.objects.add-relation
  Scenario: AddRelation relates objects, the field reads back as a Relation, and $relatedTo finds them
    Given the class Post exists
    And the class Reader exists
    And the object ann of class Reader exists with:
      """
      {"name": "Ann"}
      """
    And the object ben of class Reader exists with:
      """
      {"name": "Ben"}
      """
    And the object cid of class Reader exists with:
      """
      {"name": "Cid"}
      """
    And the object post of class Post exists with:
      """
      {"title": "Relations"}
      """
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"likes": {"__op": "AddRelation", "objects": [
        {"__type": "Pointer", "className": "{{Reader}}", "objectId": "{{ann.objectId}}"},
        {"__type": "Pointer", "className": "{{Reader}}", "objectId": "{{ben.objectId}}"}]}}
      """
    Then the response status is 200
    And the object post of class Post, read with the master key, contains:
      """
      {"likes": {"__type": "Relation", "className": "{{Reader}}"}}
      """
    When the client queries /classes/{{Reader}} with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{post.objectId}}"}, "key": "likes"}} |
    Then the response status is 200
    And the results are the objects "ann, ben", in any order

  @id.objects.remove-relation
  Scenario: RemoveRelation takes objects out of the relation and leaves the others
    Given the class Post exists
    And the class Reader exists
    And the object ann of class Reader exists with:
      """
      {"name": "Ann"}
      """
    And the object ben of class Reader exists with:
      """
      {"name": "Ben"}
      """
    And the object post of class Post exists with:
      """
      {"title": "Relations", "likes": {"__op": "AddRelation", "objects": [
        {"__type": "Pointer", "className": "{{Reader}}", "objectId": "{{ann.objectId}}"},
        {"__type": "Pointer", "className": "{{Reader}}", "objectId": "{{ben.objectId}}"}]}}
      """
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"likes": {"__op": "RemoveRelation", "objects": [
        {"__type": "Pointer", "className": "{{Reader}}", "objectId": "{{ann.objectId}}"}]}}
      """
    Then the response status is 200
    When the client queries /classes/{{Reader}} with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Post}}", "objectId": "{{post.objectId}}"}, "key": "likes"}} |
    Then the response status is 200
    And the results are the objects "ben", in any order
