//! Geo queries and the checks of GeoPoints and Polygons (Parse REST guide,
//! GeoPoints): `$nearSphere` (with `$maxDistance`, `$maxDistanceInRadians`,
//! `$maxDistanceInMiles`, `$maxDistanceInKilometers`), `$within` `$box`,
//! `$geoWithin` `$polygon` and `$centerSphere`, `$geoIntersects` `$point`.
//!
//! Distances are great-circle distances on a sphere of Parse's radius
//! (6371.0 km, 3958.8 miles), by the haversine formula. Boxes and polygons
//! are flat in latitude and longitude, as Parse Server's Postgres adapter
//! compares them (`point <@ box`, `point <@ polygon`, `polygon @> point`),
//! their edges included.
//!
//! [`shape`] reads an operator's operand once for [`super::validate`]
//! (which refuses a malformed one with 107 before any object is read) and
//! again for [`super::eval`] (which tests a value against it).

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::{Document, lookup};
use crate::error::ParseError;

/// The Earth's radius in kilometers, as Parse takes it.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// The Earth's radius in miles, as Parse takes it.
pub const EARTH_RADIUS_MILES: f64 = 3958.8;

/// The field operators this module evaluates.
pub const OPERATORS: &[&str] = &[
    "$nearSphere",
    "$maxDistance",
    "$maxDistanceInRadians",
    "$maxDistanceInMiles",
    "$maxDistanceInKilometers",
    "$within",
    "$geoWithin",
    "$geoIntersects",
];

/// A point on the sphere, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Degrees north (negative: south), -90 to 90.
    pub latitude: f64,
    /// Degrees east (negative: west), -180 to 180.
    pub longitude: f64,
}

/// What a geo operator asks of a field's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A GeoPoint at most `max` radians from `center` (`None`: any
    /// distance); results come nearest first.
    Near {
        /// The reference point.
        center: Point,
        /// The largest distance, in radians, if one is given.
        max: Option<f64>,
    },
    /// A GeoPoint in the box of these two corners (in either order).
    Box(Point, Point),
    /// A GeoPoint inside or on the edge of this polygon.
    Polygon(Vec<Point>),
    /// A GeoPoint at most this many radians from the point.
    Sphere(Point, f64),
    /// A Polygon that contains this point (inside or on its edge).
    Contains(Point),
}

/// The shape asked by `op` (one of [`OPERATORS`]), its operand read with
/// the other operators of the same field (`all`); `None` for the distance
/// limits, which only qualify `$nearSphere`. A malformed operand or a
/// coordinate out of range is 107.
pub fn shape(
    op: &str,
    operand: &Value,
    all: &Map<String, Value>,
) -> Result<Option<Shape>, ParseError> {
    Ok(Some(match op {
        "$nearSphere" => Shape::Near {
            center: geo_point(operand)
                .ok_or_else(|| bad("bad $nearSphere value; should be a GeoPoint"))??,
            max: max_distance(all)?,
        },
        "$within" => {
            let corners = operand
                .get("$box")
                .and_then(Value::as_array)
                .filter(|b| b.len() == 2)
                .ok_or_else(|| bad("malformatted $within arg"))?;
            let corner = |v: &Value| geo_point(v).ok_or_else(|| bad("malformatted $within arg"))?;
            Shape::Box(corner(&corners[0])?, corner(&corners[1])?)
        }
        "$geoWithin" => match (operand.get("$polygon"), operand.get("$centerSphere")) {
            (Some(polygon), _) => Shape::Polygon(polygon_operand(polygon)?),
            (None, Some(sphere)) => center_sphere(sphere)?,
            (None, None) => return Err(bad("bad $geoWithin value")),
        },
        "$geoIntersects" => Shape::Contains(
            operand
                .get("$point")
                .and_then(geo_point)
                .ok_or_else(|| bad("bad $geoIntersect value; $point should be GeoPoint"))??,
        ),
        _ => {
            for (limit, value) in all.iter().filter(|(k, _)| k.starts_with("$maxDistance")) {
                if !value.as_f64().is_some_and(|d| d >= 0.0) {
                    return Err(bad(&format!("bad {limit} value")));
                }
            }
            return Ok(None);
        }
    }))
}

fn bad(message: &str) -> ParseError {
    ParseError::new(107, message)
}

