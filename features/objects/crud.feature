@objects @objects-crud
Feature: Creating, retrieving, updating and deleting objects
  An object is a set of key-value pairs in a class. Creating one answers
  201 Created, the object's URL in the Location header, and a body of just
  its objectId and creation time. Retrieving it by its URL answers the whole
  object; `keys` picks some fields, `excludeKeys` leaves some out, and
  `include` replaces a pointer with the object it points to, also through
  a pointer in that object (`a.b`), as far as the caller may read it.
  Updating answers the update time; deleting answers `{}`, after which the
  object is no longer found (404, code 101).

  Source: Parse REST API guide, Objects, "Creating Objects", "Retrieving
  Objects", "Updating Objects", "Deleting Objects"; Queries, "Relational
  Queries" (include).

  Background:
    Given the client uses the application id and the REST API key
    And the class GameScore exists

  @id.objects.create-answer
  Scenario: Creating an object answers 201 with its URL in Location and only its objectId and createdAt
    When the client sends POST /classes/{{GameScore}} with body:
      """
      {"score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """
    Then the response status is 201
    And the response body has exactly the fields "objectId, createdAt"
    And the response header "Location" is "{{target}}/classes/{{GameScore}}/{{response.objectId}}"
    And the object at the response's Location contains:
      """
      {"score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """

  @id.objects.get-whole
  Scenario: Retrieving an object by its URL answers every field, with objectId, createdAt and updatedAt
    Given the object score of class GameScore exists with:
      """
      {"score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """
    When the client sends GET /classes/{{GameScore}}/{{score.objectId}}
    Then the response status is 200
    And the response body has exactly the fields "objectId, createdAt, updatedAt, score, playerName, cheatMode"
    And the response body contains:
      """
      {"objectId": "{{score.objectId}}", "score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """

  @id.objects.get-keys
  Scenario: Retrieving with keys answers only those fields, besides objectId, createdAt and updatedAt
    Given the object score of class GameScore exists with:
      """
      {"score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """
    When the client queries /classes/{{GameScore}}/{{score.objectId}} with:
      | keys | score,playerName |
    Then the response status is 200
    And the response body has exactly the fields "objectId, createdAt, updatedAt, score, playerName"

  @id.objects.get-exclude-keys
  Scenario: Retrieving with excludeKeys leaves those fields out
    Given the object score of class GameScore exists with:
      """
      {"score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """
    When the client queries /classes/{{GameScore}}/{{score.objectId}} with:
      | excludeKeys | score,cheatMode |
    Then the response status is 200
    And the response body has exactly the fields "objectId, createdAt, updatedAt, playerName"

  @id.objects.include-pointer
  Scenario: Retrieving with include replaces a pointer with the object it points to
    Given the class Player exists
    And the object sean of class Player exists with:
      """
      {"name": "Sean Plott"}
      """
    And the object score of class GameScore exists with:
      """
      {"score": 1337, "player": {"__type": "Pointer", "className": "{{Player}}", "objectId": "{{sean.objectId}}"}}
      """
    When the client queries /classes/{{GameScore}}/{{score.objectId}} with:
      | include | player |
    Then the response status is 200
    And the response body contains:
      """
      {"score": 1337, "player": {"__type": "Object", "className": "{{Player}}", "objectId": "{{sean.objectId}}", "name": "Sean Plott"}}
      """

  @id.objects.include-nested
  Scenario: Retrieving with include of a.b follows the pointer a, then the pointer b inside it
    Given the class Player exists
    And the class Team exists
    And the object team of class Team exists with:
      """
      {"name": "Parsers"}
      """
    And the object sean of class Player exists with:
      """
      {"name": "Sean Plott", "team": {"__type": "Pointer", "className": "{{Team}}", "objectId": "{{team.objectId}}"}}
      """
    And the object score of class GameScore exists with:
      """
      {"score": 1337, "player": {"__type": "Pointer", "className": "{{Player}}", "objectId": "{{sean.objectId}}"}}
      """
    When the client queries /classes/{{GameScore}}/{{score.objectId}} with:
      | include | player.team |
    Then the response status is 200
    And the response body contains:
      """
      {"player": {"__type": "Object", "name": "Sean Plott", "team": {"__type": "Object", "className": "{{Team}}", "objectId": "{{team.objectId}}", "name": "Parsers"}}}
      """

  @id.objects.include-unreadable
  Scenario: Include does not reveal an object the caller may not read
    Given the class Player exists
    And the object hidden of class Player exists with:
      """
      {"name": "a secret player", "ACL": {}}
      """
    And the object score of class GameScore exists with:
      """
      {"score": 1337, "player": {"__type": "Pointer", "className": "{{Player}}", "objectId": "{{hidden.objectId}}"}}
      """
    When the client queries /classes/{{GameScore}}/{{score.objectId}} with:
      | include | player |
    Then the response status is 200
    And the response body contains:
      """
      {"score": 1337}
      """
    And the response body does not contain "a secret player"

  @id.objects.update-answer
  Scenario: Updating an object answers only its updatedAt, and changes only the fields sent
    Given the object score of class GameScore exists with:
      """
      {"score": 1337, "playerName": "Sean Plott", "cheatMode": false}
      """
    When the client sends PUT /classes/{{GameScore}}/{{score.objectId}} with body:
      """
      {"score": 73453}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt"
    And the object score of class GameScore, read with the master key, contains:
      """
      {"score": 73453, "playerName": "Sean Plott", "cheatMode": false}
      """

  @id.objects.delete
  Scenario: Deleting an object answers {} and the object is then not found
    Given the object score of class GameScore exists with:
      """
      {"score": 1337}
      """
    When the client sends DELETE /classes/{{GameScore}}/{{score.objectId}}
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    When the client sends GET /classes/{{GameScore}}/{{score.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
