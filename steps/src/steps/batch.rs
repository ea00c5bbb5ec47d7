//! Steps about `POST /batch`: the results of a batch, command by command.

use cucumber::{gherkin::Step, then};
use serde_json::Value;

use crate::{
    expect,
    world::{Failure, ParseWorld, StepResult},
};

/// The answer to a batch is an array with one entry per command, in
/// order; each table row says what its command's entry must be:
/// `| success | objectId, createdAt |` (a `success` object with exactly
/// those fields) or `| error | 101 Object not found. |` (an `error` with
/// that code and, without regard to case, that message).
#[then("the batch results are, in order:")]
fn batch_results(world: &mut ParseWorld, step: &Step) -> StepResult {
    let rows = step
        .table
        .as_ref()
        .map(|t| t.rows.clone())
        .ok_or_else(|| Failure::new("this step needs a table"))?;
    let entries = world
        .last_json()?
        .as_array()
        .cloned()
        .ok_or_else(|| world.fail("the batch answer is not an array"))?;
    if entries.len() != rows.len() {
        return Err(world.fail(format!(
            "the batch answered {} results, expected {}",
            entries.len(),
            rows.len()
        )));
    }
    for (index, (row, entry)) in rows.iter().zip(&entries).enumerate() {
        let (Some(kind), Some(detail)) = (row.first(), row.get(1)) else {
            return Err(Failure::new("each row needs a result kind and its detail"));
        };
        check_entry(kind, detail, entry)
            .map_err(|e| world.fail(format!("batch result {}: {e}", index + 1)))?;
    }
    Ok(())
}

/// Whether one batch entry is the `success` or `error` the row describes.
fn check_entry(kind: &str, detail: &str, entry: &Value) -> Result<(), String> {
    let shown = expect::pretty(entry);
    match kind {
        "success" => {
            let success = entry
                .get("success")
                .ok_or_else(|| format!("expected a success, got {shown}"))?;
            let mut expected = expect::list(detail);
            expected.sort();
            expect::same_names("the fields", &expected, &expect::field_names(success))
        }
        "error" => {
            let (code, message) = detail.split_once(' ').unwrap_or((detail, ""));
            let code: i64 = code
                .parse()
                .map_err(|_| format!("{code:?} is not an error code"))?;
            let error = entry
                .get("error")
                .ok_or_else(|| format!("expected an error, got {shown}"))?;
            let actual_code = error.get("code").and_then(Value::as_i64);
            let actual_message = error.get("error").and_then(Value::as_str).unwrap_or("");
            if actual_code == Some(code) && actual_message.eq_ignore_ascii_case(message) {
                Ok(())
            } else {
                Err(format!(
                    "expected the error {code} {message:?}, got {shown}"
                ))
            }
        }
        other => Err(format!("{other:?} is neither success nor error")),
    }
}
