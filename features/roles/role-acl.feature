@roles @roles-acl
Feature: Roles in object ACLs
  Besides user objectIds and `*`, an ACL can grant a permission to a role,
  under the key `role:` followed by the role's name: `{"role:Moderators":
  {"write": true}}`. Every user in the role's `users` relation then has
  that permission on the object. A user outside the role, or a client
  without a session, gets what the ACL gives everyone else: reading or
  writing an object they may not is answered as if the object did not
  exist (code 101), and a find leaves the object out. Membership counts at
  the moment of the request: a user removed from a role, or whose role is
  deleted, loses its rights at once.

  Source: Parse REST API guide, Roles, "Security with Role"; Users, "User
  Security".

  Background:
    Given the client uses the application id and the REST API key
    And the class Post exists
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And the role Members exists with the users "alice"

  @id.roles.member-reads
  Scenario: A member of a role the ACL lets read reads the object
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"title": "members only"}
      """

  @id.roles.member-finds
  Scenario: A member of a role the ACL lets read finds the object
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}
    Then the response status is 200
    And the results are the objects "post", in any order

  @id.roles.non-member-read-refused
  Scenario: A user outside the role gets code 101 for an object only the role may read
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.non-member-find-omits
  Scenario: A find by a user outside the role leaves out the objects only the role may read
    Given the object hidden of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the object shown of class Post exists with:
      """
      {"title": "for everyone", "ACL": {"*": {"read": true}}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Post}}
    Then the response status is 200
    And the results are the objects "shown", in any order

  @id.roles.anonymous-read-refused
  Scenario: A client without a session gets code 101 for an object only a role may read
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /classes/{{Post}}
    Then there are no results

  @id.roles.member-writes
  Scenario: A member of a role the ACL lets write updates the object
    Given the object post of class Post exists with:
      """
      {"title": "draft", "ACL": {"role:{{Members}}": {"read": true, "write": true}}}
      """
    And the client uses the session token of alice
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "edited by a member"}
      """
    Then the response status is 200
    And the object post of class Post, read with the master key, contains:
      """
      {"title": "edited by a member"}
      """

  @id.roles.member-deletes
  Scenario: A member of a role the ACL lets write deletes the object
    Given the object post of class Post exists with:
      """
      {"title": "draft", "ACL": {"role:{{Members}}": {"write": true}}}
      """
    And the client uses the session token of alice
    When the client sends DELETE /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    And the object post of class Post no longer exists, even for the master key

  @id.roles.non-member-write-refused
  Scenario: A user outside the role gets code 101 updating an object only the role may write
    Given the object post of class Post exists with:
      """
      {"title": "draft", "ACL": {"*": {"read": true}, "role:{{Members}}": {"write": true}}}
      """
    And the client uses the session token of bob
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "vandalized"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object post of class Post, read with the master key, contains:
      """
      {"title": "draft"}
      """

  @id.roles.non-member-delete-refused
  Scenario: A user outside the role gets code 101 deleting an object only the role may write
    Given the object post of class Post exists with:
      """
      {"title": "draft", "ACL": {"*": {"read": true}, "role:{{Members}}": {"write": true}}}
      """
    And the client uses the session token of bob
    When the client sends DELETE /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object post of class Post, read with the master key, contains:
      """
      {"title": "draft"}
      """

  @id.roles.anonymous-write-refused
  Scenario: A client without a session gets code 101 updating an object only a role may write
    Given the object post of class Post exists with:
      """
      {"title": "draft", "ACL": {"*": {"read": true}, "role:{{Members}}": {"write": true}}}
      """
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "vandalized"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.read-grant-is-not-write
  Scenario: A role allowed to read only cannot write: code 101
    Given the object post of class Post exists with:
      """
      {"title": "read only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "changed"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends DELETE /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the object post of class Post, read with the master key, contains:
      """
      {"title": "read only"}
      """

  @id.roles.write-grant-is-not-read
  Scenario: A role allowed to write only cannot read: code 101
    Given the object post of class Post exists with:
      """
      {"title": "write only", "ACL": {"role:{{Members}}": {"write": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.false-grants-nothing
  Scenario: A role entry whose permission is false grants nothing
    Given the object post of class Post exists with:
      """
      {"title": "closed", "ACL": {"role:{{Members}}": {"read": false, "write": false}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.name-is-case-sensitive
  Scenario: A role entry names the role exactly: another case is another role
    Given the role Staff exists with:
      """
      {"name": "{{Staff}}a", "ACL": {"*": {"read": true}}}
      """
    And the users "alice" are added to the role Staff
    And the object post of class Post exists with:
      """
      {"title": "staff only", "ACL": {"role:{{Staff}}A": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.user-and-role-entries-together
  Scenario: User and role entries combine: the creator writes, the members read
    Given the object post of class Post exists with:
      """
      {"title": "mixed", "ACL": {"{{bob.objectId}}": {"write": true}, "role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "by alice"}
      """
    Then the response status is 404
    Given the client uses the session token of bob
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "by bob"}
      """
    Then the response status is 200

  @id.roles.removed-member-loses-rights
  Scenario: A user removed from a role loses its rights at once
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    Given the client uses the master key
    When the client sends PUT /roles/{{Members.objectId}} with body:
      """
      {"users": {"__op": "RemoveRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}]}}
      """
    Then the response status is 200
    Given the client sends no master key
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.added-member-gains-rights
  Scenario: A user added to a role gains its rights at once
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    Given the users "bob" are added to the role Members
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200

  # Parse Server keeps each user's roles in a cache for 5 seconds and clears
  # it on role writes (RestWrite.runDatabaseOperation) but not on deletes
  # (rest.js del): the member still reads the object right after. @serial:
  # a role write elsewhere in the run would clear that cache and hide it.
  @id.roles.deleted-role-grants-nothing @serial
  Scenario: When a role is deleted its users lose its rights at once
    Given the object post of class Post exists with:
      """
      {"title": "members only", "ACL": {"role:{{Members}}": {"read": true}}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    Given the client uses the master key
    When the client sends DELETE /roles/{{Members.objectId}}
    Then the response status is 200
    Given the client sends no master key
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
