//! The objects a query runs over, as the caller may see them: the store's
//! objects of a class (or its users, for `_User`) that the caller's ACL
//! lets it read. Subqueries run here too ([`query::resolve::Source`]).

use serde_json::{Map, Value};

use super::{can_read, users::visible};
use crate::{
    AppState,
    context::RequestContext,
    error::ParseError,
    query::{self, resolve::Source},
};

/// The store as one caller sees it.
pub struct StoreSource<'a> {
    /// The server's state.
    pub state: &'a AppState,
    /// Who is asking: their ACL rights apply to every object read.
    pub ctx: &'a RequestContext,
}

impl StoreSource<'_> {
    /// Every object of `class` the caller may read. A class that does not
    /// exist is 119 for a client, as Parse Server 9 answers by default, and
    /// empty for the master key.
    pub fn readable(&self, class: &str) -> Result<Vec<Map<String, Value>>, ParseError> {
        let ctx = self.ctx;
        if class == "_User" {
            return Ok(self
                .state
                .store
                .all_users()
                .into_iter()
                .filter(|u| can_read(u.fields.get("ACL"), ctx))
                .map(|u| visible(&u, ctx))
                .collect());
        }
        let objects = match self.state.store.objects(class) {
            Some(objects) => objects,
            None if ctx.is_master => Vec::new(),
            None => return Err(ParseError::permission_denied()),
        };
        Ok(objects
            .into_iter()
            .filter(|o| can_read(o.get("ACL"), ctx))
            .collect())
    }

    /// `constraints` with their subqueries run and replaced.
    pub fn resolve(
        &self,
        constraints: &Map<String, Value>,
    ) -> Result<Map<String, Value>, ParseError> {
        query::resolve::resolve(constraints, self)
    }
}

impl Source for StoreSource<'_> {
    fn find(
        &self,
        class: &str,
        constraints: &Map<String, Value>,
    ) -> Result<Vec<Map<String, Value>>, ParseError> {
        query::validate::validate(constraints)?;
        let constraints = self.resolve(constraints)?;
        let mut found = Vec::new();
        for object in self.readable(class)? {
            if query::eval::matches(&object, &constraints)? {
                found.push(object);
            }
        }
        Ok(found)
    }
}
