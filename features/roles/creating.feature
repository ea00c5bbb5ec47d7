@roles @roles-creating
Feature: Creating roles
  A role is a named group of users (and of other roles) that ACLs can grant
  rights to. It is an object of the special class `_Role`, reached at
  `/roles`. Creating one is a POST to `/roles` with a `name` and an `ACL`:
  both are required. The name identifies the role without its objectId, so
  no two roles share one, and it may only use letters, digits, spaces, `-`
  and `_`. It is set once, when the role is created, and never changes.
  The ACL says who may read and change the role itself; it should be as
  narrow as possible, since whoever may write a role may add themselves to
  it. The answer is 201 Created, with the role's URL in `Location` and its
  `objectId` and `createdAt` in the body. The `users` and `roles` relations
  can be filled in the same request with `AddRelation`.

  Source: Parse REST API guide, Roles, "Creating Roles" and the `name`,
  `users` and `roles` fields described at the top of the Roles section.

  Background:
    Given the client uses the application id and the REST API key
    And the client uses the master key

  @id.roles.create-answers-201
  Scenario: Creating a role answers 201 Created with its objectId and creation time
    When the client sends POST /roles with body:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 201
    And the response body matches the schema "object-created"

  # Parse Server answers Location: .../classes/_Role/<objectId> (its
  # RolesRouter reuses ClassesRouter.handleCreate), not the /roles URL.
  @id.roles.create-location
  Scenario: The Location of a new role is its URL under /roles
    When the client sends POST /roles with body:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 201
    And the response header "Location" is "{{target}}/roles/{{response.objectId}}"

  @id.roles.create-then-read
  Scenario: A new role reads back with its name and ACL
    When the client sends POST /roles with body:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """

  @id.roles.create-through-classes
  Scenario: A role created at /classes/_Role is the same role /roles serves
    When the client sends POST /classes/_Role with body:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 201
    When the client sends GET /roles/{{response.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"name": "{{Moderators}}"}
      """

  @id.roles.name-required
  Scenario: A role without a name is refused with code 111
    When the client sends POST /roles with body:
      """
      {"ACL": {"*": {"read": true}}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "name is required."

  @id.roles.acl-required
  Scenario: A role without an ACL is refused with code 111, even with the master key
    When the client sends POST /roles with body:
      """
      {"name": "{{Moderators}}"}
      """
    Then the response status is 400
    And the response is the Parse error 111 "ACL is required."
    When the client queries /roles with:
      | where | {"name": "{{Moderators}}"} |
    Then there are no results

  @id.roles.name-must-be-a-string
  Scenario: A name that is not a string is refused with code 111
    When the client sends POST /roles with body:
      """
      {"name": 7, "ACL": {"*": {"read": true}}}
      """
    Then the response status is 400
    And the response is a Parse error with code 111

  Scenario Outline: A name with letters, digits, spaces, - and _ is accepted: <name>
    When the client sends POST /roles with body:
      """
      {"name": "<name>", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 201

    @id.roles.name-with-space
    Examples:
      | name                   |
      | {{Content}} Moderators |

    @id.roles.name-with-dash-and-underscore
    Examples:
      | name                |
      | {{Staff}}-Level_2   |

  # Parse Server does not check a role's characters (the rule lives in the
  # Parse SDKs' ParseRole._validateName, code -1): it answers 201 to these.
  Scenario Outline: A name with other characters is refused with code -1: <name>
    When the client sends POST /roles with body:
      """
      {"name": "<name>", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 400
    And the response is the Parse error -1 "A role's name can be only contain alphanumeric characters, _, -, and spaces."

    @id.roles.name-with-colon
    Examples:
      | name             |
      | role:{{Admins}} |

    @id.roles.name-with-punctuation
    Examples:
      | name          |
      | {{Admins}}!   |

    @id.roles.name-with-dot
    Examples:
      | name         |
      | {{Admins}}.x |

  @id.roles.duplicate-name
  Scenario: A second role with a name already taken is refused with code 137
    Given the role Moderators exists with the users ""
    When the client sends POST /roles with body:
      """
      {"name": "{{Moderators}}", "ACL": {"*": {"read": true}}}
      """
    Then the response status is 400
    And the response is the Parse error 137 "A duplicate value for a field with unique values was provided"

  # Parse Server lets the master key rename a saved role (200); the rule is
  # the Parse SDKs' (ParseRole.validate, code -1).
  @id.roles.name-cannot-change
  Scenario: The name of a saved role cannot change, even with the master key
    Given the role Moderators exists with the users ""
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"name": "{{Renamed}}"}
      """
    Then the response status is 400
    And the response is the Parse error -1 "A role's name can only be set before it has been saved."
    When the client sends GET /roles/{{Moderators.objectId}}
    Then the response body contains:
      """
      {"name": "{{Moderators}}"}
      """

  @id.roles.name-cannot-be-deleted
  Scenario: Deleting the name of a role is refused with code 111
    Given the role Moderators exists with the users ""
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"name": {"__op": "Delete"}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "name is required."

  @id.roles.acl-cannot-be-deleted
  Scenario: Deleting the ACL of a role is refused with code 111
    Given the role Moderators exists with the users ""
    When the client sends PUT /roles/{{Moderators.objectId}} with body:
      """
      {"ACL": {"__op": "Delete"}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "ACL is required."

  @id.roles.create-with-users-and-roles
  Scenario: A role can be created with users and child roles already in its relations
    Given a user alice signed up with password "p_n7!-e8"
    And the role Administrators exists with the users ""
    When the client sends POST /roles with body:
      """
      {
        "name": "{{Moderators}}",
        "ACL": {"*": {"read": true}},
        "users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}]},
        "roles": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_Role", "objectId": "{{Administrators.objectId}}"}]}
      }
      """
    Then the response status is 201
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "_Role", "objectId": "{{response.objectId}}"}, "key": "users"}} |
    Then the results are the users "alice", in any order

  @id.roles.users-relation-holds-users-only
  Scenario: The users relation of a role holds only users
    Given the role Administrators exists with the users ""
    When the client sends POST /roles with body:
      """
      {
        "name": "{{Moderators}}",
        "ACL": {"*": {"read": true}},
        "users": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_Role", "objectId": "{{Administrators.objectId}}"}]}
      }
      """
    Then the response status is 400
    And the response is a Parse error with code 111
