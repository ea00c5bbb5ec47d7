@roles @roles-security
Feature: Nobody gets a role's rights without being put in the role
  The rights of a role go to the users in its `users` relation and to the
  users of the roles in its `roles` relation, and to nobody else. Joining
  a role is a write to the role, so only those its ACL lets write (or the
  master key) can add anyone to it. These scenarios try the other ways in:
  adding oneself to a role one may not write, writing the hidden tables
  behind relations directly, creating a role of the same name or a role
  that contains the privileged one, and a user whose objectId reads like a
  role entry. Several are regressions of Parse Server security advisories
  (named in a comment above each).

  Source: Parse REST API guide, Roles (introduction, "Creating Roles",
  "Security with Role", "Role Hierarchy"); Parse Server security
  advisories (GitHub Security Advisories).

  Background:
    Given the client uses the application id and the REST API key
    And the class Post exists
    And a user admin signed up with password "p_n7!-e8"
    And a user mallory signed up with password "p_n7!-e8"
    And the role Administrators exists with the users "admin"
    And the object post of class Post exists with:
      """
      {"title": "for administrators", "ACL": {"role:{{Administrators}}": {"read": true, "write": true}}}
      """

  @id.roles.self-join-refused
  Scenario: A user cannot add themselves to a role whose ACL does not let them write it
    Given the client uses the session token of mallory
    When the client sends PUT /roles/{{Administrators.objectId}} with body:
      """
      {"users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{mallory.objectId}}"}]}}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.self-join-as-child-role-refused
  Scenario: A user cannot put a role of their own inside a role they may not write
    Given the client uses the session token of mallory
    When the client sends POST /roles with body:
      """
      {"name": "{{Mine}}", "ACL": {"*": {"read": true}},
       "users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{mallory.objectId}}"}]}}
      """
    Then the response status is 201
    When the client sends PUT /roles/{{Administrators.objectId}} with body:
      """
      {"roles": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_Role", "objectId": "{{response.objectId}}"}]}}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404

  @id.roles.containing-a-role-grants-nothing-upward
  Scenario: A user's own role that contains a privileged role gives the user none of its rights
    Given the client uses the session token of mallory
    When the client sends POST /roles with body:
      """
      {"name": "{{Mine}}", "ACL": {"*": {"read": true}},
       "users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{mallory.objectId}}"}]},
       "roles": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_Role", "objectId": "{{Administrators.objectId}}"}]}}
      """
    Then the response status is 201
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.roles.same-name-refused
  Scenario: A user cannot get a role's rights by creating another role with its name
    Given the client uses the session token of mallory
    When the client sends POST /roles with body:
      """
      {"name": "{{Administrators}}", "ACL": {"*": {"read": true}},
       "users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{mallory.objectId}}"}]}}
      """
    Then the response status is 400
    And the response is the Parse error 137 "A duplicate value for a field with unique values was provided"
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404

  # GHSA-5f92-jrq3-28rc: writing the join table behind a role's users
  # relation (_Join:users:_Role) directly made a user a member of any role.
  Scenario Outline: The join tables behind roles' relations are refused to clients with code 119: <table>
    Given the client uses the session token of mallory
    When the client sends POST /classes/<table> with body:
      """
      {"owningId": "{{Administrators.objectId}}", "relatedId": "{{mallory.objectId}}"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    When the client sends GET /classes/{{Post}}/{{post.objectId}}
    Then the response status is 404

    @id.roles.join-users-table-refused
    Examples:
      | table                |
      | _Join:users:_Role    |

    @id.roles.join-roles-table-refused
    Examples:
      | table                |
      | _Join:roles:_Role    |

  # GHSA-5f92-jrq3-28rc: the join tables could also be read, revealing every
  # role's members.
  @id.roles.join-table-not-readable
  Scenario: The join table behind roles' users cannot be read by a client: code 119
    Given the client uses the session token of mallory
    When the client sends GET /classes/_Join:users:_Role
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  # GHSA-8xq9-g7ch-35hg: a user created with the custom objectId
  # "role:<name>" was treated as a member of that role.
  @id.roles.user-id-like-role-refused
  Scenario: Signing up with an objectId that reads as a role entry is refused with code 119
    When the client sends POST /users with body:
      """
      {"username": "{{impostor}}", "password": "p_n7!-e8", "objectId": "role:{{Administrators}}"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    And the response body has no field "sessionToken"

  @id.roles.user-entry-never-names-a-role
  Scenario: An ACL entry without the role: prefix grants nothing to a role of that name
    Given the role Lookalike exists with:
      """
      {"name": "{{admin.objectId}}", "ACL": {"*": {"read": true}}}
      """
    And the users "mallory" are added to the role Lookalike
    And the object private of class Post exists with:
      """
      {"title": "admin's own", "ACL": {"{{admin.objectId}}": {"read": true}}}
      """
    And the client uses the session token of mallory
    When the client sends GET /classes/{{Post}}/{{private.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
