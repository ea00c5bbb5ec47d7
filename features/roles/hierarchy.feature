@roles @roles-hierarchy
Feature: Role hierarchies
  A role can contain other roles: the roles in its `roles` relation are its
  child roles. Whatever is granted to a role is granted to the users of its
  child roles too, and to the users of their children, at any depth; it is
  never granted the other way, from a child up to its parent. In the
  guide's example, every Administrator should have the rights of the
  Moderators, so the "Administrators" role is put in the `roles` relation
  of the "Moderators" role: an object whose ACL grants `role:Moderators`
  is then open to the Administrators, while an object granted to
  `role:Administrators` stays closed to the Moderators. Roles that contain
  each other in a loop are allowed and grant each other's rights.

  Source: Parse REST API guide, Roles, introduction ("roles that it
  contains"), "Security with Role" and "Role Hierarchy".

  Background:
    Given the client uses the application id and the REST API key
    And the class Post exists
    And a user admin signed up with password "p_n7!-e8"
    And a user moderator signed up with password "p_n7!-e8"
    And the role Moderators exists with the users "moderator"
    And the role Administrators exists with the users "admin"
    And the role Moderators contains the role Administrators

  @id.roles.child-role-users-read
  Scenario: A user of a child role reads what its parent role may read
    Given the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true}}}
      """
    And the client uses the session token of admin
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"title": "for moderators"}
      """

  @id.roles.child-role-users-write
  Scenario: A user of a child role writes what its parent role may write
    Given the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true, "write": true}}}
      """
    And the client uses the session token of admin
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "edited by an administrator"}
      """
    Then the response status is 200
    And the object post of class Post, read with the master key, contains:
      """
      {"title": "edited by an administrator"}
      """

  @id.roles.child-role-users-find
  Scenario: A user of a child role finds the objects its parent role may read
    Given the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true}}}
      """
    And the client uses the session token of admin
    When the client sends GET /classes/{{Post}}
    Then the results are the objects "post", in any order

  @id.roles.parent-role-users-not-granted
  Scenario: A user of the parent role does not get what is granted to its child role: code 101
    Given the object post of class Post exists with:
      """
      {"title": "for administrators", "ACL": {"role:{{Administrators}}": {"read": true, "write": true}}}
      """
    And the client uses the session token of moderator
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends PUT /classes/{{Post}}/{{post.objectId}} with body:
      """
      {"title": "changed by a moderator"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /classes/{{Post}}
    Then there are no results

  @id.roles.several-levels-deep
  Scenario: Rights pass down several levels of child roles
    Given a user intern signed up with password "p_n7!-e8"
    And the role Interns exists with the users "intern"
    And the role Administrators contains the role Interns
    And the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true}}}
      """
    And the client uses the session token of intern
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200

  @id.roles.unrelated-role-not-granted
  Scenario: A user of a role outside the hierarchy gets nothing from it
    Given a user guest signed up with password "p_n7!-e8"
    And the role Guests exists with the users "guest"
    And the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true}}}
      """
    And the client uses the session token of guest
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.removed-child-role-loses-rights
  Scenario: Removing a child role from its parent takes the parent's rights away at once
    Given the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true}}}
      """
    And the client uses the session token of admin
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    Given the client uses the master key
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"roles": {"__op": "RemoveRelation", "objects": [{"__type": "Pointer", "className": "_Role", "objectId": "{{Administrators.objectId}}"}]}}
      """
    Then the response status is 200
    Given the client sends no master key
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.cycle-terminates
  Scenario: Roles that contain each other in a loop grant each other's rights, and the server still answers
    Given the role Administrators contains the role Moderators
    And the object post of class Post exists with:
      """
      {"title": "for administrators", "ACL": {"role:{{Administrators}}": {"read": true}}}
      """
    And the client uses the session token of moderator
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
    Given the client uses the session token of admin
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200

  @id.roles.self-containing-role
  Scenario: A role that contains itself is harmless
    Given the role Moderators contains the role Moderators
    And the object post of class Post exists with:
      """
      {"title": "for moderators", "ACL": {"role:{{Moderators}}": {"read": true}}}
      """
    And the client uses the session token of moderator
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 200
