@geo @geo-within
Feature: Finding the objects within an area
  Besides distance, a GeoPoint field can be constrained to an area:
  `{"$within": {"$box": [southwest, northeast]}}` keeps the GeoPoints in
  the box of those two corners; `{"$geoWithin": {"$polygon": [...]}}` those
  inside or on the edge of a polygon of at least 3 GeoPoints (open or
  closed); `{"$geoWithin": {"$centerSphere": [center, radians]}}` those
  within a distance (an angle at the Earth's center) of a point. A Polygon
  field is constrained the other way round: `{"$geoIntersects": {"$point":
  GeoPoint}}` keeps the polygons that contain the point.

  The guide says no more than this. Where it is silent these scenarios
  follow Parse Server: a box given with its corners the other way round is
  the same box (the guide's own example names as southwest a corner north
  of its northeast); `$polygon` may also be a Polygon object, whose
  `coordinates` are then `[longitude, latitude]` pairs; `$centerSphere`
  takes a GeoPoint and a distance of 0 or more.

  Source: Parse REST API guide, GeoPoints, "Geo Queries"; Queries, "Query
  Constraints".

  Background:
    Given the client uses the application id and the REST API key
    And the class Place holds these objects:
      | object      | name        | location                                                            |
      | mission     | Mission     | {"__type": "GeoPoint", "latitude": 37.7599, "longitude": -122.4148} |
      | oakland     | Oakland     | {"__type": "GeoPoint", "latitude": 37.8044, "longitude": -122.2712} |
      | daly-city   | Daly City   | {"__type": "GeoPoint", "latitude": 37.6879, "longitude": -122.4702} |
      | san-jose    | San Jose    | {"__type": "GeoPoint", "latitude": 37.3382, "longitude": -121.8863} |
      | los-angeles | Los Angeles | {"__type": "GeoPoint", "latitude": 34.0522, "longitude": -118.2437} |
      | atlantis    | Atlantis    |                                                                     |

  @id.geo.within-box
  Scenario: $within $box keeps the GeoPoints between its southwest and northeast corners
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$within": {"$box": [{"__type": "GeoPoint", "latitude": 37.70, "longitude": -122.52}, {"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.35}]}}} |
    Then the response status is 200
    And the results are the objects "mission", in any order

  @id.geo.within-box-corners-any-order
  Scenario: A box given northeast corner first is the same box
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$within": {"$box": [{"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.35}, {"__type": "GeoPoint", "latitude": 37.70, "longitude": -122.52}]}}} |
    Then the response status is 200
    And the results are the objects "mission", in any order

  # Parse Server 9.10 on PostgreSQL reads box[1] without checking that it
  # exists and answers 500 {"code": 1, "message": "Internal server error."}.
  @id.geo.within-box-needs-two-corners
  Scenario: A box of one corner is refused with 107
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$within": {"$box": [{"__type": "GeoPoint", "latitude": 37.70, "longitude": -122.52}]}}} |
    Then the response status is 400
    And the response is the Parse error 107 "malformatted $within arg"

  @id.geo.geo-within-polygon
  Scenario: $geoWithin $polygon keeps the GeoPoints inside a polygon of GeoPoints
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$geoWithin": {"$polygon": [{"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.52}, {"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.20}, {"__type": "GeoPoint", "latitude": 37.50, "longitude": -122.30}]}}} |
    Then the response status is 200
    And the results are the objects "mission, oakland", in any order

  @id.geo.geo-within-polygon-edge
  Scenario: A GeoPoint on an edge of the $polygon is within it
    Given the class Spot holds these objects:
      | object  | location                                                         |
      | on-edge | {"__type": "GeoPoint", "latitude": 37.665, "longitude": -122.25} |
      | outside | {"__type": "GeoPoint", "latitude": 37.665, "longitude": -122.2}  |
    When the client queries /classes/{{Spot}} with:
      | where | {"location": {"$geoWithin": {"$polygon": [{"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.52}, {"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.20}, {"__type": "GeoPoint", "latitude": 37.50, "longitude": -122.30}]}}} |
    Then the response status is 200
    And the results are the objects "on-edge", in any order

  @id.geo.geo-within-polygon-object
  Scenario: $geoWithin $polygon also takes a Polygon object of [longitude, latitude] pairs
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$geoWithin": {"$polygon": {"__type": "Polygon", "coordinates": [[-122.52, 37.83], [-122.20, 37.83], [-122.30, 37.50]]}}}} |
    Then the response status is 200
    And the results are the objects "mission, oakland", in any order

  @id.geo.geo-within-polygon-needs-three-points
  Scenario: A $polygon of fewer than 3 GeoPoints is refused with 107
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$geoWithin": {"$polygon": [{"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.52}, {"__type": "GeoPoint", "latitude": 37.50, "longitude": -122.30}]}}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad $geoWithin value; $polygon should contain at least 3 GeoPoints"

  @id.geo.geo-within-polygon-needs-list-or-polygon
  Scenario: A $polygon that is neither a list of GeoPoints nor a Polygon is refused with 107
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$geoWithin": {"$polygon": {"__type": "GeoPoint", "latitude": 37.83, "longitude": -122.52}}}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's"

  # 0.02 radians is 127 km: San Jose (68 km from San Francisco) is within,
  # Los Angeles (559 km) is not.
  @id.geo.geo-within-center-sphere
  Scenario: $geoWithin $centerSphere keeps the GeoPoints within an angle of a point
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$geoWithin": {"$centerSphere": [{"__type": "GeoPoint", "latitude": 37.7749, "longitude": -122.4194}, 0.02]}}} |
    Then the response status is 200
    And the results are the objects "mission, oakland, daly-city, san-jose", in any order

  @id.geo.geo-within-center-sphere-negative-distance
  Scenario: A $centerSphere with a negative distance is refused with 107
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$geoWithin": {"$centerSphere": [{"__type": "GeoPoint", "latitude": 37.7749, "longitude": -122.4194}, -1]}}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad $geoWithin value; $centerSphere distance invalid"

  # The zones are around Paris: Parse Server on PostgreSQL cannot store a
  # Polygon whose longitudes go beyond 90 degrees (geopoints.feature).
  @id.geo.geo-intersects-point
  Scenario: $geoIntersects $point keeps the Polygons that contain the point
    Given the class Zone holds these objects:
      | object | area                                                                                               |
      | paris  | {"__type": "Polygon", "coordinates": [[48.80, 2.25], [48.90, 2.25], [48.90, 2.42], [48.80, 2.42]]} |
      | east   | {"__type": "Polygon", "coordinates": [[48.80, 2.42], [48.95, 2.42], [48.95, 2.70], [48.80, 2.70]]} |
    When the client queries /classes/{{Zone}} with:
      | where | {"area": {"$geoIntersects": {"$point": {"__type": "GeoPoint", "latitude": 48.8638, "longitude": 2.4485}}}} |
    Then the response status is 200
    And the results are the objects "east", in any order

  @id.geo.geo-intersects-needs-geopoint
  Scenario: A $geoIntersects $point that is not a GeoPoint is refused with 107
    Given the class Zone holds these objects:
      | object | area                                                                                               |
      | paris  | {"__type": "Polygon", "coordinates": [[48.80, 2.25], [48.90, 2.25], [48.90, 2.42], [48.80, 2.42]]} |
    When the client queries /classes/{{Zone}} with:
      | where | {"area": {"$geoIntersects": {"$point": [48.8638, 2.4485]}}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad $geoIntersect value; $point should be GeoPoint"