/// The smallest of the distance limits given beside `$nearSphere`, in
/// radians.
fn max_distance(all: &Map<String, Value>) -> Result<Option<f64>, ParseError> {
    let mut max: Option<f64> = None;
    for (limit, radius) in [
        ("$maxDistance", 1.0),
        ("$maxDistanceInRadians", 1.0),
        ("$maxDistanceInMiles", EARTH_RADIUS_MILES),
        ("$maxDistanceInKilometers", EARTH_RADIUS_KM),
    ] {
        let Some(value) = all.get(limit) else {
            continue;
        };
        let distance = value
            .as_f64()
            .filter(|d| *d >= 0.0)
            .ok_or_else(|| bad(&format!("bad {limit} value")))?;
        let radians = distance / radius;
        max = Some(max.map_or(radians, |m| m.min(radians)));
    }
    Ok(max)
}

/// `$polygon`: an array of at least 3 GeoPoints or `[longitude, latitude]`
/// pairs, or a Polygon object whose `coordinates` are such pairs.
fn polygon_operand(polygon: &Value) -> Result<Vec<Point>, ParseError> {
    let points = match polygon {
        Value::Object(o) if o.get("__type").and_then(Value::as_str) == Some("Polygon") => o
            .get("coordinates")
            .and_then(Value::as_array)
            .filter(|c| c.len() >= 3)
            .ok_or_else(|| {
                bad("bad $geoWithin value; Polygon.coordinates should contain at least 3 lon/lat pairs")
            })?,
        Value::Array(points) if points.len() >= 3 => points,
        Value::Array(_) => {
            return Err(bad(
                "bad $geoWithin value; $polygon should contain at least 3 GeoPoints",
            ));
        }
        _ => {
            return Err(bad(
                "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's",
            ));
        }
    };
    points
        .iter()
        .map(|p| {
            lon_lat(p)
                .or_else(|| geo_point(p))
                .ok_or_else(|| bad("bad $geoWithin value"))?
        })
        .collect()
}

/// `$centerSphere`: `[center, radians]`, the center a GeoPoint or a
/// `[longitude, latitude]` pair, the distance a number, 0 or more.
fn center_sphere(sphere: &Value) -> Result<Shape, ParseError> {
    let parts = sphere.as_array().filter(|s| s.len() >= 2).ok_or_else(|| {
        bad("bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance")
    })?;
    let center = lon_lat(&parts[0])
        .or_else(|| geo_point(&parts[0]))
        .ok_or_else(|| bad("bad $geoWithin value; $centerSphere geo point invalid"))??;
    let radians = parts[1]
        .as_f64()
        .filter(|d| *d >= 0.0)
        .ok_or_else(|| bad("bad $geoWithin value; $centerSphere distance invalid"))?;
    Ok(Shape::Sphere(center, radians))
}

/// A `[longitude, latitude]` pair, checked; `None` when the value is not a
/// pair.
fn lon_lat(value: &Value) -> Option<Result<Point, ParseError>> {
    match value.as_array()?.as_slice() {
        [longitude, latitude] => Some(checked(latitude, longitude).map_err(|m| bad(&m))),
        _ => None,
    }
}

/// A `{"__type": "GeoPoint", …}` value, checked; `None` when the value is
/// not a GeoPoint.
fn geo_point(value: &Value) -> Option<Result<Point, ParseError>> {
    if value.get("__type").and_then(Value::as_str) != Some("GeoPoint") {
        return None;
    }
    let coordinate = |name| value.get(name).unwrap_or(&Value::Null);
    Some(checked(coordinate("latitude"), coordinate("longitude")).map_err(|m| bad(&m)))
}

/// Coordinates as a [`Point`]: numbers, the latitude from -90 to 90, the
/// longitude from -180 to 180; otherwise the message Parse gives.
pub fn checked(latitude: &Value, longitude: &Value) -> Result<Point, String> {
    let (Some(latitude), Some(longitude)) = (latitude.as_f64(), longitude.as_f64()) else {
        return Err("GeoPoint latitude and longitude must be valid numbers".to_owned());
    };
    let out_of_bounds = |name: &str, value: f64, sign: char, limit: &str| {
        Err(format!(
            "GeoPoint {name} out of bounds: {value} {sign} {limit}."
        ))
    };
    if latitude < -90.0 {
        return out_of_bounds("latitude", latitude, '<', "-90.0");
    }
    if latitude > 90.0 {
        return out_of_bounds("latitude", latitude, '>', "90.0");
    }
    if longitude < -180.0 {
        return out_of_bounds("longitude", longitude, '<', "-180.0");
    }
    if longitude > 180.0 {
        return out_of_bounds("longitude", longitude, '>', "180.0");
    }
    Ok(Point {
        latitude,
        longitude,
    })
}

