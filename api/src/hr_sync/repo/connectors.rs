//! Queries of HR connectors and their nightly schedule.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::hr_connectors;
use crate::error::ApiError;
use crate::hr_sync::models::{ConnectorFields, ConnectorRow};

pub fn connector(conn: &mut DbConnection, id: i64) -> Result<ConnectorRow, ApiError> {
    hr_connectors::table
        .find(id)
        .select(ConnectorRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("人事系统连接"))
}

pub fn connectors(conn: &mut DbConnection) -> Result<Vec<ConnectorRow>, ApiError> {
    Ok(hr_connectors::table.order(hr_connectors::id).select(ConnectorRow::as_select()).load(conn)?)
}

/// Inserts a connector; `sealed_secret` is the already encrypted auth value.
pub fn insert_connector(
    conn: &mut DbConnection,
    fields: &ConnectorFields,
    sealed_secret: Option<&str>,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(hr_connectors::table)
        .values((
            fields,
            hr_connectors::auth_header_value.eq(sealed_secret),
            hr_connectors::created_at.eq(now),
            hr_connectors::updated_at.eq(now),
        ))
        .returning(hr_connectors::id)
        .get_result(conn)?)
}

pub fn update_connector(
    conn: &mut DbConnection,
    id: i64,
    fields: &ConnectorFields,
    sealed_secret: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(hr_connectors::table.find(id))
        .set((fields, hr_connectors::auth_header_value.eq(sealed_secret), hr_connectors::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Connectors whose nightly hour has come (at China `hour`) and that have not run on `today`.
pub fn connectors_due(conn: &mut DbConnection, hour: u32, today: NaiveDate) -> Result<Vec<i64>, ApiError> {
    Ok(hr_connectors::table
        .filter(hr_connectors::schedule_hour.le(hour as i32))
        .filter(hr_connectors::last_scheduled_on.is_null().or(hr_connectors::last_scheduled_on.lt(today)))
        .select(hr_connectors::id)
        .load(conn)?)
}

/// Marks a connector as run on `today`; false when another instance marked it first.
pub fn mark_scheduled(conn: &mut DbConnection, connector_id: i64, today: NaiveDate) -> Result<bool, ApiError> {
    let marked = diesel::update(
        hr_connectors::table
            .find(connector_id)
            .filter(hr_connectors::last_scheduled_on.is_null().or(hr_connectors::last_scheduled_on.lt(today))),
    )
    .set(hr_connectors::last_scheduled_on.eq(Some(today)))
    .execute(conn)?;
    Ok(marked == 1)
}
