//! Steps about queries: query parameters, and the users or objects a query
//! returned.

use cucumber::{gherkin::Step, given, then, when};
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::{
    http::docstring_json,
    objects::{create_object, master_headers},
    users::sign_up,
};
use crate::{
    expect,
    world::{Failure, ParseWorld, StepResult},
};

/// The password every user of a table signs up with.
const TABLE_PASSWORD: &str = "p_n7!-e8";

/// Signs up one user per row: the `user` column names the alias, the other
/// columns become fields (numbers when they read as numbers, left out when
/// empty). The users are readable by anyone, so that what a query returns
/// does not depend on the server's default user ACL.
#[given("these users signed up, readable by anyone:")]
async fn users_from_table(world: &mut ParseWorld, step: &Step) -> StepResult {
    let as_field = |cell: String| {
        cell.parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::String(cell))
    };
    for record in table_records(step)? {
        let (alias, mut fields) = record_fields(world, &record, "user", as_field)?;
        fields.insert("password".into(), Value::String(TABLE_PASSWORD.into()));
        fields.insert("ACL".into(), json!({"*": {"read": true}}));
        sign_up(world, &alias, Value::Object(fields)).await?;
    }
    Ok(())
}

/// The rows of the step's table, each as (column, cell) pairs.
fn table_records(step: &Step) -> Result<Vec<Vec<(&str, &str)>>, Failure> {
    let table = step
        .table
        .as_ref()
        .ok_or_else(|| Failure::new("this step needs a table"))?;
    let (header, rows) = table
        .rows
        .split_first()
        .ok_or_else(|| Failure::new("the table is empty"))?;
    Ok(rows
        .iter()
        .map(|row| {
            header
                .iter()
                .zip(row)
                .map(|(column, cell)| (column.as_str(), cell.as_str()))
                .collect()
        })
        .collect())
}

/// One table row as its alias (the cell of the column `alias`) and its
/// other cells as fields, through `value`; empty cells are left out. Cells
/// are rendered when their row is reached, so they may name earlier rows.
fn record_fields(
    world: &mut ParseWorld,
    record: &[(&str, &str)],
    alias: &str,
    value: impl Fn(String) -> Value,
) -> Result<(String, Map<String, Value>), Failure> {
    let mut fields = Map::new();
    let mut name = None;
    for (column, cell) in record {
        let cell = world.render(cell)?;
        match *column {
            c if c == alias => name = Some(cell),
            _ if cell.is_empty() => {}
            _ => {
                fields.insert((*column).to_owned(), value(cell));
            }
        }
    }
    let name = name.ok_or_else(|| Failure::new(format!("the table needs a {alias} column")))?;
    Ok((name, fields))
}

/// Sends `GET path` with the table's parameters, URL-encoded.
#[when(regex = r"^the client queries (\S+) with:$")]
async fn queries(world: &mut ParseWorld, step: &Step, path: String) -> StepResult {
    let table = step
        .table
        .as_ref()
        .ok_or_else(|| Failure::new("this step needs a table"))?;
    let mut params = Vec::new();
    for row in &table.rows {
        let (Some(name), Some(value)) = (row.first(), row.get(1)) else {
            return Err(Failure::new("each row needs a parameter name and a value"));
        };
        params.push((name.as_str(), world.render(value)?));
    }
    send_query(world, &path, &params).await
}

/// Sends `GET path?name=value&…` (`path` rendered), the values
/// URL-encoded.
pub(super) async fn send_query(
    world: &mut ParseWorld,
    path: &str,
    params: &[(&str, String)],
) -> StepResult {
    let path = world.render(path)?;
    let mut request = world.request(Method::GET, &path, None);
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        query.append_pair(name, value);
    }
    request.url = format!("{}?{}", request.url, query.finish());
    world.send(request).await?;
    Ok(())
}

/// The aliases of the users behind the results, in result order.
fn result_users(world: &ParseWorld) -> Result<Vec<String>, Failure> {
    result_aliases(world, "someone else", |id| {
        world
            .users
            .iter()
            .find(|(_, u)| u.object_id == id)
            .map(|(alias, _)| alias.clone())
    })
}

