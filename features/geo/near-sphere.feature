@geo @near-sphere
Feature: Finding the objects nearest a point
  `$nearSphere` with a GeoPoint, as the constraint on a GeoPoint field,
  lists the objects by distance from that point, nearest first; objects
  without a GeoPoint in the field are left out. An explicit `order` takes
  precedence over the distance. `$maxDistanceInMiles`,
  `$maxDistanceInKilometers` or `$maxDistanceInRadians` (an angle at the
  Earth's center) beside it keeps only the objects within that distance.
  Distances are measured along the Earth's surface, on a sphere of
  6371 km (3958.8 miles).

  The guide's caveats also say that `$nearSphere` alone limits results to
  100 miles, but its own example answers points more than 1000 miles away,
  and Parse Server sets no such limit: these scenarios follow the example.

  Source: Parse REST API guide, GeoPoints, "Geo Queries" and "Caveats".

  Background:
    Given the client uses the application id and the REST API key
    And the class Place holds these objects:
      | object      | name        | location                                                            |
      | new-york    | New York    | {"__type": "GeoPoint", "latitude": 40.7128, "longitude": -74.006}   |
      | los-angeles | Los Angeles | {"__type": "GeoPoint", "latitude": 34.0522, "longitude": -118.2437} |
      | atlantis    | Atlantis    |                                                                     |
      | sacramento  | Sacramento  | {"__type": "GeoPoint", "latitude": 38.5816, "longitude": -121.4944} |
      | oakland     | Oakland     | {"__type": "GeoPoint", "latitude": 37.8044, "longitude": -122.2712} |
      | san-jose    | San Jose    | {"__type": "GeoPoint", "latitude": 37.3382, "longitude": -121.8863} |

  @id.geo.near-sphere-nearest-first
  Scenario: $nearSphere lists the objects with a GeoPoint nearest first, however far
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$nearSphere": {"__type": "GeoPoint", "latitude": 37.7749, "longitude": -122.4194}}} |
    Then the response status is 200
    And the results are the objects "oakland, san-jose, sacramento, los-angeles, new-york", in this order

  @id.geo.near-sphere-limit-keeps-nearest
  Scenario: With a limit, $nearSphere answers the nearest objects
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$nearSphere": {"__type": "GeoPoint", "latitude": 37.7749, "longitude": -122.4194}}} |
      | limit | 2                                                                                                  |
    Then the response status is 200
    And the results are the objects "oakland, san-jose", in this order

  # Parse Server 9.10 on PostgreSQL sorts by distance whatever the order
  # parameter says (buildWhereClause's distance sort replaces it).
  @id.geo.near-sphere-explicit-order-wins
  Scenario: An explicit order takes precedence over the distance of $nearSphere
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$nearSphere": {"__type": "GeoPoint", "latitude": 37.7749, "longitude": -122.4194}}} |
      | order | name                                                                                               |
    Then the response status is 200
    And the results are the objects "los-angeles, new-york, oakland, sacramento, san-jose", in this order

  # From San Francisco, Oakland is 13 km away (8 miles, 0.0021 radians), San
  # Jose 68 km (42 miles), Sacramento 121 km (75 miles), Los Angeles 559 km
  # (347 miles) and New York 4129 km (2566 miles): 100 miles keeps
  # Sacramento, 100 km does not.
  # Parse Server 9.10 on PostgreSQL reads only $maxDistance (radians, what
  # the SDKs send): it ignores these three and answers every object.
  Scenario Outline: A distance limit beside $nearSphere keeps the objects within it, nearest first: <limit>
    When the client queries /classes/{{Place}} with:
      | where | {"location": {"$nearSphere": {"__type": "GeoPoint", "latitude": 37.7749, "longitude": -122.4194}, "<limit>": <distance>}} |
    Then the response status is 200
    And the results are the objects "<objects>", in this order

    @id.geo.max-distance-in-radians
    Examples: in radians
      | limit                 | distance | objects |
      | $maxDistanceInRadians | 0.005    | oakland |

    @id.geo.max-distance-in-miles
    Examples: in miles
      | limit               | distance | objects                       |
      | $maxDistanceInMiles | 100      | oakland, san-jose, sacramento |

    @id.geo.max-distance-in-kilometers
    Examples: in kilometers
      | limit                    | distance | objects           |
      | $maxDistanceInKilometers | 100      | oakland, san-jose |
