//! Queries of preview rows: saved in batches, listed, and picked for applying.

use diesel::prelude::*;
use shared::api::hr::{ChangeKind, FieldChange, SyncRowView};

use crate::db::DbConnection;
use crate::db::schema::sync_rows;
use crate::error::ApiError;
use crate::hr_sync::diff::{DraftRow, Payload};

type RowTuple = (i64, i64, String, Option<i64>, Option<String>, Option<String>, String, bool);

fn row_values(job_id: i64, row: &DraftRow) -> RowTuple {
    (
        0,
        job_id,
        row.kind.code().to_string(),
        row.person_id,
        row.name.clone(),
        row.employee_number.clone(),
        serde_json::to_string(&row.payload).unwrap_or_default(),
        false,
    )
}

/// Saves the preview rows in chunks; batch inserts need the concrete backend (MultiConnection
/// cannot batch), so this is one of the named backend-specific places.
pub fn insert_rows(conn: &mut DbConnection, job_id: i64, rows: &[DraftRow]) -> Result<(), ApiError> {
    for chunk in rows.chunks(500) {
        let values = || -> Vec<_> {
            chunk
                .iter()
                .map(|row| {
                    let (_, job, kind, person, name, number, payload, applied) = row_values(job_id, row);
                    (
                        sync_rows::job_id.eq(job),
                        sync_rows::row_number.eq(row.row_number),
                        sync_rows::change_kind.eq(kind),
                        sync_rows::person_id.eq(person),
                        sync_rows::name.eq(name),
                        sync_rows::employee_number.eq(number),
                        sync_rows::payload_json.eq(payload),
                        sync_rows::applied.eq(applied),
                    )
                })
                .collect()
        };
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(sync_rows::table).values(values()).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(sync_rows::table).values(values()).execute(c)?,
        };
    }
    Ok(())
}

pub type StoredRow = (i64, i64, String, Option<i64>, Option<String>, Option<String>, String, bool);

fn stored_select() -> (
    sync_rows::id,
    sync_rows::row_number,
    sync_rows::change_kind,
    sync_rows::person_id,
    sync_rows::name,
    sync_rows::employee_number,
    sync_rows::payload_json,
    sync_rows::applied,
) {
    (
        sync_rows::id,
        sync_rows::row_number,
        sync_rows::change_kind,
        sync_rows::person_id,
        sync_rows::name,
        sync_rows::employee_number,
        sync_rows::payload_json,
        sync_rows::applied,
    )
}

pub fn row_view(row: &StoredRow) -> SyncRowView {
    let payload: Payload = serde_json::from_str(&row.6).unwrap_or_default();
    let changes: Vec<FieldChange> = match &payload.new_person {
        Some(p) => [
            ("name", Some(&p.name)),
            ("id_card_number", Some(&p.id_card_number)),
            ("employee_number", p.employee_number.as_ref()),
            ("phone", p.phone.as_ref()),
            ("department", p.department.as_ref()),
        ]
        .into_iter()
        .filter_map(|(f, v)| {
            v.map(|v| FieldChange {
                field: f.into(),
                label: crate::hr_sync::record::label_of(f).into(),
                old: None,
                new: Some(v.clone()),
            })
        })
        .collect(),
        None => payload.changes,
    };
    SyncRowView {
        id: row.0,
        row_number: row.1,
        kind: ChangeKind::from_code(&row.2).unwrap_or(ChangeKind::Invalid),
        person_id: row.3.map(shared::PersonId),
        name: row.4.clone(),
        employee_number: row.5.clone(),
        changes,
        problems: payload.problems,
    }
}

pub fn list_rows(
    conn: &mut DbConnection,
    job_id: i64,
    kind: Option<ChangeKind>,
    after_id: Option<i64>,
    limit: i64,
) -> Result<Vec<StoredRow>, ApiError> {
    let mut query = sync_rows::table
        .filter(sync_rows::job_id.eq(job_id))
        .order(sync_rows::id)
        .limit(limit)
        .select(stored_select())
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(sync_rows::change_kind.eq(kind.code()));
    }
    if let Some(after) = after_id {
        query = query.filter(sync_rows::id.gt(after));
    }
    Ok(query.load(conn)?)
}

/// The next rows that applying would write.
/// Rows that applying writes: conflicts and invalid rows are only listed, never applied.
const APPLIED_KINDS: [ChangeKind; 3] = [ChangeKind::New, ChangeKind::Changed, ChangeKind::LeftUnit];

pub fn pending_rows(conn: &mut DbConnection, job_id: i64, limit: i64) -> Result<Vec<StoredRow>, ApiError> {
    let kinds = APPLIED_KINDS.map(|k| k.code());
    Ok(sync_rows::table
        .filter(
            sync_rows::job_id.eq(job_id).and(sync_rows::applied.eq(false)).and(sync_rows::change_kind.eq_any(kinds)),
        )
        .order(sync_rows::id)
        .limit(limit)
        .select(stored_select())
        .load(conn)?)
}

pub fn count_pending(conn: &mut DbConnection, job_id: i64) -> Result<i64, ApiError> {
    let kinds = APPLIED_KINDS.map(|k| k.code());
    Ok(sync_rows::table
        .filter(
            sync_rows::job_id.eq(job_id).and(sync_rows::applied.eq(false)).and(sync_rows::change_kind.eq_any(kinds)),
        )
        .count()
        .get_result(conn)?)
}

pub fn mark_applied(conn: &mut DbConnection, row_id: i64) -> Result<(), ApiError> {
    diesel::update(sync_rows::table.find(row_id)).set(sync_rows::applied.eq(true)).execute(conn)?;
    Ok(())
}
