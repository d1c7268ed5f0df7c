//! The file store: uploads are streamed to a temporary blob only after the caller's permission
//! was checked, typed by their content, counted against their org's quota, committed together
//! with their row, and served with headers that keep a browser from running them.

pub mod download;
pub mod models;
pub mod quota;
pub mod repo;
pub mod sniff;
pub mod store;
pub mod sweep;
pub mod upload;

pub use sniff::Kind;
pub use store::{FileStore, TempBlob};

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

/// 422 `invalid_file`: a file that is malformed, hostile or over a parsing limit.
pub fn invalid_file(message: String) -> ApiError {
    ApiError::with_fields(
        shared::error::ErrorCode::Validation,
        &message,
        vec![shared::error::FieldError::new("file", "invalid_file", message.clone())],
    )
}

/// Records `temp` as a file of `org_id` inside the caller's transaction (the database backend
/// writes the bytes here too). The local directory gets the blob after the commit, through
/// `FileStore::promote`.
pub fn save(
    conn: &mut DbConnection,
    store: &FileStore,
    temp: &TempBlob,
    org_id: i64,
    actor: &Actor,
) -> Result<models::FileRow, ApiError> {
    save_for(conn, store, temp, org_id, Some(actor.user_id.0))
}

/// `save` for a file a background job made on someone's behalf.
pub fn save_for(
    conn: &mut DbConnection,
    store: &FileStore,
    temp: &TempBlob,
    org_id: i64,
    created_by: Option<i64>,
) -> Result<models::FileRow, ApiError> {
    quota::check(conn, org_id, temp.size, store.quota_bytes_per_org())?;
    store.stage(conn, temp)?;
    repo::insert(
        conn,
        &models::NewFile {
            sha256: &temp.sha256,
            size_bytes: temp.size,
            media_type: temp.kind.media_type(),
            org_id,
            created_by,
            created_at: crate::clock::wall_now(),
        },
    )
}
