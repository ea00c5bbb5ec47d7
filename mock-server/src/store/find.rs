//! Running a query over a class: the planner.
//!
//! A find looks at as few rows as it can. An equality constraint on a field
//! (`{"name": "x"}` or `{"name": {"$eq": "x"}}`) reads only the rows an
//! index gives for that value: `objectId` always has one, and any other
//! field gets one the first time a class of [`INDEX_AFTER`] objects or more
//! is queried by it. Without `order` or `count`, the scan stops as soon as
//! `skip + limit` readable matches are found, so a page costs what the page
//! holds, not what the class holds. Every candidate is still checked by the
//! query engine: the index only narrows.

use serde_json::{Map, Value};

use super::{Collection, Store, index::Key};
use crate::{
    error::ParseError,
    query::{Document, Query, eval, geo},
};

/// How many objects a class holds before a query by equality on a field
/// makes an index on it (below this, a scan is as fast).
pub const INDEX_AFTER: usize = 512;

/// A page of results and the number of matches before `skip` and `limit`.
pub type Found = (Vec<Map<String, Value>>, usize);

impl Store {
    /// The objects of `class` that `may_read` lets the caller see and that
    /// match `query`, sorted, paged and with only the asked keys; `None`
    /// when the class does not exist.
    pub fn find(
        &self,
        class: &str,
        query: &Query,
        may_read: impl Fn(&dyn Document) -> bool,
    ) -> Result<Option<Found>, ParseError> {
        let mut state = self.lock();
        let Some(collection) = state.classes.get_mut(class) else {
            return Ok(None);
        };
        if let Some((field, _)) = equality(&query.constraints)
            && field != "objectId"
            && collection.len() >= INDEX_AFTER
            && !collection.is_indexed(field)
        {
            collection.index(field);
        }
        run(collection, query, may_read).map(Some)
    }
}

/// Filters, sorts, counts and pages one collection.
fn run(
    collection: &Collection,
    query: &Query,
    may_read: impl Fn(&dyn Document) -> bool,
) -> Result<Found, ParseError> {
    let by_id;
    let candidates: Box<dyn Iterator<Item = u32>> = match equality(&query.constraints) {
        Some(("objectId", id)) => {
            by_id = id.as_str().and_then(|id| collection.slot(id));
            Box::new(by_id.into_iter())
        }
        Some((field, value)) => match collection.indexed_slots(field, value) {
            Some(slots) => Box::new(slots.iter().copied()),
            None => Box::new(collection.slots()),
        },
        None => Box::new(collection.slots()),
    };
    // A `$nearSphere` without an `order` sorts by distance, nearest first
    // (an `order` takes precedence, as the guide says).
    let near = geo::near(&query.constraints).filter(|_| query.order.is_empty());
    let wanted = if query.count || !query.order.is_empty() || near.is_some() {
        usize::MAX
    } else {
        query.skip.saturating_add(query.limit)
    };
    let mut matched = Vec::new();
    for slot in candidates {
        if matched.len() >= wanted {
            break;
        }
        let Some(doc) = collection.doc(slot) else {
            continue;
        };
        if may_read(&doc) && eval::matches(&doc, &query.constraints)? {
            matched.push(doc);
        }
    }
    match near {
        Some((field, center)) => geo::sort_by_distance(&mut matched, field, center),
        None => eval::sort(&mut matched, &query.order),
    }
    let total = matched.len();
    let page = matched
        .iter()
        .skip(query.skip)
        .take(query.limit)
        .filter_map(|doc| collection.to_map(doc.slot, false))
        .map(|object| eval::pick(object, query.keys.as_deref(), &query.exclude_keys))
        .collect();
    Ok((page, total))
}

