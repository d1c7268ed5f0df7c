//! Server-wide settings in the `settings` table (key → text, JSON where structured): the
//! check-in secret, the SMS policy, the day alerts were last evaluated.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::settings;
use crate::error::ApiError;

pub fn get(conn: &mut DbConnection, key: &str) -> Result<Option<String>, ApiError> {
    Ok(settings::table.find(key).select(settings::value).first::<String>(conn).optional()?)
}

/// Inserts a setting that must not exist yet (fails on a duplicate key).
pub fn insert(conn: &mut DbConnection, key: &str, value: &str) -> Result<(), ApiError> {
    diesel::insert_into(settings::table).values((settings::key.eq(key), settings::value.eq(value))).execute(conn)?;
    Ok(())
}

/// Sets a setting, creating it when missing.
pub fn put(conn: &mut DbConnection, key: &str, value: &str) -> Result<(), ApiError> {
    let updated = diesel::update(settings::table.find(key)).set(settings::value.eq(value)).execute(conn)?;
    if updated == 0 {
        insert(conn, key, value)?;
    }
    Ok(())
}
