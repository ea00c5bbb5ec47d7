@schemas @schemas-api
Feature: The schema API reads, creates, changes and drops classes, with the master key only
  A class's schema is its name, its fields with their types, and its
  class-level permissions. `GET /schemas` lists every class of the app and
  `GET /schemas/CLASS` reads one. `POST /schemas/CLASS` (or `POST /schemas`
  with `className` in the body) creates an empty class with the fields
  given plus the four every object has: `objectId`, `createdAt`,
  `updatedAt` and `ACL`; a class made without class-level permissions is
  open to everyone. `PUT /schemas/CLASS` adds fields, and deletes the ones
  given as `{"__op": "Delete"}`, whose values then leave every object. A
  class can be dropped with `DELETE /schemas/CLASS` only while it holds no
  object. Only the master key may use the schema API; any other caller
  gets HTTP 403.

  Source: Parse REST API guide, Schemas ("Fetch the schema", "Adding a
  schema", "Modifying the schema", "Removing a schema"); Quick Reference,
  "Schemas API"; Errors (codes 103, 135, 136, 255). Where the guide is
  silent (error codes and messages, dropping a class that does not exist)
  the scenarios follow Parse Server 9.10 (`SchemasRouter`,
  `SchemaController`).

  Background:
    Given the client uses the application id and the REST API key
    And the client uses the master key

  @id.schemas.create-class
  Scenario: Creating a class answers its schema: the fields given plus objectId, createdAt, updatedAt and ACL
    When the client sends POST /schemas/{{City}} with body:
      """
      {"className": "{{City}}", "fields": {"name": {"type": "String"}}}
      """
    Then the response status is 200
    And the response body matches the schema "class-schema"
    And the response body contains:
      """
      {
        "className": "{{City}}",
        "fields": {
          "objectId": {"type": "String"}, "createdAt": {"type": "Date"},
          "updatedAt": {"type": "Date"}, "ACL": {"type": "ACL"},
          "name": {"type": "String"}
        }
      }
      """

  @id.schemas.create-class-open-to-everyone
  Scenario: A class created without class-level permissions lets everyone do everything
    When the client sends POST /schemas/{{City}} with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"classLevelPermissions": {
        "find": {"*": true}, "count": {"*": true}, "get": {"*": true},
        "create": {"*": true}, "update": {"*": true}, "delete": {"*": true},
        "addField": {"*": true}, "protectedFields": {"*": []}
      }}
      """

  @id.schemas.create-class-named-in-body
  Scenario: POST /schemas creates the class named by className in the body
    When the client sends POST /schemas with body:
      """
      {"className": "{{City}}", "fields": {"name": {"type": "String"}}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"className": "{{City}}", "fields": {"name": {"type": "String"}}}
      """

  @id.schemas.create-class-without-name
  Scenario: POST /schemas without a className is refused with code 135
    When the client sends POST /schemas with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 135 "POST /schemas needs a class name."

  @id.schemas.create-existing-class
  Scenario: Creating a class that exists is refused with code 103
    Given the class City exists
    When the client sends POST /schemas/{{City}} with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 103 "Class {{City}} already exists."

  @id.schemas.create-invalid-class-name
  Scenario: A class name that does not start with a letter is refused with code 103
    When the client sends POST /schemas/1City with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 103 "Invalid classname: 1City, classnames can only have alphanumeric characters and _, and must start with an alpha character "

  @id.schemas.create-class-name-mismatch
  Scenario: A body naming another class than the URL is refused with code 103
    When the client sends POST /schemas/{{City}} with body:
      """
      {"className": "{{Town}}"}
      """
    Then the response status is 400
    And the response is the Parse error 103 "Class name mismatch between {{Town}} and {{City}}."

  @id.schemas.get-class
  Scenario: GET /schemas/CLASS answers the class's fields with their types
    Given the class City exists with the schema:
      """
      {"fields": {"name": {"type": "String"}, "population": {"type": "Number"}}}
      """
    When the client sends GET /schemas/{{City}}
    Then the response status is 200
    And the response body matches the schema "class-schema"
    And the response body contains:
      """
      {"className": "{{City}}", "fields": {"name": {"type": "String"}, "population": {"type": "Number"}}}
      """

  @id.schemas.user-class-fields
  Scenario: The schema of _User lists the fields every user has
    Given a user alice signed up with password "p_n7!-e8"
    When the client sends GET /schemas/_User
    Then the response status is 200
    And the response body contains:
      """
      {"className": "_User", "fields": {
        "username": {"type": "String"}, "password": {"type": "String"}, "email": {"type": "String"},
        "emailVerified": {"type": "Boolean"}, "authData": {"type": "Object"}
      }}
      """

  @id.schemas.session-class-fields
  Scenario: The schema of _Session lists the fields every session has
    Given a user alice signed up with password "p_n7!-e8"
    When the client sends GET /schemas/_Session
    Then the response status is 200
    And the response body contains:
      """
      {"className": "_Session", "fields": {
        "user": {"type": "Pointer", "targetClass": "_User"}, "sessionToken": {"type": "String"},
        "expiresAt": {"type": "Date"}, "createdWith": {"type": "Object"}, "installationId": {"type": "String"}
      }}
      """

  @id.schemas.role-class-fields
  Scenario: The schema of _Role lists a role's name and its users and roles relations
    Given the role Admins exists with the users ""
    When the client sends GET /schemas/_Role
    Then the response status is 200
    And the response body contains:
      """
      {"className": "_Role", "fields": {
        "name": {"type": "String"},
        "users": {"type": "Relation", "targetClass": "_User"},
        "roles": {"type": "Relation", "targetClass": "_Role"}
      }}
      """

  @id.schemas.get-missing-class
  Scenario: Reading the schema of a class that does not exist is refused with code 103
    When the client sends GET /schemas/{{Nowhere}}
    Then the response status is 400
    And the response is the Parse error 103 "Class {{Nowhere}} does not exist."

  @id.schemas.list-classes
  Scenario: GET /schemas lists the schema of every class, the ones just created among them
    Given the class City exists
    And the class Country exists
    When the client sends GET /schemas
    Then the response status is 200
    And the response body matches the schema "class-schema-list"
    And the schemas listed include the classes "City, Country"

  @id.schemas.update-adds-field
  Scenario: PUT /schemas/CLASS adds the fields given and answers the whole schema
    Given the class City exists with the schema:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"className": "{{City}}", "fields": {"population": {"type": "Number"}}}
      """
    Then the response status is 200
    And the response body matches the schema "class-schema"
    And the response body contains:
      """
      {"fields": {"name": {"type": "String"}, "population": {"type": "Number"}}}
      """

  @id.schemas.update-deletes-field-and-its-data
  Scenario: Deleting a field with {"__op": "Delete"} removes it from the schema and its values from every object
    Given the class City exists with the schema:
      """
      {"fields": {"name": {"type": "String"}, "population": {"type": "Number"}}}
      """
    And the object paris of class City exists with:
      """
      {"name": "Paris", "population": 2100000}
      """
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"population": {"__op": "Delete"}}}
      """
    Then the response status is 200
    And the schema in the response has no field "population"
    When the client sends GET /classes/{{City}}/{{paris.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"name": "Paris"}
      """
    And the response body has no field "population"

  @id.schemas.deleted-field-comes-back-with-another-type
  Scenario: Once deleted, a field can be declared again with another type
    Given the class City exists with the schema:
      """
      {"fields": {"population": {"type": "Number"}}}
      """
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"population": {"__op": "Delete"}}}
      """
    And the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"population": {"type": "String"}}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"fields": {"population": {"type": "String"}}}
      """

  @id.schemas.update-same-field-again
  Scenario: Declaring an existing field again with the same type changes nothing
    Given the class City exists with the schema:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    And the object paris of class City exists with:
      """
      {"name": "Paris"}
      """
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 200
    And the response body contains:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    And the object paris of class City, read with the master key, contains:
      """
      {"name": "Paris"}
      """

  @id.schemas.deleted-relation-forgets-its-objects
  Scenario: Deleting a Relation field forgets what it related: declared again, it relates nothing
    Given a user alice signed up with password "p_n7!-e8"
    And the class Club exists with the schema:
      """
      {"fields": {"fans": {"type": "Relation", "targetClass": "_User"}}}
      """
    And the object club of class Club exists with:
      """
      {"fans": {"__op": "AddRelation", "objects": [{"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}]}}
      """
    When the client sends PUT /schemas/{{Club}} with body:
      """
      {"fields": {"fans": {"__op": "Delete"}}}
      """
    And the client sends PUT /schemas/{{Club}} with body:
      """
      {"fields": {"fans": {"type": "Relation", "targetClass": "_User"}}}
      """
    Then the response status is 200
    When the client queries /users with:
      | where | {"$relatedTo": {"object": {"__type": "Pointer", "className": "{{Club}}", "objectId": "{{club.objectId}}"}, "key": "fans"}} |
    Then the response status is 200
    And there are no results

  @id.schemas.update-field-with-another-type
  Scenario: Declaring an existing field with another type is refused with code 255
    Given the class City exists with the schema:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"name": {"type": "Number"}}}
      """
    Then the response status is 400
    And the response is the Parse error 255 "Field name exists, cannot update."

  @id.schemas.delete-missing-field
  Scenario: Deleting a field the class does not have is refused with code 255
    Given the class City exists
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"population": {"__op": "Delete"}}}
      """
    Then the response status is 400
    And the response is the Parse error 255 "Field population does not exist, cannot delete."

  @id.schemas.delete-built-in-field
  Scenario: Deleting a field every object has is refused with code 136
    Given the class City exists
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"createdAt": {"__op": "Delete"}}}
      """
    Then the response status is 400
    And the response is the Parse error 136 "field createdAt cannot be changed"

  @id.schemas.update-missing-class
  Scenario: Changing a class that does not exist is refused with code 103
    When the client sends PUT /schemas/{{Nowhere}} with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 103 "Class {{Nowhere}} does not exist."

  @id.schemas.update-class-name-mismatch
  Scenario: A change whose body names another class than the URL is refused with code 103
    Given the class City exists
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"className": "{{Town}}", "fields": {"name": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 103 "Class name mismatch between {{Town}} and {{City}}."

  @id.schemas.drop-empty-class
  Scenario: Dropping an empty class answers {} and the class is gone
    Given the class City exists
    When the client sends DELETE /schemas/{{City}}
    Then the response status is 200
    And the response body is:
      """
      {}
      """
    When the client sends GET /schemas/{{City}}
    Then the response is the Parse error 103 "Class {{City}} does not exist."

  @id.schemas.drop-class-with-objects
  Scenario: Dropping a class that holds objects is refused with code 255, naming how many
    Given the class City exists
    And the object paris of class City exists with:
      """
      {"name": "Paris"}
      """
    When the client sends DELETE /schemas/{{City}}
    Then the response status is 400
    And the response is the Parse error 255 "Class {{City}} is not empty, contains 1 objects, cannot drop schema."
    And the object paris of class City, read with the master key, contains:
      """
      {"name": "Paris"}
      """

  # The guide is silent; Parse Server 9.10 answers {} (DatabaseController.deleteSchema).
  @id.schemas.drop-missing-class
  Scenario: Dropping a class that does not exist answers {}
    When the client sends DELETE /schemas/{{Nowhere}}
    Then the response status is 200
    And the response body is:
      """
      {}
      """

  @id.schemas.drop-invalid-class-name
  Scenario: Dropping a class with an invalid name is refused with code 103
    When the client sends DELETE /schemas/1City
    Then the response status is 400
    And the response is a Parse error with code 103

  Scenario Outline: The schema API without the master key answers HTTP 403: <request>
    Given the class City exists
    And the client sends no master key
    When the client sends <request>
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """

    @id.schemas.master-key-required-list
    Examples: listing
      | request      |
      | GET /schemas |

    @id.schemas.master-key-required-get
    Examples: reading one
      | request               |
      | GET /schemas/{{City}} |

    @id.schemas.master-key-required-drop
    Examples: dropping
      | request                  |
      | DELETE /schemas/{{City}} |

  @id.schemas.master-key-required-create
  Scenario: Creating a class through the schema API without the master key answers HTTP 403
    Given the client sends no master key
    When the client sends POST /schemas/{{City}} with body:
      """
      {"fields": {"name": {"type": "String"}}}
      """
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """
    Given the client uses the master key
    When the client sends GET /schemas/{{City}}
    Then the response is the Parse error 103 "Class {{City}} does not exist."

  @id.schemas.master-key-required-update
  Scenario: Changing a class through the schema API without the master key answers HTTP 403 and changes nothing
    Given the class City exists
    And the client sends no master key
    When the client sends PUT /schemas/{{City}} with body:
      """
      {"fields": {"population": {"type": "Number"}}}
      """
    Then the response status is 403
    And the response body is:
      """
      {"error": "Permission denied"}
      """
    Given the client uses the master key
    When the client sends GET /schemas/{{City}}
    Then the schema in the response has no field "population"
