@acl @acl-writes
Feature: ACLs on updating, deleting and finding objects
  An object's ACL also decides who may change it: `write` permission lets a
  user update (`PUT`) and delete (`DELETE`) the object, and a client without
  it is answered as if the object did not exist (code 101), leaving the
  object as it was. A query returns only the objects the caller may read;
  the others are left out without an error. `"*": {"read": true}` lets
  anyone read an object, not change it. The master key ignores all ACLs.

  Source: Parse REST API guide, Users, "User Security"; Objects, "Updating
  Objects", "Deleting Objects"; Queries, "Basic Queries".

  Background:
    Given the client uses the application id and the REST API key
    And the class Note exists
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And alice created the object note of class Note with:
      """
      {"text": "alice only", "ACL": {"{{alice.objectId}}": {"read": true, "write": true}}}
      """

  @id.acl.owner-updates
  Scenario: A user with write access updates the object and gets its updatedAt
    Given the client uses the session token of alice
    When the client sends PUT /classes/{{Note}}/{{note.objectId}} with body:
      """
      {"text": "changed by alice"}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt"
    And the object note of class Note, read with the master key, contains:
      """
      {"text": "changed by alice"}
      """

  @id.acl.owner-deletes
  Scenario: A user with write access deletes the object
    Given the client uses the session token of alice
    When the client sends DELETE /classes/{{Note}}/{{note.objectId}}
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    And the object note of class Note no longer exists, even for the master key

  @id.acl.delete-twice
  Scenario: Deleting an object that was already deleted answers code 101
    Given the client uses the session token of alice
    When the client sends DELETE /classes/{{Note}}/{{note.objectId}}
    Then the response status is 200
    When the client sends DELETE /classes/{{Note}}/{{note.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.acl.others-cannot-update
  Scenario: A user the ACL does not name cannot update the object: code 101, object unchanged
    Given the client uses the session token of bob
    When the client sends PUT /classes/{{Note}}/{{note.objectId}} with body:
      """
      {"text": "changed by bob"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object note of class Note, read with the master key, contains:
      """
      {"text": "alice only"}
      """

  @id.acl.public-cannot-update
  Scenario: A client without a session cannot update a user's object: code 101, object unchanged
    When the client sends PUT /classes/{{Note}}/{{note.objectId}} with body:
      """
      {"text": "changed by anyone"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object note of class Note, read with the master key, contains:
      """
      {"text": "alice only"}
      """

  @id.acl.others-cannot-delete
  Scenario: A user the ACL does not name cannot delete the object: code 101, object kept
    Given the client uses the session token of bob
    When the client sends DELETE /classes/{{Note}}/{{note.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object note of class Note, read with the master key, contains:
      """
      {"text": "alice only"}
      """

  @id.acl.public-cannot-delete
  Scenario: A client without a session cannot delete a user's object: code 101, object kept
    When the client sends DELETE /classes/{{Note}}/{{note.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object note of class Note, read with the master key, contains:
      """
      {"text": "alice only"}
      """

  @id.acl.public-read-not-write
  Scenario: Public read access lets anyone read the object but not change or delete it
    Given alice created the object notice of class Note with:
      """
      {"text": "for everyone to read", "ACL": {"*": {"read": true}, "{{alice.objectId}}": {"read": true, "write": true}}}
      """
    When the client sends GET /classes/{{Note}}/{{notice.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"text": "for everyone to read"}
      """
    When the client sends PUT /classes/{{Note}}/{{notice.objectId}} with body:
      """
      {"text": "changed by anyone"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends DELETE /classes/{{Note}}/{{notice.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object notice of class Note, read with the master key, contains:
      """
      {"text": "for everyone to read"}
      """

  @id.acl.find-omits-unreadable
  Scenario: A query returns only the objects the caller may read, without an error for the others
    Given alice created the object notice of class Note with:
      """
      {"text": "for everyone to read", "ACL": {"*": {"read": true}}}
      """
    And bob created the object memo of class Note with:
      """
      {"text": "bob only", "ACL": {"{{bob.objectId}}": {"read": true, "write": true}}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Note}}
    Then the response status is 200
    And the results are the objects "notice, memo", in any order

  @id.acl.find-public
  Scenario: A query without a session returns only the publicly readable objects
    Given alice created the object notice of class Note with:
      """
      {"text": "for everyone to read", "ACL": {"*": {"read": true}}}
      """
    When the client sends GET /classes/{{Note}}
    Then the response status is 200
    And the results are the objects "notice", in any order

  @id.acl.master-key-updates
  Scenario: The master key updates an object whatever its ACL
    Given the client uses the master key
    When the client sends PUT /classes/{{Note}}/{{note.objectId}} with body:
      """
      {"text": "changed with the master key"}
      """
    Then the response status is 200
    And the object note of class Note, read with the master key, contains:
      """
      {"text": "changed with the master key"}
      """

  @id.acl.master-key-deletes
  Scenario: The master key deletes an object whatever its ACL
    Given the client authenticates with HTTP Basic auth as the application id and the master key
    When the client sends DELETE /classes/{{Note}}/{{note.objectId}}
    Then the response status is 200
    And the object note of class Note no longer exists, even for the master key

  @id.acl.master-key-finds-all
  Scenario: A query with the master key returns every object whatever its ACL
    Given bob created the object memo of class Note with:
      """
      {"text": "bob only", "ACL": {"{{bob.objectId}}": {"read": true, "write": true}}}
      """
    And the client uses the master key
    When the client sends GET /classes/{{Note}}
    Then the response status is 200
    And the results are the objects "note, memo", in any order
