//! Finds as one caller sees them: the objects of a class (its users, for
//! `_User`) that the caller's ACL lets it read, through the store's planner.
//! Subqueries run here too ([`query::resolve::Source`]), as the same caller.

use serde_json::{Map, Value};

use super::{
    can_read, include::Projection, permissions::ClassPermissions, relations::resolve_related_to,
    users::hide_linked_accounts,
};
use crate::{
    AppState,
    class_permissions::Operation,
    context::RequestContext,
    error::ParseError,
    query::{self, Query, resolve::Source},
    store::{SESSION_CLASS, USER_CLASS, find::Found},
};

/// The store as one caller sees it.
pub struct StoreSource<'a> {
    /// The server's state.
    pub state: &'a AppState,
    /// Who is asking: their ACL rights apply to every object read.
    pub ctx: &'a RequestContext,
}

impl StoreSource<'_> {
    /// The answer of a find: `$relatedTo` and subqueries resolved, the page
    /// found, each result shaped by `include`, `keys` and `excludeKeys` (as
    /// a single object is), and `{"results": …}` with `count` when asked.
    pub fn answer(&self, class: &str, mut query: Query) -> Result<Value, ParseError> {
        resolve_related_to(self.state, self.ctx, &mut query.constraints)?;
        query.constraints = self.resolve(&query.constraints)?;
        let projection = Projection::take_from(&mut query);
        let (page, total) = self.page(class, &query)?;
        let results = page
            .into_iter()
            .map(|o| projection.apply(self.state, self.ctx, o))
            .collect::<Result<_, _>>()?;
        Ok(query::results(results, query.count.then_some(total)))
    }

    /// The page of `query` over `class` and the number of matches. A class
    /// that does not exist is 119 for a client, as Parse Server 9 answers
    /// by default, and empty for the master key. The class's permissions
    /// apply: `find` (unless only counting, with `limit=0`) and `count`
    /// (when counting), their pointer permissions, and its protected
    /// fields, which a query may not name and the results do not show.
    /// Users keep their linked accounts to themselves.
    pub fn page(&self, class: &str, query: &Query) -> Result<Found, ParseError> {
        let ctx = self.ctx;
        let sessions = class == SESSION_CLASS;
        if sessions {
            super::sessions::require_caller(ctx)?;
        }
        let permissions = ClassPermissions::of(self.state, ctx, class);
        let mut accesses = Vec::new();
        if let Some(p) = &permissions {
            if query.limit != 0 || !query.count {
                accesses.push(p.check(Operation::Find)?);
            }
            if query.count {
                accesses.push(p.check(Operation::Count)?);
            }
            p.check_query(query)?;
        }
        let found = self.state.store.find(class, query, |o| {
            let granted = permissions
                .as_ref()
                .is_none_or(|p| accesses.iter().all(|a| p.grants(a, o)));
            granted
                && can_read(o.field("ACL"), ctx)
                && (!sessions || super::sessions::may_read(o, ctx))
        })?;
        let (mut page, total) = match found {
            Some(found) => found,
            None if ctx.is_master => (Vec::new(), 0),
            None => return Err(ParseError::permission_denied()),
        };
        if class == USER_CLASS {
            page.iter_mut().for_each(|u| hide_linked_accounts(u, ctx));
        }
        if let Some(p) = &permissions {
            page.iter_mut().for_each(|o| p.hide_protected(o));
        }
        if sessions {
            page.iter_mut()
                .for_each(|s| super::sessions::hide_other_token(s, ctx));
        }
        Ok((page, total))
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
        let query = Query::matching(self.resolve(constraints)?);
        Ok(self.page(class, &query)?.0)
    }
}