/// A stored GeoPoint's coordinates (a value that is not a GeoPoint with
/// numeric coordinates has none).
fn stored_point(value: &Value) -> Option<Point> {
    if value.get("__type").and_then(Value::as_str) != Some("GeoPoint") {
        return None;
    }
    Some(Point {
        latitude: value.get("latitude")?.as_f64()?,
        longitude: value.get("longitude")?.as_f64()?,
    })
}

/// A stored Polygon's ring: its `coordinates`, `[latitude, longitude]`
/// pairs.
fn stored_ring(value: &Value) -> Option<Vec<Point>> {
    if value.get("__type").and_then(Value::as_str) != Some("Polygon") {
        return None;
    }
    value
        .get("coordinates")?
        .as_array()?
        .iter()
        .map(|pair| {
            Some(Point {
                latitude: pair.get(0)?.as_f64()?,
                longitude: pair.get(1)?.as_f64()?,
            })
        })
        .collect()
}

/// Whether a field's value (absent: `None`) has the shape.
pub fn matches(value: Option<&Value>, shape: &Shape) -> bool {
    let Some(value) = value else {
        return false;
    };
    if let Shape::Contains(point) = shape {
        return stored_ring(value).is_some_and(|ring| in_polygon(*point, &ring));
    }
    let Some(p) = stored_point(value) else {
        return false;
    };
    match shape {
        Shape::Near { center, max } => max.is_none_or(|max| distance(*center, p) <= max),
        Shape::Box(a, b) => in_box(p, *a, *b),
        Shape::Polygon(ring) => in_polygon(p, ring),
        Shape::Sphere(center, radians) => distance(*center, p) <= *radians,
        Shape::Contains(_) => false,
    }
}

/// The great-circle distance between two points, in radians (haversine).
pub fn distance(a: Point, b: Point) -> f64 {
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let d_lat = lat2 - lat1;
    let d_lng = (b.longitude - a.longitude).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lng / 2.0).sin().powi(2);
    2.0 * h.sqrt().min(1.0).asin()
}

/// Whether `p` lies in the box of corners `a` and `b` (in either order),
/// its edges included.
pub fn in_box(p: Point, a: Point, b: Point) -> bool {
    let between = |x: f64, y: f64, v: f64| x.min(y) <= v && v <= x.max(y);
    between(a.latitude, b.latitude, p.latitude) && between(a.longitude, b.longitude, p.longitude)
}

/// Whether `p` lies inside the polygon `ring` (open or closed) or on one of
/// its edges, latitude and longitude taken as flat coordinates.
pub fn in_polygon(p: Point, ring: &[Point]) -> bool {
    let (x, y) = (p.longitude, p.latitude);
    let mut inside = false;
    for (i, a) in ring.iter().enumerate() {
        let b = ring[(i + 1) % ring.len()];
        let (ax, ay, bx, by) = (a.longitude, a.latitude, b.longitude, b.latitude);
        let cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        let on_edge = cross.abs() < 1e-12
            && ax.min(bx) <= x
            && x <= ax.max(bx)
            && ay.min(by) <= y
            && y <= ay.max(by);
        if on_edge {
            return true;
        }
        if (ay > y) != (by > y) && x < ax + (y - ay) * (bx - ax) / (by - ay) {
            inside = !inside;
        }
    }
    inside
}

/// The field and reference point of a top-level `$nearSphere`, whose
/// results come nearest first when the query gives no `order`.
pub fn near(constraints: &Map<String, Value>) -> Option<(&str, Point)> {
    constraints.iter().find_map(|(field, constraint)| {
        let operand = constraint.get("$nearSphere")?;
        Some((field.as_str(), stored_point(operand)?))
    })
}