/// The results of the last find, each named by `alias_of` its objectId, or
/// as `<unknown: id>` when it names none.
fn result_aliases(
    world: &ParseWorld,
    unknown: &str,
    alias_of: impl Fn(&str) -> Option<String>,
) -> Result<Vec<String>, Failure> {
    Ok(world
        .last_results()?
        .iter()
        .map(|r| {
            let id = r
                .get("objectId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            alias_of(id).unwrap_or_else(|| format!("<{unknown}: {id}>"))
        })
        .collect())
}

#[then(expr = "the results are the users {string}, in this order")]
fn results_in_order(world: &mut ParseWorld, names: String) -> StepResult {
    let actual = result_users(world)?;
    expect::same_names("the results", &expect::list(&names), &actual).map_err(|e| world.fail(e))
}

#[then(expr = "the results are the users {string}, in any order")]
fn results_any_order(world: &mut ParseWorld, names: String) -> StepResult {
    let mut actual = result_users(world)?;
    let mut expected = expect::list(&names);
    actual.sort();
    expected.sort();
    expect::same_names("the results (in any order)", &expected, &actual).map_err(|e| world.fail(e))
}

#[then("there are no results")]
fn no_results(world: &mut ParseWorld) -> StepResult {
    let count = world.last_results()?.len();
    if count == 0 {
        Ok(())
    } else {
        Err(world.fail(format!("expected no results, got {count}")))
    }
}

#[then(expr = "every result has the field {string} and not the field {string}")]
fn every_result_fields(world: &mut ParseWorld, present: String, absent: String) -> StepResult {
    let bad = world
        .last_results()?
        .iter()
        .position(|r| r.get(&present).is_none() || r.get(&absent).is_some());
    match bad {
        None => Ok(()),
        Some(i) => Err(world.fail(format!(
            "result {i} does not have {present} without {absent}"
        ))),
    }
}

#[then(expr = "no result has the field {string}")]
fn no_result_has(world: &mut ParseWorld, field: String) -> StepResult {
    match world
        .last_results()?
        .iter()
        .position(|r| r.get(&field).is_some())
    {
        None => Ok(()),
        Some(i) => Err(world.fail(format!("result {i} has the field {field}"))),
    }
}

/// A query that must not work as an oracle: either it is refused with a
/// Parse error, or it finds nobody.
#[then("the response reveals no user")]
fn reveals_no_user(world: &mut ParseWorld) -> StepResult {
    let json = world.last_json()?;
    let refused = json.get("code").is_some_and(Value::is_i64) && json.get("error").is_some();
    let empty = json
        .get("results")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty);
    if refused || empty {
        Ok(())
    } else {
        Err(world.fail("the query found users by a field it must not be able to query"))
    }
}

/// A table cell as a field value: JSON when it reads as JSON (numbers,
/// booleans, arrays, objects such as pointers and dates), a string
/// otherwise.
fn cell_value(cell: String) -> Value {
    serde_json::from_str(&cell).unwrap_or(Value::String(cell))
}

/// Creates one object per row in the class `class` (its unique name) with
/// the master key, so that the class exists whatever the server lets
/// clients create. The `object` column names the alias (`{{alias.objectId}}`
/// in later rows and steps); the other columns become fields (JSON when
/// they read as JSON, left out when empty). Objects without an `ACL`
/// column are public.
#[given(expr = "the class {word} holds these objects:")]
async fn class_holds(world: &mut ParseWorld, step: &Step, class: String) -> StepResult {
    for record in table_records(step)? {
        let (alias, fields) = record_fields(world, &record, "object", cell_value)?;
        let headers = master_headers(world)?;
        let body = Value::Object(fields).to_string();
        create_object(world, body, headers, &alias, &class, "the master key").await?;
    }
    Ok(())
}

/// The aliases of the objects behind the results, in result order.
fn result_objects(world: &ParseWorld) -> Result<Vec<String>, Failure> {
    result_aliases(world, "an object not expected", |id| {
        world
            .objects
            .iter()
            .find(|(_, o)| o.as_str() == id)
            .map(|(alias, _)| alias.clone())
    })
}

#[then(expr = "the results are the objects {string}, in this order")]
fn objects_in_order(world: &mut ParseWorld, names: String) -> StepResult {
    let actual = result_objects(world)?;
    expect::same_names("the results, in order", &expect::list(&names), &actual)
        .map_err(|e| world.fail(e))
}

#[then(expr = "every result has exactly the fields {string}")]
fn every_result_exactly(world: &mut ParseWorld, fields: String) -> StepResult {
    let mut expected = expect::list(&fields);
    expected.sort();
    let results = world.last_results()?;
    if results.is_empty() {
        return Err(world.fail("there are no results to check"));
    }
    for (i, result) in results.iter().enumerate() {
        let actual = expect::field_names(result);
        expect::same_names(&format!("the fields of result {i}"), &expected, &actual)
            .map_err(|e| world.fail(e))?;
    }
    Ok(())
}

/// The results of a distinct query: these JSON values, each once, in any
/// order.
#[then("the results are these values, in any order:")]
fn values_any_order(world: &mut ParseWorld, step: &Step) -> StepResult {
    let expected = docstring_json(world, step)?;
    let expected = expected
        .as_array()
        .ok_or_else(|| Failure::new("the expected values must be a JSON array"))?;
    let actual = world.last_results()?;
    let missing: Vec<&Value> = expected.iter().filter(|v| !actual.contains(v)).collect();
    let extra: Vec<&Value> = actual.iter().filter(|v| !expected.contains(v)).collect();
    if missing.is_empty() && extra.is_empty() && actual.len() == expected.len() {
        return Ok(());
    }
    Err(world.fail(format!(
        "the results are not the expected values\n{}",
        expect::diff(
            &Value::Array(expected.clone()),
            &Value::Array(actual.clone())
        )
    )))
}
