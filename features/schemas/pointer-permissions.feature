@schemas @schemas-pointer-permissions
Feature: Pointer permissions open a class to the users its objects point to
  Instead of naming users, class-level permissions can name fields: a
  field holding a pointer to a user (or an array of them) gives that user
  access to that object. `readUserFields` lists such fields for finds,
  counts and gets; `writeUserFields` for updates, deletes and new fields;
  an operation can also list its own fields as `{"pointerFields": [...]}`.
  A caller reaches only the objects that point to it: a find leaves the
  others out, and a get, update or delete of another one answers as for a
  missing object (code 101). An anonymous caller reaches nothing. Creating
  an object is never opened this way (code 119).

  Source: Parse REST API guide, Schemas (class-level permissions). The
  guide does not spell out pointer permissions; the rules follow Parse
  Server 9.10 (`SchemaController.validatePermission`,
  `DatabaseController.addPointerPermissions`).

  Background:
    Given the client uses the application id and the REST API key
    And a user alice signed up with password "p_n7!-e8"
    And a user bob signed up with password "p_n7!-e8"
    And the class Diary exists with the schema:
      """
      {"fields": {"owner": {"type": "Pointer", "targetClass": "_User"}, "text": {"type": "String"}},
       "classLevelPermissions": {"find": {}, "count": {}, "get": {}, "create": {"*": true},
                                 "update": {}, "delete": {}, "addField": {},
                                 "readUserFields": ["owner"], "writeUserFields": ["owner"]}}
      """
    And the object mine of class Diary exists with:
      """
      {"text": "alice's", "owner": {"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}}
      """
    And the object theirs of class Diary exists with:
      """
      {"text": "bob's", "owner": {"__type": "Pointer", "className": "_User", "objectId": "{{bob.objectId}}"}}
      """

  @id.schemas.pointer-find-own
  Scenario: A find returns only the objects whose pointer field names the caller
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Diary}}
    Then the response status is 200
    And the results are the objects "mine", in any order

  @id.schemas.pointer-count-own
  Scenario: A count counts only the objects whose pointer field names the caller
    Given the client uses the session token of alice
    When the client queries /classes/{{Diary}} with:
      | count | 1 |
      | limit | 0 |
    Then the response status is 200
    And the response body contains:
      """
      {"count": 1}
      """

  @id.schemas.pointer-find-anonymous
  Scenario: An anonymous find reaches no object of a class open only through pointer permissions
    When the client sends GET /classes/{{Diary}}
    Then the response status is 200
    And there are no results

  @id.schemas.pointer-get-own
  Scenario: A user reads an object whose pointer field names it
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Diary}}/{{mine.objectId}}
    Then the response status is 200
    And the response body contains:
      """
      {"text": "alice's"}
      """

  @id.schemas.pointer-get-other
  Scenario: Reading an object that points to another user answers code 101, as for a missing object
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Diary}}/{{theirs.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.schemas.pointer-get-anonymous
  Scenario: An anonymous read of an object open only through pointer permissions answers code 101
    When the client sends GET /classes/{{Diary}}/{{mine.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."

  @id.schemas.pointer-update-own
  Scenario: A user updates an object whose write pointer field names it, new fields included
    Given the client uses the session token of alice
    When the client sends PUT /classes/{{Diary}}/{{mine.objectId}} with body:
      """
      {"text": "alice's, edited", "mood": "happy"}
      """
    Then the response status is 200
    And the object mine of class Diary, read with the master key, contains:
      """
      {"text": "alice's, edited", "mood": "happy"}
      """

  @id.schemas.pointer-update-other
  Scenario: Updating an object that points to another user answers code 101 and changes nothing
    Given the client uses the session token of alice
    When the client sends PUT /classes/{{Diary}}/{{theirs.objectId}} with body:
      """
      {"text": "hacked"}
      """
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object theirs of class Diary, read with the master key, contains:
      """
      {"text": "bob's"}
      """

  @id.schemas.pointer-delete-other
  Scenario: Deleting an object that points to another user answers code 101 and keeps it
    Given the client uses the session token of alice
    When the client sends DELETE /classes/{{Diary}}/{{theirs.objectId}}
    Then the response status is 404
    And the response is the Parse error 101 "Object not found."
    And the object theirs of class Diary, read with the master key, contains:
      """
      {"text": "bob's"}
      """

  @id.schemas.pointer-delete-own
  Scenario: A user deletes an object whose write pointer field names it
    Given the client uses the session token of alice
    When the client sends DELETE /classes/{{Diary}}/{{mine.objectId}}
    Then the response status is 200
    And the object mine of class Diary no longer exists, even for the master key

  @id.schemas.pointer-never-creates
  Scenario: Write pointer permissions never open creates: code 119
    Given the class-level permissions of Diary are:
      """
      {"create": {}, "writeUserFields": ["owner"]}
      """
    And the client uses the session token of alice
    When the client sends POST /classes/{{Diary}} with body:
      """
      {"text": "new", "owner": {"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.pointer-add-field-on-update-only
  Scenario: pointerFields of addField open new fields on an update of one's own object, never on a create
    Given the class-level permissions of Diary are:
      """
      {"create": {"*": true}, "update": {"pointerFields": ["owner"]}, "addField": {"pointerFields": ["owner"]}}
      """
    And the client uses the session token of alice
    When the client sends PUT /classes/{{Diary}}/{{mine.objectId}} with body:
      """
      {"mood": "glad"}
      """
    Then the response status is 200
    When the client sends POST /classes/{{Diary}} with body:
      """
      {"text": "new", "weather": "rain", "owner": {"__type": "Pointer", "className": "_User", "objectId": "{{alice.objectId}}"}}
      """
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.pointer-fields-per-operation
  Scenario: pointerFields opens one operation to the pointed users and leaves the others closed
    Given the class-level permissions of Diary are:
      """
      {"get": {"pointerFields": ["owner"]}, "delete": {}}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Diary}}/{{theirs.objectId}}
    Then the response status is 200
    When the client sends GET /classes/{{Diary}}/{{mine.objectId}}
    Then the response is the Parse error 101 "Object not found."
    When the client sends DELETE /classes/{{Diary}}/{{theirs.objectId}}
    Then the response status is 400
    And the response is the Parse error 119 "Permission denied"

  @id.schemas.pointer-array-of-users
  Scenario: An array of pointers to users opens the object to each user in it
    Given the class Board exists with the schema:
      """
      {"fields": {"editors": {"type": "Array"}, "title": {"type": "String"}},
       "classLevelPermissions": {"find": {}, "get": {}, "count": {}, "create": {}, "update": {}, "delete": {},
                                 "addField": {}, "readUserFields": ["editors"]}}
      """
    And the object shared of class Board exists with:
      """
      {"title": "plans", "editors": [{"__type": "Pointer", "className": "_User", "objectId": "{{bob.objectId}}"}]}
      """
    And the client uses the session token of bob
    When the client sends GET /classes/{{Board}}/{{shared.objectId}}
    Then the response status is 200
    Given the client uses the session token of alice
    When the client sends GET /classes/{{Board}}/{{shared.objectId}}
    Then the response is the Parse error 101 "Object not found."
