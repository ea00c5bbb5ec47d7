//! One class's objects, stored compactly and found fast.
//!
//! A [`Collection`] keeps each object as a row: a boxed slice of values, one
//! per column, where a column is a field name the class has seen (`objectId`
//! is always column 0). A missing field and a `null` one are the same, as
//! Parse Server on PostgreSQL reads them back. Rows live in a vector in the
//! order they were made (deleted ones leave a hole until the vector is
//! compacted); objectIds find their row through a hash table of row numbers
//! that reads the id from the row itself, so no id is stored twice. Each
//! entry keeps its id's hash (folded to 32 bits) beside the row number, so
//! that growing the table never reads the rows: rehashing every id from its
//! row stalled inserts for tens of milliseconds at a million objects.
//!
//! Equality indexes ([`EqIndex`]) on columns narrow what a query scans. The
//! store builds them for the columns its own lookups need (session tokens,
//! a session's user), and the query planner adds one the first time a large
//! class is queried by equality on a column.

use std::{collections::HashMap, hash::BuildHasher, sync::Arc};

use hashbrown::HashTable;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value, value::RawValue};

use super::index::{EqIndex, Key};
use crate::{error::ParseError, query::Document};

/// One object: a value per column, `Null` where it has no such field.
type Row = Box<[Value]>;

/// An entry of the objectId table: a row number and its id's hash.
#[derive(Clone, Copy, Debug)]
struct IdEntry {
    slot: u32,
    hash: u32,
}

impl IdEntry {
    /// The hash the table files the entry under.
    fn table_hash(self) -> u64 {
        widen(self.hash)
    }
}

/// A 32-bit hash as the table's 64-bit one: the same bits high and low, so
/// that both the bucket (low bits) and the tag (high bits) come from it.
fn widen(hash: u32) -> u64 {
    u64::from(hash) | (u64::from(hash) << 32)
}

/// The column every row has first.
const OBJECT_ID: u32 = 0;

/// Rows (live or deleted) a collection holds before removals may compact it.
const COMPACT_AFTER: usize = 1024;

/// A class's objects, their columns and their indexes.
#[derive(Debug)]
pub struct Collection {
    /// Declared fields (the schema), name → `{"type": …}`; shared, so that
    /// a request reads them without a copy (a change copies them only while
    /// a request still holds them).
    pub fields: Arc<Map<String, Value>>,
    /// The class-level permissions set through `/schemas`; `None` until
    /// they are (see [`crate::class_permissions::shown`]).
    pub permissions: Option<Map<String, Value>>,
    columns: Vec<Box<str>>,
    /// Column numbers by field name, hashed with hashbrown's fast seeded
    /// hasher: a query reads a field by name for every row it scans.
    column_ids: hashbrown::HashMap<Box<str>, u32>,
    rows: Vec<Option<Row>>,
    live: usize,
    ids: HashTable<IdEntry>,
    /// Hashes objectIds for `ids`: hashbrown's fast hasher, seeded at
    /// random per collection.
    hasher: hashbrown::DefaultHashBuilder,
    indexes: HashMap<u32, EqIndex>,
}

impl Default for Collection {
    fn default() -> Collection {
        Collection::new(Map::new())
    }
}

/// A row seen through its collection's column names: what the query engine
/// reads.
#[derive(Clone, Copy)]
pub struct RowRef<'a> {
    collection: &'a Collection,
    row: &'a [Value],
    /// The row's number in its collection.
    pub slot: u32,
}

impl Document for RowRef<'_> {
    fn field(&self, name: &str) -> Option<&Value> {
        let column = *self.collection.column_ids.get(name)?;
        self.row.get(column as usize).filter(|v| !v.is_null())
    }
}

