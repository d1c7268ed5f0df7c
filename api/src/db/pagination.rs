//! Keyset pagination: a cursor is the opaque form of the last id of a page.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use shared::api::page::{DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT};
use shared::api::{Page, PageQuery};

use crate::error::ApiError;

pub const DEFAULT_LIMIT: i64 = DEFAULT_PAGE_LIMIT;
pub const MAX_LIMIT: i64 = MAX_PAGE_LIMIT;

pub fn clamp_limit(limit: Option<i64>) -> i64 {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// A list query's page, checked: the clamped limit and the id after which (or before which,
/// for newest-first lists) the page starts.
#[derive(Debug, Clone, Copy)]
pub struct Keyset {
    pub limit: i64,
    pub after: Option<i64>,
}

impl Keyset {
    pub fn of(query: &PageQuery) -> Result<Keyset, ApiError> {
        Ok(Keyset { limit: clamp_limit(query.limit), after: decode_cursor(query.cursor.as_deref())? })
    }

    /// How many rows to fetch: one more than the page, to know whether another page follows.
    pub fn fetch(self) -> i64 {
        self.limit + 1
    }

    /// Cuts `fetch()` rows down to the page and its next cursor.
    pub fn page<T>(self, rows: Vec<T>, id_of: impl Fn(&T) -> i64) -> Page<T> {
        let (items, next_cursor) = page(rows, self.limit, id_of);
        Page::new(items, next_cursor)
    }
}

pub fn encode_cursor(last_id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("id:{last_id}"))
}

pub fn decode_cursor(cursor: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else { return Ok(None) };
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("id:").and_then(|id| id.parse().ok()))
        .map(Some)
        .ok_or_else(|| ApiError::bad_request("cursor", "分页游标无效，请从第一页重新加载"))
}

/// Given `limit + 1` rows fetched, returns the page and the cursor for the next one.
pub fn page<T>(mut rows: Vec<T>, limit: i64, id_of: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = if more { rows.last().map(|r| encode_cursor(id_of(r))) } else { None };
    (rows, next)
}