/// The first top-level equality constraint an index can answer: on a
/// field itself, not on a key inside it (`createdWith.action`), which no
/// column holds.
fn equality(constraints: &Map<String, Value>) -> Option<(&str, &Value)> {
    constraints.iter().find_map(|(field, constraint)| {
        if field.starts_with('$') || field.contains('.') {
            return None;
        }
        let value = match constraint.as_object() {
            Some(ops) if ops.keys().any(|k| k.starts_with('$')) => ops.get("$eq")?,
            _ => constraint,
        };
        Key::of(value).map(|_| (field.as_str(), value))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde_json::json;

    use super::*;
    use crate::query::parse::parse;

    fn store_with(n: usize) -> Store {
        let store = Store::new();
        store.create_class("C", Map::new()).unwrap();
        for i in 0..n {
            let object = json!({
                "objectId": format!("id{i}"), "k": i % 10, "s": format!("s{i}"), "o": {"k": i % 10},
            });
            store
                .insert_object("C", object.as_object().unwrap().clone(), false)
                .unwrap();
        }
        store
    }

    fn find(store: &Store, params: &[(&str, &str)]) -> Found {
        let params: HashMap<String, String> = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let query = parse(&params).unwrap();
        store.find("C", &query, |_| true).unwrap().unwrap()
    }

    #[test]
    fn an_equality_query_on_a_large_class_builds_an_index_and_finds_the_same() {
        let store = store_with(INDEX_AFTER * 2);
        let (page, total) = find(&store, &[("where", r#"{"k": 3}"#), ("count", "1")]);
        assert_eq!(total, (0..INDEX_AFTER * 2).filter(|i| i % 10 == 3).count());
        assert!(page.iter().all(|o| o["k"] == json!(3)));
        let state = store.lock();
        let indexed = state.classes["C"].indexed_slots("k", &json!(3));
        assert_eq!(indexed.map(<[u32]>::len), Some(total));
        drop(state);
        let (page, _) = find(&store, &[("where", r#"{"k": 3, "s": "s13"}"#)]);
        assert_eq!(page.len(), 1);
        let (page, _) = find(&store, &[("where", r#"{"s": {"$eq": "s14"}}"#)]);
        assert_eq!(page.len(), 1);
        assert!(
            store.lock().classes["C"].is_indexed("s"),
            "$eq is an equality"
        );
        find(&store, &[("where", r#"{"n": {"$gt": 1}}"#)]);
        assert!(!store.lock().classes["C"].is_indexed("n"), "$gt is not");
    }

    #[test]
    fn an_equality_on_a_key_inside_a_field_of_a_large_class_scans() {
        let store = store_with(INDEX_AFTER * 2);
        let (_, total) = find(&store, &[("where", r#"{"o.k": 3}"#), ("count", "1")]);
        assert_eq!(total, (0..INDEX_AFTER * 2).filter(|i| i % 10 == 3).count());
        assert!(!store.lock().classes["C"].is_indexed("o.k"));
    }

    #[test]
    fn equalities_an_index_answers_are_plain_values_and_eq() {
        let first =
            |w: Value| equality(w.as_object().unwrap()).map(|(f, v)| (f.to_owned(), v.clone()));
        let pointer = json!({"__type": "Pointer", "className": "A", "objectId": "x"});
        assert_eq!(
            first(json!({"p": pointer})),
            Some(("p".into(), pointer.clone()))
        );
        assert_eq!(
            first(json!({"s": {"$eq": 3}})),
            Some(("s".into(), json!(3)))
        );
        assert_eq!(first(json!({"n": {"$gt": 1}, "$or": [{"a": 1}]})), None);
        assert_eq!(first(json!({"n": {"x": 1}})), None);
    }

    #[test]
    fn a_page_without_order_is_the_first_matches_in_creation_order() {
        let store = store_with(50);
        let (page, total) = find(&store, &[("limit", "3"), ("skip", "2")]);
        let ids: Vec<_> = page.iter().map(|o| o["objectId"].clone()).collect();
        assert_eq!(ids, vec![json!("id2"), json!("id3"), json!("id4")]);
        assert_eq!(total, 5, "the scan stops once the page is full");
        let (page, _) = find(&store, &[("where", r#"{"objectId": "id7"}"#)]);
        assert_eq!(page.len(), 1);
    }

    #[test]
    fn what_the_caller_may_not_read_is_left_out() {
        let store = store_with(20);
        let params = HashMap::from([("count".to_owned(), "1".to_owned())]);
        let query = parse(&params).unwrap();
        let (page, total) = store
            .find("C", &query, |d| d.field("k") != Some(&json!(0)))
            .unwrap()
            .unwrap();
        assert_eq!((page.len(), total), (18, 18));
        assert!(store.find("Missing", &query, |_| true).unwrap().is_none());
    }
}
