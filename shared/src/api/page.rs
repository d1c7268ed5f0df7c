//! One page of a list, the paging half of every list query, and the parsing that query
//! strings need (they carry every value as text).

use std::fmt::Display;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// Page size when the query gives none.
pub const DEFAULT_PAGE_LIMIT: i64 = 50;
/// Largest page a list returns; larger `limit`s are clamped to it.
pub const MAX_PAGE_LIMIT: i64 = 200;

/// One page of a list, in a stable order (keyset pagination).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Number of records matching the filters, for the lists that count them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, next_cursor: Option<String>) -> Page<T> {
        Page { items, next_cursor, total: None }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next_cursor: self.next_cursor, total: self.total }
    }
}

/// `limit` and `cursor`, flattened into every list query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PageQuery {
    /// Page size, clamped to 1–200 (default 50).
    #[serde(default, deserialize_with = "from_text", skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl PageQuery {
    pub fn first(limit: i64) -> PageQuery {
        PageQuery { limit: Some(limit), cursor: None }
    }

    pub fn after(limit: i64, cursor: Option<String>) -> PageQuery {
        PageQuery { limit: Some(limit), cursor }
    }
}

/// Reads an optional number, boolean or id given either as itself (JSON) or as text (a query
/// string, where `#[serde(flatten)]` hands every value over as a string). Empty text is none.
pub fn from_text<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + Deserialize<'de>,
    T::Err: Display,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw<T> {
        Text(String),
        Value(T),
    }
    match Option::<Raw<T>>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Raw::Text(text)) if text.trim().is_empty() => Ok(None),
        Some(Raw::Text(text)) => text.trim().parse().map(Some).map_err(serde::de::Error::custom),
        Some(Raw::Value(value)) => Ok(Some(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OrgId;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Query {
        #[serde(default, deserialize_with = "from_text", skip_serializing_if = "Option::is_none")]
        org_id: Option<OrgId>,
        #[serde(default, deserialize_with = "from_text", skip_serializing_if = "Option::is_none")]
        include_left: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        q: Option<String>,
        #[serde(flatten)]
        page: PageQuery,
    }

    #[test]
    fn flattened_query_round_trips_through_a_query_string() {
        let query = Query {
            org_id: Some(OrgId(7)),
            include_left: Some(true),
            q: Some("王".into()),
            page: PageQuery::after(30, Some("aWQ6MQ".into())),
        };
        let text = serde_urlencoded::to_string(&query).unwrap();
        assert_eq!(serde_urlencoded::from_str::<Query>(&text).unwrap(), query);
        let empty: Query = serde_urlencoded::from_str("org_id=&limit=").unwrap();
        assert_eq!(empty, Query { org_id: None, include_left: None, q: None, page: PageQuery::default() });
        assert!(serde_urlencoded::from_str::<Query>("limit=99999999999999999999").is_err());
        assert!(serde_urlencoded::from_str::<Query>("org_id=abc").is_err());
    }

    #[test]
    fn numbers_in_json_are_read_as_numbers() {
        let query: Query = serde_json::from_str(r#"{"org_id": 3, "limit": 5}"#).unwrap();
        assert_eq!(query.org_id, Some(OrgId(3)));
        assert_eq!(query.page.limit, Some(5));
    }
}