impl Collection {
    /// An empty collection with these declared fields.
    pub fn new(fields: Map<String, Value>) -> Collection {
        let mut collection = Collection {
            fields: Arc::new(fields),
            permissions: None,
            columns: Vec::new(),
            column_ids: hashbrown::HashMap::new(),
            rows: Vec::new(),
            live: 0,
            ids: HashTable::new(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            indexes: HashMap::new(),
        };
        collection.column("objectId");
        collection
    }

    /// How many objects it holds.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether it holds no object.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Keeps an equality index on `field` from now on.
    pub fn index(&mut self, field: &str) {
        let column = self.column(field);
        if self.indexes.contains_key(&column) {
            return;
        }
        let mut index = EqIndex::default();
        for (slot, row) in self.rows.iter().enumerate() {
            if let Some(value) = row.as_ref().and_then(|r| r.get(column as usize)) {
                index.add(slot as u32, value);
            }
        }
        self.indexes.insert(column, index);
    }

    /// Whether `field` has an equality index.
    pub fn is_indexed(&self, field: &str) -> bool {
        self.column_ids
            .get(field)
            .is_some_and(|c| self.indexes.contains_key(c))
    }

    /// Stores a new object, which must carry its `objectId`; 137 if that id
    /// is taken.
    pub fn insert(&mut self, object: Map<String, Value>) -> Result<u32, ParseError> {
        let id = object
            .get("objectId")
            .and_then(Value::as_str)
            .ok_or_else(|| ParseError::new(1, "An object needs an objectId."))?;
        if self.slot(id).is_some() {
            return Err(ParseError::new(
                137,
                "A duplicate value for a field with unique values was provided",
            ));
        }
        let slot = u32::try_from(self.rows.len())
            .map_err(|_| ParseError::new(1, "The class holds too many objects."))?;
        let row = self.row_from(object);
        self.index_row(slot, &row, true);
        let hash = self.id_hash(id_of(&row));
        self.rows.push(Some(row));
        self.ids
            .insert_unique(widen(hash), IdEntry { slot, hash }, |e| e.table_hash());
        self.live += 1;
        Ok(slot)
    }

    /// The row number of an objectId.
    pub fn slot(&self, object_id: &str) -> Option<u32> {
        let hash = widen(self.id_hash(object_id));
        self.ids
            .find(hash, |e| id_at(&self.rows, e.slot) == object_id)
            .map(|e| e.slot)
    }

    /// An objectId's hash, folded to 32 bits.
    fn id_hash(&self, object_id: &str) -> u32 {
        let hash = self.hasher.hash_one(object_id);
        // The fold keeps every bit's influence; the truncation is meant.
        #[allow(clippy::cast_possible_truncation)]
        let folded = (hash ^ (hash >> 32)) as u32;
        folded
    }

    /// A row, seen by the query engine.
    pub fn doc(&self, slot: u32) -> Option<RowRef<'_>> {
        let row = self.rows.get(slot as usize)?.as_deref()?;
        Some(RowRef {
            collection: self,
            row,
            slot,
        })
    }

    /// The object with this id as clients may see it (internal fields left out).
    pub fn get(&self, object_id: &str) -> Option<Map<String, Value>> {
        self.to_map(self.slot(object_id)?, false)
    }

    /// A row as an object; with `internal`, its internal fields (those
    /// starting with `_`, such as a user's password hash) too.
    pub fn to_map(&self, slot: u32, internal: bool) -> Option<Map<String, Value>> {
        Some(
            self.fields_at(slot, internal)?
                .map(|(name, v)| (name.to_owned(), v.clone()))
                .collect(),
        )
    }

