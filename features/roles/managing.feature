@roles @roles-managing
Feature: Retrieving, updating and deleting roles
  A role is read, changed and deleted like any object, at
  `/roles/<objectId>`, and its own ACL decides who may do so: a client
  that may not read a role gets code 101, as for a role that does not
  exist, and one that may not write it cannot change or delete it. The
  master key may do everything. A role's members are kept in two
  relations, `users` (its users) and `roles` (its child roles), changed
  with `AddRelation` and `RemoveRelation`. Reading a role never lists the
  members: they are found with a `$relatedTo` query on the role's
  relation.

  Source: Parse REST API guide, Roles, "Retrieving Roles", "Updating
  Roles" and "Deleting Roles"; Objects, "Relations"; Queries, "Relational
  Queries".

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"

  @id.roles.retrieve
  Scenario: Retrieving a role answers its name, ACL and timestamps
    Given the role Moderators exists with the users "alice"
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"objectId": "{{Moderators.objectId}}", "name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    And the response body matches the schema "role"

  @id.roles.retrieve-hides-members
  Scenario: Retrieving a role does not list its users
    Given the role Moderators exists with the users "alice"
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response status is 200
    And the response body does not contain "{{alice.objectId}}"

  @id.roles.find-by-name
  Scenario: Roles are found by name at /roles
    Given the role Moderators exists with the users ""
    And the role Administrators exists with the users ""
    When the client queries /roles with:
      | where | {"name": "{{Moderators}}"} |
    Then the response status is 200
    And the results are the objects "Moderators", in any order

  @id.roles.retrieve-unreadable
  Scenario: A role whose ACL the client may not read answers code 101
    Given the role Secret exists with:
      """
      {"name": "{{Secret}}", "ACL": {"{{alice.objectId}}": {"read": true}}}
      """
    And the client uses the session token of bob
    When the client sends GET /roles/{{Secret.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    Given the client uses the session token of alice
    When the client sends GET /roles/{{Secret.objectId}}
    Then the response status is 200

  @id.roles.find-hides-unreadable
  Scenario: A find of roles leaves out the roles the client may not read
    Given the role Public exists with the users ""
    And the role Secret exists with:
      """
      {"name": "{{Secret}}", "ACL": {"{{alice.objectId}}": {"read": true}}}
      """
    And the client uses the session token of bob
    When the client queries /roles with:
      | where | {"name": {"$in": ["{{Public}}", "{{Secret}}"]}} |
    Then the results are the objects "Public", in any order

  @id.roles.add-users
  Scenario: The master key adds users to a role with AddRelation
    Given the role Moderators exists with the users ""
    And the client uses the master key
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"users": {"__op": "AddRelation", "objects": [
        {"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"},
        {"__type": "Pointer", "className": "_User", "objectId": "{{bob.objectId}}"}]}}
      """
    Then the response status is 200
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "_Role", "objectId": "{{Moderators.objectId}}"}, "key": "users"}} |
    Then the results are the users "alice, bob", in any order

  @id.roles.remove-users
  Scenario: The master key removes a user from a role with RemoveRelation
    Given the role Moderators exists with the users "alice, bob"
    And the client uses the master key
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"users": {"__op": "RemoveRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}]}}
      """
    Then the response status is 200
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "_Role", "objectId": "{{Moderators.objectId}}"}, "key": "users"}} |
    Then the results are the users "bob", in any order

  @id.roles.add-and-remove-child-roles
  Scenario: Child roles are added and removed through the roles relation
    Given the role Moderators exists with the users ""
    And the role Administrators exists with the users ""
    And the role Editors exists with the users ""
    And the client uses the master key
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"roles": {"__op": "AddRelation", "objects": [
        {"__type": "Pointer", "className": "_Role", "objectId": "{{Administrators.objectId}}"},
        {"__type": "Pointer", "className": "_Role", "objectId": "{{Editors.objectId}}"}]}}
      """
    Then the response status is 200
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"roles": {"__op": "RemoveRelation", "objects": [{"__type": "Pointer", "className": "_Role", "objectId": "{{Editors.objectId}}"}]}}
      """
    Then the response status is 200
    When the client queries /roles with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "_Role", "objectId": "{{Moderators.objectId}}"}, "key": "roles"}} |
    Then the results are the objects "Administrators", in any order

  @id.roles.update-other-fields
  Scenario: A role's other fields are updated like any object's
    Given the role Moderators exists with the users ""
    And the client uses the master key
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"description": "keeps the forums clean", "ACL": {"*": {"read": true}, "role:{{Moderators}}": {"write": true}}}
      """
    Then the response status is 200
    And the response body has exactly the fields "updatedAt"
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response body contains:
      """
      {"name": "{{Moderators}}", "description": "keeps the forums clean", "ACL": {"*": {"read": true}, "role:{{Moderators}}": {"write": true}}}
      """

  @id.roles.update-needs-write-access
  Scenario: A user the role's ACL does not let write cannot change the role: code 101
    Given the role Moderators exists with the users "alice"
    And the client uses the session token of alice
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{bob.objectId}}"}]}}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    Given the client uses the master key
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "_Role", "objectId": "{{Moderators.objectId}}"}, "key": "users"}} |
    Then the results are the users "alice", in any order

  @id.roles.update-by-writer
  Scenario: A user the role's ACL lets write changes the role's members
    Given the role Moderators exists with:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}, "{{alice.objectId}}": {"write": true}}}
      """
    And the client uses the session token of alice
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{bob.objectId}}"}]}}
      """
    Then the response status is 200
    Given the client uses the master key
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "_Role", "objectId": "{{Moderators.objectId}}"}, "key": "users"}} |
    Then the results are the users "bob", in any order

  @id.roles.delete-with-master-key
  Scenario: The master key deletes a role
    Given the role Moderators exists with the users "alice"
    And the client uses the master key
    When the client sends DELETE /roles/{{Moderators.objectId}}
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.delete-needs-write-access
  Scenario: A user the role's ACL does not let write cannot delete the role: code 101
    Given the role Moderators exists with the users "alice"
    And the client uses the session token of alice
    When the client sends DELETE /roles/{{Moderators.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response status is 200

  @id.roles.delete-by-administrator
  Scenario: A member of a role the role's ACL lets write deletes the role with a session token
    Given the role Administrators exists with the users "alice"
    And the role Moderators exists with:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}, "role:{{Administrators}}": {"write": true}}}
      """
    And the client uses the session token of bob
    When the client sends DELETE /roles/{{Moderators.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    Given the client uses the session token of alice
    When the client sends DELETE /roles/{{Moderators.objectId}}
    Then the response status is 200
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response status is 404

  @id.roles.delete-frees-the-name
  Scenario: Once a role is deleted, a new role may take its name
    Given the role Moderators exists with the users ""
    And the client uses the master key
    When the client sends DELETE /roles/{{Moderators.objectId}}
    Then the response status is 200
    When the client sends POST /roles with body:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 201