/// Sorts documents by the distance of their GeoPoint `field` from `center`,
/// nearest first.
pub fn sort_by_distance<D: Document>(docs: &mut [D], field: &str, center: Point) {
    let key = |d: &D| {
        lookup(d, field)
            .and_then(stored_point)
            .map(|p| distance(center, p))
    };
    docs.sort_by(|a, b| key(a).partial_cmp(&key(b)).unwrap_or(Ordering::Equal));
}

/// Checks a GeoPoint or Polygon an object stores: a GeoPoint's coordinates
/// as [`checked`] says (111 otherwise), a Polygon's `coordinates` at least
/// 3 `[latitude, longitude]` pairs in range (107 otherwise).
pub fn check_stored(kind: &str, map: &Map<String, Value>) -> Result<(), ParseError> {
    let null = Value::Null;
    let field = |name| map.get(name).unwrap_or(&null);
    match kind {
        "GeoPoint" => checked(field("latitude"), field("longitude"))
            .map(|_| ())
            .map_err(|m| ParseError::new(111, m)),
        "Polygon" => {
            let pairs = field("coordinates")
                .as_array()
                .filter(|c| c.len() >= 3)
                .ok_or_else(|| bad("Polygon must have at least 3 values"))?;
            for pair in pairs {
                match pair.as_array().map(Vec::as_slice) {
                    Some([latitude, longitude]) => {
                        checked(latitude, longitude).map_err(|m| bad(&m))?;
                    }
                    _ => {
                        return Err(bad(
                            "Polygon coordinates must be [latitude, longitude] pairs",
                        ));
                    }
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A value as it is stored: a Polygon's ring closed (its first point
/// repeated at the end, as Parse Server answers it); anything else as is.
pub fn stored(mut value: Value) -> Value {
    if value.get("__type").and_then(Value::as_str) != Some("Polygon") {
        return value;
    }
    if let Some(ring) = value.get_mut("coordinates").and_then(Value::as_array_mut)
        && let Some(first) = ring.first().cloned()
        && ring.last() != Some(&first)
    {
        ring.push(first);
    }
    value
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pt(latitude: f64, longitude: f64) -> Point {
        Point {
            latitude,
            longitude,
        }
    }

    const SAN_FRANCISCO: (f64, f64) = (37.7749, -122.4194);
    const LOS_ANGELES: (f64, f64) = (34.0522, -118.2437);

    #[test]
    fn distances_are_great_circle_distances_on_parses_sphere() {
        let (sf, la) = (
            pt(SAN_FRANCISCO.0, SAN_FRANCISCO.1),
            pt(LOS_ANGELES.0, LOS_ANGELES.1),
        );
        let km = distance(sf, la) * EARTH_RADIUS_KM;
        assert!((km - 559.1).abs() < 1.0, "{km}");
        let miles = distance(sf, la) * EARTH_RADIUS_MILES;
        assert!((miles - 347.4).abs() < 1.0, "{miles}");
        assert_eq!(distance(sf, sf), 0.0);
        let antipode = distance(pt(0.0, 0.0), pt(0.0, 180.0));
        assert!((antipode - std::f64::consts::PI).abs() < 1e-9);
        let pole = distance(pt(0.0, 0.0), pt(90.0, 0.0));
        assert!((pole - std::f64::consts::FRAC_PI_2).abs() < 1e-9);
    }

    #[test]
    fn a_box_holds_its_inside_and_edges_whatever_the_corner_order() {
        let (sw, ne) = (pt(10.0, 20.0), pt(30.0, 40.0));
        for (a, b) in [(sw, ne), (ne, sw), (pt(30.0, 20.0), pt(10.0, 40.0))] {
            assert!(in_box(pt(20.0, 30.0), a, b));
            assert!(in_box(pt(10.0, 40.0), a, b));
            assert!(!in_box(pt(5.0, 30.0), a, b));
            assert!(!in_box(pt(35.0, 30.0), a, b));
            assert!(!in_box(pt(20.0, 15.0), a, b));
            assert!(!in_box(pt(20.0, 45.0), a, b));
        }
    }

    #[test]
    fn a_polygon_holds_its_inside_and_edges() {
        let triangle = [pt(0.0, 0.0), pt(0.0, 10.0), pt(10.0, 0.0)];
        assert!(in_polygon(pt(2.0, 2.0), &triangle));
        assert!(in_polygon(pt(5.0, 5.0), &triangle), "on the hypotenuse");
        assert!(in_polygon(pt(0.0, 4.0), &triangle), "on an edge");
        assert!(in_polygon(pt(10.0, 0.0), &triangle), "a vertex");
        assert!(!in_polygon(pt(6.0, 6.0), &triangle));
        assert!(!in_polygon(pt(-1.0, 2.0), &triangle));
        assert!(!in_polygon(pt(2.0, 11.0), &triangle));
        let concave = [
            pt(0.0, 0.0),
            pt(10.0, 0.0),
            pt(10.0, 10.0),
            pt(5.0, 5.0),
            pt(0.0, 10.0),
        ];
        assert!(in_polygon(pt(2.0, 5.0), &concave));
        assert!(in_polygon(pt(5.0, 2.0), &concave));
        assert!(!in_polygon(pt(5.0, 8.0), &concave), "in the notch");
    }

    #[test]
    fn coordinates_out_of_range_get_parses_messages() {
        let err = |lat: Value, lng: Value| checked(&lat, &lng).unwrap_err();
        assert_eq!(
            err(json!(91), json!(0)),
            "GeoPoint latitude out of bounds: 91 > 90.0."
        );
        assert_eq!(
            err(json!(-90.5), json!(0)),
            "GeoPoint latitude out of bounds: -90.5 < -90.0."
        );
        assert_eq!(
            err(json!(0), json!(180.5)),
            "GeoPoint longitude out of bounds: 180.5 > 180.0."
        );
        assert_eq!(
            err(json!(0), json!(-181)),
            "GeoPoint longitude out of bounds: -181 < -180.0."
        );
        assert_eq!(
            err(json!("1"), json!(0)),
            "GeoPoint latitude and longitude must be valid numbers"
        );
        assert_eq!(checked(&json!(90), &json!(-180)), Ok(pt(90.0, -180.0)));
        assert_eq!(checked(&json!(-90), &json!(180)), Ok(pt(-90.0, 180.0)));
    }

    fn shape_of(op: &str, operand: Value, all: Value) -> Result<Option<Shape>, ParseError> {
        shape(op, &operand, all.as_object().unwrap())
    }

    fn gp(latitude: f64, longitude: f64) -> Value {
        json!({"__type": "GeoPoint", "latitude": latitude, "longitude": longitude})
    }

    #[test]
    fn distance_limits_are_converted_to_radians_and_the_smallest_wins() {
        let near = |all: Value| match shape_of("$nearSphere", gp(0.0, 0.0), all).unwrap() {
            Some(Shape::Near { max, .. }) => max,
            other => panic!("{other:?}"),
        };
        assert_eq!(near(json!({})), None);
        assert_eq!(near(json!({"$maxDistanceInRadians": 0.5})), Some(0.5));
        assert_eq!(near(json!({"$maxDistance": 0.25})), Some(0.25));
        assert_eq!(near(json!({"$maxDistanceInKilometers": 6371.0})), Some(1.0));
        assert_eq!(near(json!({"$maxDistanceInMiles": 3958.8})), Some(1.0));
        assert_eq!(
            near(json!({"$maxDistanceInMiles": 3958.8, "$maxDistanceInRadians": 0.5})),
            Some(0.5)
        );
        assert_eq!(
            shape_of(
                "$nearSphere",
                gp(0.0, 0.0),
                json!({"$maxDistanceInMiles": -1})
            )
            .unwrap_err()
            .message,
            "bad $maxDistanceInMiles value"
        );
        assert_eq!(
            shape_of(
                "$maxDistanceInKilometers",
                json!("x"),
                json!({"$maxDistanceInKilometers": "x"})
            )
            .unwrap_err()
            .message,
            "bad $maxDistanceInKilometers value"
        );
        assert_eq!(
            shape_of("$maxDistance", json!(1), json!({"$maxDistance": 1})).unwrap(),
            None
        );
    }

    #[test]
    fn operands_are_read_in_every_documented_form() {
        let none = json!({});
        assert_eq!(
            shape_of(
                "$geoWithin",
                json!({"$centerSphere": [[-20.0, 30.0], 0.1]}),
                none.clone()
            )
            .unwrap(),
            Some(Shape::Sphere(pt(30.0, -20.0), 0.1))
        );
        assert_eq!(
            shape_of(
                "$geoWithin",
                json!({"$centerSphere": [gp(30.0, -20.0), 0]}),
                none.clone()
            )
            .unwrap(),
            Some(Shape::Sphere(pt(30.0, -20.0), 0.0))
        );
        assert_eq!(
            shape_of(
                "$geoWithin",
                json!({"$polygon": [[1.0, 2.0], gp(3.0, 4.0), [5.0, 6.0]]}),
                none.clone()
            )
            .unwrap(),
            Some(Shape::Polygon(vec![
                pt(2.0, 1.0),
                pt(3.0, 4.0),
                pt(6.0, 5.0)
            ]))
        );
        let polygon =
            json!({"__type": "Polygon", "coordinates": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]});
        assert_eq!(
            shape_of("$geoWithin", json!({ "$polygon": polygon }), none.clone()).unwrap(),
            Some(Shape::Polygon(vec![
                pt(2.0, 1.0),
                pt(4.0, 3.0),
                pt(6.0, 5.0)
            ]))
        );
        assert_eq!(
            shape_of(
                "$within",
                json!({"$box": [gp(1.0, 2.0), gp(3.0, 4.0)]}),
                none.clone()
            )
            .unwrap(),
            Some(Shape::Box(pt(1.0, 2.0), pt(3.0, 4.0)))
        );
        assert_eq!(
            shape_of("$geoIntersects", json!({"$point": gp(1.0, 2.0)}), none).unwrap(),
            Some(Shape::Contains(pt(1.0, 2.0)))
        );
    }

    #[test]
    fn malformed_operands_are_107_with_parse_servers_messages() {
        let message =
            |op: &str, operand: Value| shape_of(op, operand, json!({})).unwrap_err().message;
        assert_eq!(
            message("$nearSphere", json!(5)),
            "bad $nearSphere value; should be a GeoPoint"
        );
        assert_eq!(
            message("$nearSphere", gp(95.0, 0.0)),
            "GeoPoint latitude out of bounds: 95 > 90.0."
        );
        assert_eq!(
            message("$within", json!({"$box": [gp(1.0, 2.0)]})),
            "malformatted $within arg"
        );
        assert_eq!(
            message("$within", json!({"$box": [gp(1.0, 2.0), 3]})),
            "malformatted $within arg"
        );
        assert_eq!(message("$within", json!({})), "malformatted $within arg");
        assert_eq!(message("$geoWithin", json!({})), "bad $geoWithin value");
        assert_eq!(
            message(
                "$geoWithin",
                json!({"$polygon": [gp(1.0, 2.0), gp(3.0, 4.0)]})
            ),
            "bad $geoWithin value; $polygon should contain at least 3 GeoPoints"
        );
        assert_eq!(
            message("$geoWithin", json!({"$polygon": 5})),
            "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's"
        );
        assert_eq!(
            message(
                "$geoWithin",
                json!({"$polygon": {"__type": "Polygon", "coordinates": [[1, 2]]}})
            ),
            "bad $geoWithin value; Polygon.coordinates should contain at least 3 lon/lat pairs"
        );
        assert_eq!(
            message(
                "$geoWithin",
                json!({"$polygon": [gp(1.0, 2.0), gp(3.0, 4.0), 5]})
            ),
            "bad $geoWithin value"
        );
        assert_eq!(
            message(
                "$geoWithin",
                json!({"$polygon": [gp(1.0, 2.0), gp(3.0, 4.0), [-185, 0]]})
            ),
            "GeoPoint longitude out of bounds: -185 < -180.0."
        );
        assert_eq!(
            message("$geoWithin", json!({"$centerSphere": [gp(1.0, 2.0)]})),
            "bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance"
        );
        assert_eq!(
            message("$geoWithin", json!({"$centerSphere": [5, 1]})),
            "bad $geoWithin value; $centerSphere geo point invalid"
        );
        assert_eq!(
            message("$geoWithin", json!({"$centerSphere": [gp(1.0, 2.0), -1]})),
            "bad $geoWithin value; $centerSphere distance invalid"
        );
        assert_eq!(
            message("$geoIntersects", json!({"$point": 5})),
            "bad $geoIntersect value; $point should be GeoPoint"
        );
        assert_eq!(
            message(
                "$geoIntersects",
                json!({"$point": {"__type": "GeoPoint", "latitude": 1}})
            ),
            "GeoPoint latitude and longitude must be valid numbers"
        );
    }

    #[test]
    fn values_match_shapes_only_when_they_are_of_the_right_type() {
        let near = Shape::Near {
            center: pt(0.0, 0.0),
            max: Some(0.1),
        };
        assert!(matches(Some(&gp(1.0, 1.0)), &near));
        assert!(!matches(Some(&gp(10.0, 1.0)), &near));
        assert!(!matches(Some(&json!("0,0")), &near));
        assert!(!matches(None, &near));
        assert!(matches(
            Some(&gp(10.0, 1.0)),
            &Shape::Near {
                center: pt(0.0, 0.0),
                max: None
            }
        ));
        assert!(matches(
            Some(&gp(1.0, 1.0)),
            &Shape::Sphere(pt(0.0, 0.0), 0.1)
        ));
        assert!(!matches(
            Some(&gp(10.0, 1.0)),
            &Shape::Sphere(pt(0.0, 0.0), 0.1)
        ));
        let square =
            json!({"__type": "Polygon", "coordinates": [[0, 0], [0, 10], [10, 10], [10, 0]]});
        assert!(matches(Some(&square), &Shape::Contains(pt(5.0, 5.0))));
        assert!(!matches(Some(&square), &Shape::Contains(pt(5.0, 15.0))));
        assert!(!matches(
            Some(&gp(5.0, 5.0)),
            &Shape::Contains(pt(5.0, 5.0))
        ));
        assert!(!matches(
            Some(&square),
            &Shape::Box(pt(0.0, 0.0), pt(10.0, 10.0))
        ));
    }

    #[test]
    fn results_of_a_near_query_come_nearest_first() {
        let mut docs: Vec<Map<String, Value>> = [30.0, 10.0, 20.0]
            .iter()
            .map(|lat| json!({"at": gp(*lat, 0.0)}).as_object().cloned().unwrap())
            .collect();
        let w = json!({"at": {"$nearSphere": gp(0.0, 0.0)}, "n": 1});
        let (field, center) = near(w.as_object().unwrap()).unwrap();
        assert_eq!((field, center), ("at", pt(0.0, 0.0)));
        sort_by_distance(&mut docs, field, center);
        let lats: Vec<_> = docs.iter().map(|d| d["at"]["latitude"].clone()).collect();
        assert_eq!(lats, vec![json!(10.0), json!(20.0), json!(30.0)]);
        assert!(near(json!({"at": gp(0.0, 0.0)}).as_object().unwrap()).is_none());
    }

    #[test]
    fn stored_polygons_are_checked_and_closed() {
        let polygon = |c: Value| json!({"__type": "Polygon", "coordinates": c});
        let check = |v: Value| {
            check_stored("Polygon", v.as_object().unwrap()).map_err(|e| (e.code, e.message))
        };
        assert!(check(polygon(json!([[0, 0], [0, 10], [10, 10]]))).is_ok());
        assert_eq!(
            check(polygon(json!([[0, 0], [0, 10]]))).unwrap_err(),
            (107, "Polygon must have at least 3 values".to_owned())
        );
        assert_eq!(
            check(polygon(json!([[0, 0], [0, 10], [10]])))
                .unwrap_err()
                .0,
            107
        );
        assert_eq!(
            check(polygon(json!([[0, 0], [0, 10], [95, 0]])))
                .unwrap_err()
                .0,
            107
        );
        let geo = |v: Value| check_stored("GeoPoint", v.as_object().unwrap()).map_err(|e| e.code);
        assert_eq!(geo(gp(91.0, 0.0)), Err(111));
        assert_eq!(geo(gp(45.0, 0.0)), Ok(()));
        assert_eq!(
            stored(polygon(json!([[0, 0], [0, 10], [10, 10]]))),
            polygon(json!([[0, 0], [0, 10], [10, 10], [0, 0]]))
        );
        let closed = polygon(json!([[0, 0], [0, 10], [10, 10], [0, 0]]));
        assert_eq!(stored(closed.clone()), closed);
        assert_eq!(stored(json!(5)), json!(5));
    }
}