    /// The fields of the row at `slot`, by name, in column order: those
    /// that hold a value, internal ones only with `internal`.
    fn fields_at(
        &self,
        slot: u32,
        internal: bool,
    ) -> Option<impl Iterator<Item = (&str, &Value)> + '_> {
        let row = self.rows.get(slot as usize)?.as_deref()?;
        Some(
            row.iter()
                .enumerate()
                .filter(|(_, v)| !v.is_null())
                .map(|(c, v)| (&*self.columns[c], v))
                .filter(move |(name, _)| internal || !name.starts_with('_')),
        )
    }

    /// The object at `slot` as [`Self::to_map`] shows it without internal
    /// fields (in name order), with `extra` fields added, as JSON text
    /// written from the row in place: no value is copied, no map is built.
    pub fn public_json(
        &self,
        slot: u32,
        extra: &[(&str, &Value)],
    ) -> Result<Option<Box<RawValue>>, serde_json::Error> {
        let Some(fields) = self.fields_at(slot, false) else {
            return Ok(None);
        };
        let mut fields: Vec<(&str, &Value)> = fields
            .filter(|(name, _)| !extra.iter().any(|(e, _)| e == name))
            .chain(extra.iter().copied())
            .collect();
        fields.sort_unstable_by(|a, b| a.0.cmp(b.0));
        serde_json::value::to_raw_value(&FieldList(&fields)).map(Some)
    }

    /// Replaces the object with this id by `object` (every field, internal
    /// ones too; its objectId stays). Whether there was such an object.
    pub fn replace(&mut self, object_id: &str, mut object: Map<String, Value>) -> bool {
        let Some(slot) = self.slot(object_id) else {
            return false;
        };
        object.insert("objectId".into(), Value::String(object_id.to_owned()));
        let row = self.row_from(object);
        if let Some(old) = self.rows[slot as usize].take() {
            self.index_row(slot, &old, false);
        }
        self.index_row(slot, &row, true);
        self.rows[slot as usize] = Some(row);
        true
    }

    /// Removes the object with this id and answers it (internal fields
    /// included).
    pub fn remove(&mut self, object_id: &str) -> Option<Map<String, Value>> {
        let slot = self.slot(object_id)?;
        let object = self.to_map(slot, true);
        let hash = widen(self.id_hash(object_id));
        if let Ok(entry) = self.ids.find_entry(hash, |e| e.slot == slot) {
            entry.remove();
        }
        if let Some(row) = self.rows[slot as usize].take() {
            self.index_row(slot, &row, false);
        }
        self.live -= 1;
        if self.rows.len() > COMPACT_AFTER && self.live < self.rows.len() / 2 {
            self.compact();
        }
        object
    }

    /// Every row number, in the order the objects were made.
    pub fn slots(&self) -> impl Iterator<Item = u32> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some())
            .map(|(slot, _)| slot as u32)
    }

    /// The rows an indexed `field` may hold `value` in, in ascending order;
    /// `None` when `field` has no index or `value` is not indexable.
    pub fn indexed_slots(&self, field: &str, value: &Value) -> Option<&[u32]> {
        let index = self.indexes.get(self.column_ids.get(field)?)?;
        Some(index.rows(&Key::of(value)?))
    }

    /// The rows whose `field` equals `value` (a string, number, boolean,
    /// Date or pointer), through an index when there is one.
    pub fn find_by(&self, field: &str, value: &Value) -> Vec<u32> {
        self.slots_with(field, value).collect()
    }

    /// The first row [`Self::find_by`] would give, without collecting the
    /// others: how a session is found by its token on every request.
    pub fn first_by(&self, field: &str, value: &Value) -> Option<u32> {
        self.slots_with(field, value).next()
    }

    /// The rows whose `field` equals `value`, in order, as they are found.
    fn slots_with<'a>(
        &'a self,
        field: &'a str,
        value: &'a Value,
    ) -> impl Iterator<Item = u32> + 'a {
        let (indexed, scanned) = match self.indexed_slots(field, value) {
            Some(slots) => (Some(slots.iter().copied()), None),
            None => (None, Some(self.slots())),
        };
        indexed
            .into_iter()
            .flatten()
            .chain(scanned.into_iter().flatten())
            .filter(move |slot| {
                self.doc(*slot)
                    .is_some_and(|doc| doc.field(field) == Some(value))
            })
    }

    /// Removes a field's values from every object (its index too): what
    /// deleting a field through `/schemas` does to the data.
    pub fn clear_field(&mut self, name: &str) {
        let Some(column) = self.column_ids.get(name).copied() else {
            return;
        };
        if column == OBJECT_ID {
            return;
        }
        self.indexes.remove(&column);
        for row in self.rows.iter_mut().flatten() {
            if let Some(value) = row.get_mut(column as usize) {
                *value = Value::Null;
            }
        }
    }

    /// The column of a field name, made on first use.
    fn column(&mut self, name: &str) -> u32 {
        if let Some(id) = self.column_ids.get(name) {
            return *id;
        }
        let id = self.columns.len() as u32;
        self.columns.push(name.into());
        self.column_ids.insert(name.into(), id);
        id
    }

    /// An object as a row, making columns for its new fields.
    fn row_from(&mut self, object: Map<String, Value>) -> Row {
        let mut row = Vec::new();
        for (name, value) in object {
            if value.is_null() {
                continue;
            }
            let column = self.column(&name) as usize;
            if row.len() <= column {
                row.resize(column + 1, Value::Null);
            }
            row[column] = value;
        }
        row.into_boxed_slice()
    }

    /// Adds (`add`) or removes a row's values in every index.
    fn index_row(&mut self, slot: u32, row: &[Value], add: bool) {
        for (column, index) in &mut self.indexes {
            match row.get(*column as usize) {
                Some(value) if add => index.add(slot, value),
                Some(value) => index.remove(slot, value),
                None => {}
            }
        }
    }

    /// Drops the holes deleted objects left, renumbering rows.
    fn compact(&mut self) {
        self.rows.retain(Option::is_some);
        self.rebuild_ids();
        let columns: Vec<u32> = self.indexes.keys().copied().collect();
        self.indexes.clear();
        for column in columns {
            let name = self.columns[column as usize].to_string();
            self.index(&name);
        }
    }

    fn rebuild_ids(&mut self) {
        self.ids.clear();
        let mut entries = Vec::with_capacity(self.live);
        for (slot, row) in self.rows.iter().enumerate() {
            if let Some(row) = row {
                let slot = u32::try_from(slot).unwrap_or(u32::MAX);
                entries.push(IdEntry {
                    slot,
                    hash: self.id_hash(id_of(row)),
                });
            }
        }
        for entry in entries {
            self.ids
                .insert_unique(entry.table_hash(), entry, |e| e.table_hash());
        }
    }
}

