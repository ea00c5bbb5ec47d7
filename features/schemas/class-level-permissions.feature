@schemas @schemas-clp
Feature: Class-level permissions open or close each operation on a class
  A class's `classLevelPermissions`, set with the master key through the
  schema API, say who may run each operation on the class: `find`,
  `count`, `get`, `create`, `update`, `delete`, and `addField` (writing a
  field the class does not have yet). Each maps who may to `true`: `*` for
  everyone, a user's objectId, `role:Name` for the members of a role, or
  `requiresAuthentication` for any logged-in user. An operation the
  permissions leave out, or map to `{}`, is open to nobody. A refused
  operation answers code 119 before any object is looked at; an anonymous
  caller of an operation that requires authentication gets code 101
  instead. The master key is never refused. Class-level permissions come
  before ACLs: an object still needs its ACL to be read or written.

  Source: Parse REST API guide, Schemas; Sessions, "Session Security"
  (class-level permissions). The guide does not spell out the rules; they
  follow Parse Server 9.10 (`SchemaController.validatePermission`,
  `validateCLP`), with its sanitized messages (`Permission denied`).

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And the class Vault exists with the schema:
      """
      {"fields": {"item": {"type": "String"}},
       "classLevelPermissions": {"find": {}, "count": {}, "get": {}, "create": {},
                                 "update": {}, "delete": {}, "addField": {}}}
      """
    And the object gold of class Vault exists with:
      """
      {"item": "gold"}
      """

  @id.schemas.clp-find-closed
  Scenario: A query on a class closed to finds is refused with code 119
    When the client sends GET /classes/{{Vault}}
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-count-closed
  Scenario: Counting a class closed to counts is refused with code 119
    When the client queries /classes/{{Vault}} with:
      | count | 1 |
      | limit | 0 |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-get-closed
  Scenario: Reading an object of a class closed to gets is refused with code 119
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-create-closed
  Scenario: Creating an object in a class closed to creates is refused with code 119
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-update-closed
  Scenario: Updating an object of a class closed to updates is refused with code 119 and changes nothing
    Given the client uses the session token of alice
    When the client sends PUT /classes/{{Vault}}/{{gold.objectId}} with body:
      """
      {"item": "lead"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    And the object gold of class Vault, read with the master key, contains:
      """
      {"item": "gold"}
      """

  @id.schemas.clp-delete-closed
  Scenario: Deleting an object of a class closed to deletes is refused with code 119 and keeps it
    Given the client uses the session token of alice
    When the client sends DELETE /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    And the object gold of class Vault, read with the master key, contains:
      """
      {"item": "gold"}
      """

  @id.schemas.clp-master-key-bypasses
  Scenario: The master key finds, reads, updates and deletes in a class closed to everyone
    Given the client uses the master key
    When the client sends GET /classes/{{Vault}}
    Then the response status is 200
    And the results are the objects "gold", in any order
    When the client sends PUT /classes/{{Vault}}/{{gold.objectId}} with body:
      """
      {"item": "platinum", "weight": 3}
      """
    Then the response status is 200
    When the client sends DELETE /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 200
    And the object gold of class Vault no longer exists, even for the master key

  @id.schemas.clp-user-granted
  Scenario: An operation granted to one user's objectId is open to that user only
    Given the class-level permissions of Vault are:
      """
      {"find": {"{{alice.objectId}}": true}, "get": {"{{alice.objectId}}": true}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Vault}}
    Then the response status is 200
    And the results are the objects "gold", in any order
    Given the client uses the session token of bob
    When the client sends GET /classes/{{Vault}}
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-role-granted
  Scenario: An operation granted to role:Name is open to the role's users only
    Given the role Auditors exists with the users "alice"
    And the class-level permissions of Vault are:
      """
      {"find": {"role:{{Auditors}}": true}, "get": {"role:{{Auditors}}": true}}
      """
    And the client uses the session token of alice
    When the client sends GET /classes/{{Vault}}
    Then the response status is 200
    And the results are the objects "gold", in any order
    Given the client uses the session token of bob
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-inherited-role-granted
  Scenario: A user of a role contained in the granted role gets the operation too
    Given the role Auditors exists with the users ""
    And the role Interns exists with the users "bob"
    And the role Auditors contains the role Interns
    And the class-level permissions of Vault are:
      """
      {"get": {"role:{{Auditors}}": true}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 200
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-public-granted
  Scenario: An operation granted to * is open to anonymous callers
    Given the class-level permissions of Vault are:
      """
      {"find": {"*": true}, "get": {"*": true}}
      """
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"item": "gold"}
      """

  @id.schemas.clp-left-out-is-closed
  Scenario: Once permissions are set, an operation they leave out is open to nobody
    Given the class-level permissions of Vault are:
      """
      {"find": {"*": true}}
      """
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver"}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    Given the client uses the master key
    When the client sends GET /schemas/{{Vault}}
    Then the response body contains:
      """
      {"classLevelPermissions": {"find": {"*": true}, "create": {}, "get": {}, "update": {}}}
      """

  @id.schemas.clp-find-and-get-are-separate
  Scenario: Finds and gets are separate permissions: an open find does not open gets
    Given the class-level permissions of Vault are:
      """
      {"find": {"*": true}, "get": {}}
      """
    When the client sends GET /classes/{{Vault}}
    Then the response status is 200
    And the results are the objects "gold", in any order
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-count-without-find
  Scenario: With counts open and finds closed, a count with limit=0 answers the number and no results
    Given the class-level permissions of Vault are:
      """
      {"count": {"*": true}, "find": {}}
      """
    When the client queries /classes/{{Vault}} with:
      | count | 1 |
      | limit | 0 |
    Then the response status is 200
    And the response body is:
      """
      {"results": [], "count": 1}
      """
    When the client queries /classes/{{Vault}} with:
      | count | 1 |
    Then the response is the Parse error 119 "Permission denied"

  @id.schemas.clp-requires-authentication-anonymous
  Scenario: An operation that requires authentication is refused to an anonymous caller with code 101
    Given the class-level permissions of Vault are:
      """
      {"get": {"requiresAuthentication": true}, "create": {"requiresAuthentication": true}}
      """
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Permission denied"
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Permission denied"

  @id.schemas.clp-requires-authentication-user
  Scenario: An operation that requires authentication is open to any logged-in user
    Given the class-level permissions of Vault are:
      """
      {"get": {"requiresAuthentication": true}, "create": {"requiresAuthentication": true}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Vault}}/{{gold.objectId}}
    Then the response status is 200
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver"}
      """
    Then the response status is 201

  @id.schemas.clp-acl-still-applies
  Scenario: An open class-level permission does not open an object its ACL hides
    Given the class-level permissions of Vault are:
      """
      {"find": {"*": true}, "get": {"*": true}}
      """
    And the object secret of class Vault exists with:
      """
      {"item": "diamond", "ACL": {"{{alice.objectId}}": {"read": true}}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Vault}}/{{secret.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    When the client sends GET /classes/{{Vault}}
    Then the results are the objects "gold", in any order

  @id.schemas.clp-add-field-closed-on-create
  Scenario: With addField closed, a create with a new field is refused with code 119; known fields are fine
    Given the class-level permissions of Vault are:
      """
      {"create": {"*": true}, "addField": {}}
      """
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver", "carats": 24}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver"}
      """
    Then the response status is 201
    Given the client uses the master key
    When the client sends GET /schemas/{{Vault}}
    Then the schema in the response has no field "carats"

  @id.schemas.clp-add-field-closed-on-update
  Scenario: With addField closed, updating an object with a new field is refused with code 119
    Given the class-level permissions of Vault are:
      """
      {"update": {"*": true}, "addField": {}}
      """
    When the client sends PUT /classes/{{Vault}}/{{gold.objectId}} with body:
      """
      {"carats": 24}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"
    When the client sends PUT /classes/{{Vault}}/{{gold.objectId}} with body:
      """
      {"item": "white gold"}
      """
    Then the response status is 200

  @id.schemas.clp-add-field-granted
  Scenario: A user granted addField may create objects with new fields; the master key always may
    Given the class-level permissions of Vault are:
      """
      {"create": {"*": true}, "addField": {"{{alice.objectId}}": true}}
      """
    And the client uses the session token of alice
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver", "carats": 24}
      """
    Then the response status is 201
    Given the client uses the session token of bob
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver", "purity": 0.9}
      """
    Then the response is the Parse error 119 "Permission denied"
    Given the client uses the master key
    When the client sends POST /classes/{{Vault}} with body:
      """
      {"item": "silver", "purity": 0.9}
      """
    Then the response status is 201

  Scenario Outline: Invalid class-level permissions are refused with code 107: <what>
    Given the client uses the master key
    When the client sends PUT /schemas/{{Vault}} with body:
      """
      {"classLevelPermissions": <permissions>}
      """
    Then the response status is 400
    And the response is the Parse error 107 "<message>"

    @id.schemas.clp-invalid-operation
    Examples: an unknown operation
      | what              | permissions           | message                                               |
      | unknown operation | {"fly": {"*": true}}  | fly is not a valid operation for class level permissions |

    @id.schemas.clp-invalid-value
    Examples: a value other than true
      | what  | permissions            | message                                                            |
      | false | {"find": {"*": false}} | 'false' is not a valid value for class level permissions acl find:* |

    @id.schemas.clp-invalid-key
    Examples: a key that names nobody
      | what    | permissions                 | message                                                   |
      | bad key | {"find": {"any one": true}} | 'any one' is not a valid key for class level permissions |

    @id.schemas.clp-invalid-operation-value
    Examples: an operation that is not an object
      | what       | permissions    | message                                                                    |
      | not object | {"find": true} | 'true' is not a valid value for class level permissions find - must be an object |

    @id.schemas.clp-invalid-acl-key
    Examples: a class default ACL granting something other than read or write
      | what        | permissions                                  | message                                                   |
      | acl fly key | {"ACL": {"*": {"read": true, "fly": true}}} | 'fly' is not a valid key for class level permissions acl |

    @id.schemas.clp-invalid-acl-value
    Examples: a class default ACL whose grant is not a boolean
      | what          | permissions                     | message                                                   |
      | acl yes value | {"ACL": {"*": {"read": "yes"}}} | 'yes' is not a valid value for class level permissions acl |

    @id.schemas.clp-invalid-pointer-field
    Examples: a pointer permission on a field that is not a pointer to users
      | what           | permissions                 | message                                                                       |
      | string pointer | {"readUserFields": ["item"]} | 'item' is not a valid column for class level pointer permissions readUserFields |
