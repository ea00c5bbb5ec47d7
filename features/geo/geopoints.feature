@geo @geopoints
Feature: GeoPoint and Polygon fields
  A GeoPoint ties an object to a place on Earth: a field holding
  `{"__type": "GeoPoint", "latitude": …, "longitude": …}`, both numbers in
  degrees. The field is typed GeoPoint from then on, and a class may have
  only one GeoPoint field: a second one, in the same object or in a later
  one, is refused with code 111. (How objects store and read back a
  GeoPoint is in objects/data-types.feature.)

  A Polygon (`{"__type": "Polygon", "coordinates": [[latitude, longitude],
  …]}`, at least 3 points) stores an area; Parse Server reads it back as a
  closed ring, its first point repeated at the end. The guide does not
  document Polygons: these scenarios follow Parse Server.

  Source: Parse REST API guide, GeoPoints, "GeoPoint" and "Caveats";
  Objects, "Data Types".

  Background:
    Given the client uses the application id and the REST API key
    And the class PlaceObject exists

  @id.geo.field-typed-geopoint
  Scenario: A field that holds a GeoPoint refuses any other type afterwards with 111
    Given the object first of class PlaceObject exists with:
      """
      {"location": {"__type": "GeoPoint", "latitude": 40.5, "longitude": -30.25}}
      """
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {"location": 40.5}
      """
    Then the response status is 400
    And the response is the Parse error 111 "schema mismatch for {{PlaceObject}}.location; expected GeoPoint but got Number"

  @id.geo.same-field-in-many-objects
  Scenario: Many objects of a class store their GeoPoints in the class's one GeoPoint field
    Given the object first of class PlaceObject exists with:
      """
      {"location": {"__type": "GeoPoint", "latitude": 40.5, "longitude": -30.25}}
      """
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {"location": {"__type": "GeoPoint", "latitude": 60.5, "longitude": -20.25}, "name": "second"}
      """
    Then the response status is 201

  @id.geo.two-geopoints-in-one-object
  Scenario: An object with two GeoPoint fields is refused with 111
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {
        "home": {"__type": "GeoPoint", "latitude": 40.5, "longitude": -30.25},
        "work": {"__type": "GeoPoint", "latitude": 41.5, "longitude": -31.25}
      }
      """
    Then the response status is 400
    And the response is the Parse error 111 "there can only be one geopoint field in a class"

  # Parse Server 9.10 on PostgreSQL only counts the GeoPoints of the object
  # written: it adds the second GeoPoint field to the class and answers 201.
  @id.geo.second-geopoint-field-in-class
  Scenario: A GeoPoint in a second field of a class that already has one is refused with 111
    Given the object first of class PlaceObject exists with:
      """
      {"home": {"__type": "GeoPoint", "latitude": 40.5, "longitude": -30.25}}
      """
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {"work": {"__type": "GeoPoint", "latitude": 41.5, "longitude": -31.25}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "currently, only one GeoPoint field may exist in an object. Adding work when home already exists."

  @id.geo.polygon-stored-as-closed-ring
  Scenario: A Polygon is stored and read back as a closed ring of [latitude, longitude] pairs
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {"area": {"__type": "Polygon", "coordinates": [[48.8, 2.25], [48.9, 2.25], [48.9, 2.42]]}}
      """
    Then the response status is 201
    And the object at the response's Location contains:
      """
      {"area": {"__type": "Polygon", "coordinates": [[48.8, 2.25], [48.9, 2.25], [48.9, 2.42], [48.8, 2.25]]}}
      """

  # Parse Server 9.10 on PostgreSQL checks each pair's second number as a
  # latitude (convertPolygonToSQL), so a longitude beyond 90 degrees, east
  # or west, throws a TypeError it answers as 500 {"code": 1, "message":
  # "Internal server error."}.
  @id.geo.polygon-any-longitude
  Scenario: A Polygon's longitudes may go beyond 90 degrees east or west
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {"area": {"__type": "Polygon", "coordinates": [[37.7, -122.5], [37.8, -122.5], [37.8, -122.4]]}}
      """
    Then the response status is 201

  @id.geo.polygon-needs-three-points
  Scenario: A Polygon of fewer than 3 points is refused with 107
    When the client sends POST /classes/{{PlaceObject}} with body:
      """
      {"area": {"__type": "Polygon", "coordinates": [[48.8, 2.25], [48.9, 2.25]]}}
      """
    Then the response status is 400
    And the response is the Parse error 107 "Polygon must have at least 3 values"