/// The objectId of a row.
fn id_of(row: &[Value]) -> &str {
    row.get(OBJECT_ID as usize)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The objectId of the row at `slot`, `""` for a hole.
fn id_at(rows: &[Option<Row>], slot: u32) -> &str {
    rows.get(slot as usize)
        .and_then(Option::as_deref)
        .map(id_of)
        .unwrap_or_default()
}

/// Fields in order, serialized as a JSON object.
struct FieldList<'a>(&'a [(&'a str, &'a Value)]);

impl Serialize for FieldList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn public_json_is_to_map_without_internal_fields_plus_the_extra_ones() {
        let mut c = Collection::default();
        let slot = c
            .insert(object(json!({
                "objectId": "a", "zeta": 1, "_hashed_password": "secret",
                "alpha": {"x": [1, 2]}, "gone": null, "sessionToken": "stored"
            })))
            .unwrap();
        let token = json!("r:given");
        let text = c
            .public_json(slot, &[("sessionToken", &token)])
            .unwrap()
            .unwrap();
        assert_eq!(
            text.get(),
            r#"{"alpha":{"x":[1,2]},"objectId":"a","sessionToken":"r:given","zeta":1}"#
        );
        let mut shown = c.to_map(slot, false).unwrap();
        shown.insert("sessionToken".into(), token);
        assert_eq!(text.get(), serde_json::to_string(&shown).unwrap());
        assert!(c.public_json(slot + 1, &[]).unwrap().is_none());
    }

    #[test]
    fn stores_finds_updates_and_removes_by_object_id() {
        let mut c = Collection::default();
        c.insert(object(json!({"objectId": "a", "n": 1, "_secret": "s"})))
            .unwrap();
        c.insert(object(json!({"objectId": "b", "n": 2}))).unwrap();
        assert_eq!(c.get("a"), Some(object(json!({"objectId": "a", "n": 1}))));
        assert_eq!(
            c.insert(object(json!({"objectId": "a"}))).unwrap_err().code,
            137
        );
        let mut a = c.to_map(c.slot("a").unwrap(), true).unwrap();
        a.insert("n".into(), json!(null));
        a.insert("m".into(), json!(3));
        assert!(c.replace("a", a));
        assert!(!c.replace("nobody", Map::new()));
        let full = c.to_map(c.slot("a").unwrap(), true).unwrap();
        assert_eq!(
            full,
            object(json!({"objectId": "a", "m": 3, "_secret": "s"}))
        );
        assert!(c.remove("a").is_some());
        assert_eq!(c.get("a"), None);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn a_large_collection_compacts_once_fewer_than_half_its_rows_live() {
        let mut c = Collection::default();
        assert!(c.is_empty());
        for i in 0..2000 {
            c.insert(object(json!({"objectId": format!("o{i}")})))
                .unwrap();
        }
        assert!(!c.is_empty());
        for i in 0..1000 {
            c.remove(&format!("o{i}"));
        }
        assert_eq!(c.rows.len(), 2000, "half the rows live: no compaction yet");
        c.remove("o1000");
        assert_eq!((c.rows.len(), c.len()), (999, 999));
        assert!(c.get("o1999").is_some());
    }

    #[test]
    fn a_collection_of_at_most_compact_after_rows_never_compacts() {
        for size in [10, COMPACT_AFTER] {
            let mut c = Collection::default();
            for i in 0..size {
                c.insert(object(json!({"objectId": format!("o{i}")})))
                    .unwrap();
            }
            for i in 0..size * 3 / 4 {
                c.remove(&format!("o{i}"));
            }
            assert_eq!(c.rows.len(), size);
        }
    }

    #[test]
    fn indexes_follow_inserts_updates_removals_and_compaction() {
        let mut c = Collection::default();
        c.index("k");
        for i in 0..3000 {
            c.insert(object(json!({"objectId": format!("o{i}"), "k": i % 3})))
                .unwrap();
        }
        assert_eq!(c.find_by("k", &json!(1)).len(), 1000);
        for i in (0..3000).filter(|i| i % 3 != 2) {
            c.remove(&format!("o{i}"));
        }
        assert!(c.replace("o2", object(json!({"k": 7}))));
        assert!(c.rows.len() < 3000, "compacted");
        assert_eq!(c.find_by("k", &json!(2)).len(), 999);
        assert_eq!(c.find_by("k", &json!(7)).len(), 1);
        assert_eq!(c.find_by("k", &json!(1)).len(), 0);
        assert_eq!(
            c.indexed_slots("k", &json!(1)),
            Some(&[][..]),
            "removed rows leave the index"
        );
        assert_eq!(c.indexed_slots("k", &json!(7)).map(<[u32]>::len), Some(1));
        assert_eq!(c.get("o2999").map(|o| o["k"].clone()), Some(json!(2)));
    }
}
