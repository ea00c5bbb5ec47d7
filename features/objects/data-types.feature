@objects @objects-types
Feature: Data types stored in objects
  Besides strings, numbers, booleans, arrays and nested objects, a field
  may hold a Date (`{"__type": "Date", "iso": …}` in UTC ISO 8601), Bytes
  (`{"__type": "Bytes", "base64": …}`), a Pointer to another object, a File
  (`{"__type": "File", "name": …}`: a reference, which needs no upload to
  be stored) and a GeoPoint. Each is stored and read back in the same form.

  Source: Parse REST API guide, Objects, "Data Types"; Files, "Associating
  with Objects"; GeoPoints, "GeoPoint".

  Background:
    Given the client uses the application id and the REST API key
    And the class Thing exists

  @id.objects.type-date
  Scenario: A Date is stored and read back as {"__type": "Date", "iso": …}
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"when": {"__type": "Date", "iso": "2011-08-21T18:02:52.249Z"}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"when": {"__type": "Date", "iso": "2011-08-21T18:02:52.249Z"}}
      """

  @id.objects.type-bytes
  Scenario: Bytes are stored and read back as {"__type": "Bytes", "base64": …}
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"data": {"__type": "Bytes", "base64": "VGhpcyBpcyBhbiBlbmNvZGVkIHN0cmluZw=="}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"data": {"__type": "Bytes", "base64": "VGhpcyBpcyBhbiBlbmNvZGVkIHN0cmluZw=="}}
      """

  @id.objects.type-pointer
  Scenario: A Pointer is stored and read back as a pointer, not as the object
    Given the object other of class Thing exists with:
      """
      {"name": "pointed to"}
      """
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"other": {"__type": "Pointer", "className": "{{Thing}}", "objectId": "{{other.objectId}}"}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"other": {"__type": "Pointer", "className": "{{Thing}}", "objectId": "{{other.objectId}}"}}
      """
    And the response body does not contain "pointed to"

  @id.objects.type-file
  Scenario: A File reference is stored without the file being uploaded, and read back with its name
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"picture": {"__type": "File", "name": "never-uploaded.jpg"}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"picture": {"__type": "File", "name": "never-uploaded.jpg"}}
      """

  @id.objects.type-geopoint
  Scenario: A GeoPoint is stored and read back with its latitude and longitude
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"location": {"__type": "GeoPoint", "latitude": 40.5, "longitude": -30.25}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"location": {"__type": "GeoPoint", "latitude": 40.5, "longitude": -30.25}}
      """

  @id.objects.type-object-array
  Scenario: Nested objects and arrays are stored and read back as sent
    When the client sends POST /classes/{{Thing}} with body:
      """
      {"settings": {"sound": {"volume": 7, "muted": false}, "tags": ["a", 1, {"b": [true, null]}]}, "list": [[1, 2], {"x": "y"}]}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"settings": {"sound": {"volume": 7, "muted": false}, "tags": ["a", 1, {"b": [true, null]}]}, "list": [[1, 2], {"x": "y"}]}
      """
