@objects @objects-batch
Feature: Batch operations
  `POST /batch` takes several commands at once, each with the `method`,
  `path` and `body` of the request it stands for; a path starts with the
  mount path of the server (`/parse/classes/GameScore`). The answer is an
  array with one entry per command, in order: `{"success": …}` holding
  what the command alone would have answered, or `{"error": {"code",
  "error"}}`. A command fails alone: the others still succeed. Each runs
  with the caller's rights, so an object the caller may not change fails
  with code 101. A batch that cannot be routed (a path outside the mount
  path, a method or a path the API does not have, a batch inside a batch)
  is refused as a whole with code 107.

  Source: Parse REST API guide, Objects, "Batch Operations".

  Background:
    Given the client uses the application id and the REST API key
    And the class GameScore exists
    And the object kept of class GameScore exists with:
      """
      {"score": 10}
      """
    And the object doomed of class GameScore exists with:
      """
      {"score": 20}
      """

  @id.objects.batch-mixed
  Scenario: A batch of a create, an update, a delete and a failing command answers each in order
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "POST", "path": "{{mount}}/classes/{{GameScore}}", "body": {"score": 1337, "playerName": "Sean Plott"}},
        {"method": "PUT", "path": "{{mount}}/classes/{{GameScore}}/{{kept.objectId}}", "body": {"score": {"__op": "Increment", "amount": 5}}},
        {"method": "DELETE", "path": "{{mount}}/classes/{{GameScore}}/{{doomed.objectId}}"},
        {"method": "DELETE", "path": "{{mount}}/classes/{{GameScore}}/doesNotExist"}
      ]}
      """
    Then the response status is 200
    And the batch results are, in order:
      | success | objectId, createdAt   |
      | success | score, updatedAt      |
      | success |                       |
      | error   | 101 Object not found. |
    And the object kept of class GameScore, read with the master key, contains:
      """
      {"score": 15}
      """
    And the object doomed of class GameScore no longer exists, even for the master key

  @id.objects.batch-creates
  Scenario: Objects created by a batch are stored as sent
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "POST", "path": "{{mount}}/classes/{{GameScore}}", "body": {"score": 1337, "playerName": "Sean Plott"}},
        {"method": "POST", "path": "{{mount}}/classes/{{GameScore}}", "body": {"score": 1338, "playerName": "ZeroCool"}}
      ]}
      """
    Then the response status is 200
    And the batch results are, in order:
      | success | objectId, createdAt |
      | success | objectId, createdAt |
    When the client queries /classes/{{GameScore}} with:
      | where | {"playerName": {"$in": ["Sean Plott", "ZeroCool"]}} |
      | order | score                                               |
    Then the response body contains:
      """
      {"results": [{"score": 1337, "playerName": "Sean Plott"}, {"score": 1338, "playerName": "ZeroCool"}]}
      """

  @id.objects.batch-acl
  Scenario: A command on an object the caller may not change fails with code 101 and the others succeed
    Given a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And alice created the object note of class GameScore with:
      """
      {"score": 1, "ACL": {"{{alice.objectId}}": {"read": true, "write": true}}}
      """
    And the client uses the session token of bob
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "PUT", "path": "{{mount}}/classes/{{GameScore}}/{{note.objectId}}", "body": {"score": 666}},
        {"method": "PUT", "path": "{{mount}}/classes/{{GameScore}}/{{kept.objectId}}", "body": {"score": 11}}
      ]}
      """
    Then the response status is 200
    And the batch results are, in order:
      | error   | 101 Object not found. |
      | success | updatedAt             |
    And the object note of class GameScore, read with the master key, contains:
      """
      {"score": 1}
      """
    And the object kept of class GameScore, read with the master key, contains:
      """
      {"score": 11}
      """

  @id.objects.batch-path-without-mount
  Scenario: A command whose path lacks the mount path is refused: the whole batch answers code 107
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "PUT", "path": "/classes/{{GameScore}}/{{kept.objectId}}", "body": {"score": 99}}
      ]}
      """
    Then the response status is 400
    And the response is the Parse error 107 "cannot route batch path /classes/{{GameScore}}/{{kept.objectId}}"
    And the object kept of class GameScore, read with the master key, contains:
      """
      {"score": 10}
      """

  @id.objects.batch-refused-method
  Scenario: A command with a method the API does not have is refused: the whole batch answers code 107
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "PATCH", "path": "{{mount}}/classes/{{GameScore}}/{{kept.objectId}}", "body": {"score": 99}}
      ]}
      """
    Then the response status is 400
    And the response is the Parse error 107 "cannot route PATCH /classes/{{GameScore}}/{{kept.objectId}}"
    And the object kept of class GameScore, read with the master key, contains:
      """
      {"score": 10}
      """

  @id.objects.batch-unknown-path
  Scenario: A command on a path the API does not have is refused: the whole batch answers code 107
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "POST", "path": "{{mount}}/noSuchRoute", "body": {}}
      ]}
      """
    Then the response status is 400
    And the response is the Parse error 107 "cannot route POST /noSuchRoute"

  @id.objects.batch-nested
  Scenario: A batch inside a batch is refused with code 107
    When the client sends POST /batch with body:
      """
      {"requests": [
        {"method": "POST", "path": "{{mount}}/batch", "body": {"requests": []}}
      ]}
      """
    Then the response status is 400
    And the response is the Parse error 107 "nested batch requests are not allowed"

  @id.objects.batch-requests-not-array
  Scenario: A batch whose requests are not an array is refused with code 107
    When the client sends POST /batch with body:
      """
      {"requests": {"method": "POST", "path": "{{mount}}/classes/{{GameScore}}"}}
      """
    Then the response status is 400
    And the response is the Parse error 107 "requests must be an array"
