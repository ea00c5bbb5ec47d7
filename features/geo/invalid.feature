@geo @geo-invalid
Feature: Invalid coordinates
  A GeoPoint's latitude and longitude are numbers: the latitude from -90
  to 90 degrees, the longitude from -180 to 180. Storing a GeoPoint
  outside these ranges, or with a coordinate that is not a number, is
  refused with code 111; a query whose GeoPoint is outside them is refused
  with code 107, before any object is read. A `$nearSphere` needs a
  GeoPoint to measure from (107 otherwise). The messages are those of
  Parse's GeoPoint check: `GeoPoint latitude out of bounds: 91 > 90.0.`,
  `GeoPoint latitude and longitude must be valid numbers`.

  Source: Parse REST API guide, GeoPoints, "GeoPoint" (numeric values)
  and "Caveats" (coordinates outside the ranges cause an error).

  Background:
    Given the client uses the application id and the REST API key
    And the class Place holds these objects:
      | object  | location                                                            |
      | mission | {"__type": "GeoPoint", "latitude": 37.7599, "longitude": -122.4148} |

  # Parse Server 9.10 on PostgreSQL does not check a stored GeoPoint's
  # coordinates: it stores these and answers 201.
  Scenario Outline: A GeoPoint with an invalid coordinate is not stored: <case>
    When the client sends POST /classes/{{Place}} with body:
      """
      {"location": {"__type": "GeoPoint", "latitude": <latitude>, "longitude": <longitude>}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "<message>"

    @id.geo.write-latitude-out-of-range
    Examples: latitude above 90
      | case              | latitude | longitude | message                                     |
      | latitude above 90 | 91       | -30.25    | GeoPoint latitude out of bounds: 91 > 90.0. |

    @id.geo.write-longitude-out-of-range
    Examples: longitude below -180
      | case                 | latitude | longitude | message                                            |
      | longitude below -180 | 40.5     | -181.5    | GeoPoint longitude out of bounds: -181.5 < -180.0. |

    @id.geo.write-latitude-not-a-number
    Examples: latitude given as text
      | case                   | latitude | longitude | message                                               |
      | latitude given as text | "40.5"   | -30.25    | GeoPoint latitude and longitude must be valid numbers |

  @id.geo.write-missing-longitude
  Scenario: A GeoPoint without a longitude is not stored
    When the client sends POST /classes/{{Place}} with body:
      """
      {"location": {"__type": "GeoPoint", "latitude": 40.5}}
      """
    Then the response status is 400
    And the response is the Parse error 111 "This is not a valid GeoPoint"

  # Parse Server 9.10 on PostgreSQL does not check the point of $nearSphere
  # or of a $box (it answers 200 with results), and the Parse GeoPoint
  # check it runs on the others throws a TypeError it answers as 500
  # {"code": 1, "message": "Internal server error."}.
  Scenario Outline: A query with a GeoPoint outside the ranges is refused with 107: <operator>
    When the client queries /classes/{{Place}} with:
      | where | {"location": <constraint>} |
    Then the response status is 400
    And the response is the Parse error 107 "<message>"

    @id.geo.query-near-sphere-out-of-range
    Examples: $nearSphere
      | operator    | constraint                                                                   | message                                     |
      | $nearSphere | {"$nearSphere": {"__type": "GeoPoint", "latitude": 95, "longitude": -122.4}} | GeoPoint latitude out of bounds: 95 > 90.0. |

    @id.geo.query-box-out-of-range
    Examples: $within $box
      | operator | constraint                                                                                                                                         | message                                        |
      | $box     | {"$within": {"$box": [{"__type": "GeoPoint", "latitude": 37.7, "longitude": -122.5}, {"__type": "GeoPoint", "latitude": 37.8, "longitude": 185}]}} | GeoPoint longitude out of bounds: 185 > 180.0. |

    @id.geo.query-polygon-out-of-range
    Examples: $geoWithin $polygon
      | operator | constraint                                                                                                                                                                                                                 | message                                       |
      | $polygon | {"$geoWithin": {"$polygon": [{"__type": "GeoPoint", "latitude": 37.7, "longitude": -122.5}, {"__type": "GeoPoint", "latitude": -91, "longitude": -122.5}, {"__type": "GeoPoint", "latitude": 37.8, "longitude": -122.4}]}} | GeoPoint latitude out of bounds: -91 < -90.0. |

    @id.geo.query-center-sphere-out-of-range
    Examples: $geoWithin $centerSphere
      | operator      | constraint                                                                                            | message                                     |
      | $centerSphere | {"$geoWithin": {"$centerSphere": [{"__type": "GeoPoint", "latitude": 95, "longitude": -122.4}, 0.1]}} | GeoPoint latitude out of bounds: 95 > 90.0. |

  # Parse Server 9.10 on PostgreSQL measures from a point whose coordinates
  # are undefined and answers 200 with no results.
  @id.geo.near-sphere-needs-geopoint
  Scenario: A $nearSphere whose value is not a GeoPoint is refused with 107
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$nearSphere": [37.7749, -122.4194]}} |
    Then the response status is 400
    And the response is the Parse error 107 "bad $nearSphere value; should be a GeoPoint"
