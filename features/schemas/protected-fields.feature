@schemas @schemas-protected-fields
Feature: Protected fields are hidden from the callers the class names
  A class's `protectedFields` permission maps callers to fields hidden
  from them in every find and get: `*` for everyone, `authenticated` for
  any logged-in user, a user's objectId, `role:Name`, or `userField:f`
  for the user the object's pointer field `f` names. When several entries
  apply to a caller, only the fields hidden by all of them stay hidden, so
  a more specific entry can show a user what the public does not see
  (an empty list shows everything). A query may not constrain or sort by
  a field hidden from its caller (code 119). The master key sees
  everything. Only the fields of the class itself may be protected, never
  `objectId`, `createdAt`, `updatedAt` or `ACL` (code 107).

  Source: Parse REST API guide, Schemas (class-level permissions); Users,
  "Security" (protected fields). The rules follow Parse Server 9.10
  (`DatabaseController.addProtectedFields`, `filterSensitiveData`,
  `RestQuery.denyProtectedFields`, `SchemaController.validateCLP`).

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And a user carol signed up with password "p_n7!-e8"
    And the class Profile exists with the schema:
      """
      {"fields": {"owner": {"type": "Pointer", "targetClass": "_User"}, "nickname": {"type": "String"},
                  "salary": {"type": "Number"}, "phone": {"type": "String"}},
       "classLevelPermissions": {"find": {"*": true}, "get": {"*": true}, "count": {"*": true},
                                 "create": {"*": true}, "update": {"*": true}, "delete": {"*": true},
                                 "addField": {"*": true},
                                 "protectedFields": {"*": ["salary", "phone"],
                                                     "{{bob.objectId}}": ["phone"],
                                                     "userField:owner": []}}}
      """
    And the object card of class Profile exists with:
      """
      {"nickname": "Al", "salary": 5000, "phone": "555-0100",
       "owner": {"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}}
      """

  @id.schemas.protected-hidden-from-find
  Scenario: A find by the public leaves the protected fields out of every result
    When the client sends GET /classes/{{Profile}}
    Then the response status is 200
    And the results are the objects "card", in any order
    And every result has the field "nickname" and not the field "salary"
    And no result has the field "phone"

  @id.schemas.protected-hidden-from-get
  Scenario: A get by another user leaves the protected fields out
    Given the client uses the session token of carol
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"nickname": "Al"}
      """
    And the response body has no field "salary"
    And the response body has no field "phone"

  @id.schemas.protected-user-entry-intersects
  Scenario: A user with its own entry sees what it leaves visible: the entries that apply intersect
    Given the client uses the session token of bob
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"nickname": "Al", "salary": 5000}
      """
    And the response body has no field "phone"

  @id.schemas.protected-user-field-shows-owner
  Scenario: userField:owner with an empty list shows the user the owner field names everything
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"nickname": "Al", "salary": 5000, "phone": "555-0100"}
      """

  @id.schemas.protected-master-key-sees-all
  Scenario: The master key sees the protected fields
    Given the client uses the master key
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response body contains:
      """
      {"salary": 5000, "phone": "555-0100"}
      """

  @id.schemas.protected-keys-do-not-reveal
  Scenario: Asking for a protected field with keys does not reveal it
    When the client queries /classes/{{Profile}} with:
      | keys | salary |
    Then the response status is 200
    And no result has the field "salary"

  @id.schemas.protected-authenticated-entry
  Scenario: An authenticated entry applies to every logged-in user and not to anonymous callers
    Given the class-level permissions of Profile are:
      """
      {"find": {"*": true}, "get": {"*": true},
       "protectedFields": {"*": ["salary", "phone"], "authenticated": ["phone"]}}
      """
    And the client uses the session token of carol
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response body contains:
      """
      {"salary": 5000}
      """
    And the response body has no field "phone"
    Given the client sends no session token
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response body has no field "salary"

  @id.schemas.protected-role-entry
  Scenario: A role's entry applies to its users: its list intersects with the public one
    Given the role Payroll exists with the users "carol"
    And the class-level permissions of Profile are:
      """
      {"find": {"*": true}, "get": {"*": true},
       "protectedFields": {"*": ["salary", "phone"], "role:{{Payroll}}": ["phone"]}}
      """
    And the client uses the session token of carol
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response body contains:
      """
      {"salary": 5000}
      """
    And the response body has no field "phone"
    Given the client uses the session token of bob
    When the client sends GET /classes/{{Profile}}/{{card.objectId}}
    Then the response body has no field "salary"

  @id.schemas.protected-query-refused
  Scenario: A query constraining a field hidden from the caller is refused with code 119
    Given the client uses the session token of carol
    When the client queries /classes/{{Profile}} with:
      | where | {"salary": {"$gt": 1000}} |
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.protected-query-by-visible-field
  Scenario: A user may query by a field its own entry leaves visible
    Given the client uses the session token of bob
    When the client queries /classes/{{Profile}} with:
      | where | {"salary": 5000} |
    Then the response status is 200
    And the results are the objects "card", in any order

  @id.schemas.protected-invalid-key
  Scenario: Protected fields for a key that names nobody are refused with code 107
    Given the client uses the master key
    When the client sends PUT /schemas/{{Profile}} with body:
      """
      {"classLevelPermissions": {"protectedFields": {"any one": ["salary"]}}}
      """
    Then the response status is 400
    And the response is the Parse error 107 "'any one' is not a valid key for class level permissions"

  Scenario Outline: Protecting a field that cannot be protected is refused with code 107: <what>
    Given the client uses the master key
    When the client sends PUT /schemas/{{Profile}} with body:
      """
      {"classLevelPermissions": {"protectedFields": {"*": ["<field>"]}}}
      """
    Then the response status is 400
    And the response is the Parse error 107 "<message>"

    @id.schemas.protected-built-in-field
    Examples: a field every object has
      | what     | field    | message                                     |
      | objectId | objectId | Default field 'objectId' can not be protected |

    @id.schemas.protected-missing-field
    Examples: a field the class does not have
      | what    | field | message                                              |
      | missing | iban  | Field 'iban' in protectedFields:* does not exist |
