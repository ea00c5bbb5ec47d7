@schemas @schemas-fields
Feature: Fields declared through the schema API: their types, options and names
  A field is declared with its type: String, Number, Boolean, Date,
  Object, Array, GeoPoint, File, Bytes, Polygon, or a Pointer or Relation
  with the class it targets (`targetClass`). A field may carry options: a
  `defaultValue` of its type, which an object created without the field
  gets, and `required`, which refuses to create an object without it.
  Objects must then store values of the declared type. Refused: a name
  that is not a letter followed by letters, digits and `_` (105), a name
  every object already has (136), an unknown type (111), a Pointer or
  Relation without a target class (135), a default value of another type
  (111), options on a Relation (111), and a second GeoPoint field (111).

  Source: Parse REST API guide, Schemas ("Adding a schema"); Objects, "Data
  Types"; Errors (codes 105, 111, 135, 136, 142). The options and the
  codes and messages follow Parse Server 9.10
  (`SchemaController.validateSchemaData`, `RestWrite`), the guide being
  silent on them.

  Background:
    Given the client uses the application id and the REST API key
    And the client uses the master key

  @id.schemas.every-field-type
  Scenario: A class can declare a field of every type, Pointers and Relations with their target class
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {
        "s": {"type": "String"}, "n": {"type": "Number"}, "b": {"type": "Boolean"},
        "d": {"type": "Date"}, "o": {"type": "Object"}, "a": {"type": "Array"},
        "g": {"type": "GeoPoint"}, "f": {"type": "File"}, "by": {"type": "Bytes"},
        "poly": {"type": "Polygon"},
        "owner": {"type": "Pointer", "targetClass": "_User"},
        "fans": {"type": "Relation", "targetClass": "_User"}
      }}
      """
    Then the response status is 200
    And the response body matches the schema "class-schema"
    And the response body contains:
      """
      {"fields": {
        "s": {"type": "String"}, "n": {"type": "Number"}, "b": {"type": "Boolean"},
        "d": {"type": "Date"}, "o": {"type": "Object"}, "a": {"type": "Array"},
        "g": {"type": "GeoPoint"}, "f": {"type": "File"}, "by": {"type": "Bytes"},
        "poly": {"type": "Polygon"},
        "owner": {"type": "Pointer", "targetClass": "_User"},
        "fans": {"type": "Relation", "targetClass": "_User"}
      }}
      """

  @id.schemas.declared-type-binds-objects
  Scenario: An object storing a value of another type than the declared one is refused with code 111
    Given the class Thing exists with the schema:
      """
      {"fields": {"title": {"type": "String"}}}
      """
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"title": 42}
      """
    Then the response status is 400
    And the response is the Parse error 111 "schema mismatch for {{Thing}}.title; expected String but got Number"

  @id.schemas.default-value
  Scenario: An object created without a field that has a defaultValue gets that value, shown in the answer
    Given the class Thing exists with the schema:
      """
      {"fields": {"title": {"type": "String"}, "stock": {"type": "Number", "defaultValue": 3}}}
      """
    And the client sends no master key
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"title": "lamp"}
      """
    Then the response status is 201
    And the response body contains:
      """
      {"stock": 3}
      """
    And the object at the response's Location contains:
      """
      {"title": "lamp", "stock": 3}
      """

  @id.schemas.required-field
  Scenario: Creating an object without a required field is refused with code 142
    Given the class Thing exists with the schema:
      """
      {"fields": {"title": {"type": "String", "required": true}, "stock": {"type": "Number"}}}
      """
    And the client sends no master key
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"stock": 1}
      """
    Then the response status is 400
    And the response is the Parse error 142 "title is required"

  @id.schemas.default-value-of-another-type
  Scenario: A defaultValue of another type than the field's is refused with code 111
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"title": {"type": "String", "defaultValue": 1}}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "schema mismatch for {{Thing}}.title default value; expected String but got Number"

  @id.schemas.required-relation
  Scenario: A Relation cannot be required: code 111
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"fans": {"type": "Relation", "targetClass": "_User", "required": true}}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "The 'required' option is not applicable for Relation<_User>"

  @id.schemas.invalid-field-name
  Scenario: A field name that does not start with a letter is refused with code 105
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"1st": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 105 "invalid field name: 1st"

  @id.schemas.built-in-field-name
  Scenario: Declaring a field every object already has is refused with code 136
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"objectId": {"type": "String"}}}
      """
    Then the response status is 400
    And the response is the Parse error 136 "field objectId cannot be added"

  @id.schemas.unknown-field-type
  Scenario: An unknown field type is refused with code 111
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"title": {"type": "Text"}}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "invalid field type: Text"

  @id.schemas.field-type-not-an-object
  Scenario: A field declared with a bare type name instead of {"type": …} is refused with code 107
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"title": "String"}}
      """
    Then the response status is 400
    And the response is the Parse error 107 "invalid JSON"

  Scenario Outline: A <type> without a target class is refused with code 135
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"link": {"type": "<type>"}}}
      """
    Then the response status is 400
    And the response is the Parse error 135 "type <type> needs a class name"

    @id.schemas.pointer-without-target
    Examples: a Pointer
      | type    |
      | Pointer |

    @id.schemas.relation-without-target
    Examples: a Relation
      | type     |
      | Relation |

  @id.schemas.invalid-target-class
  Scenario: A Pointer to a class with an invalid name is refused with code 103
    When the client sends POST /schemas/{{Thing}} with body:
      """
      {"fields": {"link": {"type": "Pointer", "targetClass": "1Bad"}}}
      """
    Then the response status is 400
    And the response is the Parse error 103 "Invalid classname: 1Bad, classnames can only have alphanumeric characters and _, and must start with an alpha character "

  @id.schemas.one-geopoint
  Scenario: A class may have only one GeoPoint field: a second is refused with code 111
    Given the class Thing exists with the schema:
      """
      {"fields": {"home": {"type": "GeoPoint"}}}
      """
    When the client sends PUT /schemas/{{Thing}} with body:
      """
      {"fields": {"work": {"type": "GeoPoint"}}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "currently, only one GeoPoint field may exist in an object. Adding work when home already exists."
