//! The only diesel code of the HR sync feature.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::api::hr::{ChangeCounts, ChangeKind, FieldChange, JobStatus, SourceKind, SyncJobView, SyncRowView};
use shared::{MembershipStatus, OrgId, OrgKind, OrgStatus};

pub mod connectors;

pub use connectors::*;

use crate::clock::wall_now as now;
use crate::db::schema::{orgs, people, sync_jobs, sync_rows, users};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;
use crate::hr_sync::diff::{DraftRow, Existing, NewPerson, Payload, ScopeOrgs};
use crate::hr_sync::models::{JobRow, NewJob};

pub fn existing_people(conn: &mut DbConnection, scope_path: &str) -> Result<Vec<Existing>, ApiError> {
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let (lo, hi) = subtree_bounds(scope_path);
    let rows: Vec<Row> = people::table
        .inner_join(orgs::table.on(orgs::id.eq(people::org_id)))
        .select((
            people::id,
            people::org_id,
            orgs::path,
            people::name,
            people::id_card_number,
            people::employee_number,
            people::phone,
            people::education,
            people::occupation,
            people::ethnicity,
            people::work_unit,
            people::department,
            people::hr_left_on,
            people::left_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                org_id,
                path,
                name,
                id_card_number,
                employee_number,
                phone,
                education,
                occupation,
                ethnicity,
                work_unit,
                department,
                hr_left_on,
                left_on,
            )| Existing {
                id,
                org_id,
                in_scope: lo <= path && path < hi,
                name,
                id_card_number,
                employee_number,
                phone,
                education,
                occupation,
                ethnicity,
                work_unit,
                department,
                hr_left_on,
                left_on,
            },
        )
        .collect())
}

pub fn scope_orgs(conn: &mut DbConnection, scope_path: &str) -> Result<ScopeOrgs, ApiError> {
    let (lo, hi) = subtree_bounds(scope_path);
    let rows: Vec<(i64, String, String)> = orgs::table
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(orgs::status.eq(OrgStatus::Active.code()))
        .filter(orgs::kind.ne(OrgKind::PartyGroup.code()))
        .select((orgs::id, orgs::name, orgs::kind))
        .load(conn)?;
    let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
    let mut names = HashMap::new();
    for (id, name, _) in rows {
        by_name.entry(name.clone()).or_default().push(id);
        names.insert(id, name);
    }
    Ok(ScopeOrgs { by_name, names })
}

pub fn create_job(conn: &mut DbConnection, job: &NewJob) -> Result<i64, ApiError> {
    Ok(diesel::insert_into(sync_jobs::table).values(job).returning(sync_jobs::id).get_result(conn)?)
}

/// The stored upload a file-import job reads.
pub fn attach_file(conn: &mut DbConnection, job_id: i64, file_id: i64) -> Result<(), ApiError> {
    diesel::update(sync_jobs::table.find(job_id)).set(sync_jobs::file_id.eq(Some(file_id))).execute(conn)?;
    Ok(())
}

pub fn get_job(conn: &mut DbConnection, id: i64) -> Result<JobRow, ApiError> {
    sync_jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("同步任务"))
}

pub fn progress(conn: &mut DbConnection, id: i64, phase: &str, done: i64, total: i64) -> Result<(), ApiError> {
    diesel::update(sync_jobs::table.find(id))
        .set((sync_jobs::phase.eq(phase), sync_jobs::rows_done.eq(done), sync_jobs::rows_total.eq(total)))
        .execute(conn)?;
    Ok(())
}

pub fn finish(
    conn: &mut DbConnection,
    id: i64,
    status: JobStatus,
    phase: &str,
    counts: Option<&ChangeCounts>,
    error: Option<&str>,
) -> Result<(), ApiError> {
    diesel::update(sync_jobs::table.find(id))
        .set((
            sync_jobs::status.eq(status.code()),
            sync_jobs::phase.eq(phase),
            sync_jobs::error_message.eq(error),
            sync_jobs::finished_at.eq(Some(now())),
        ))
        .execute(conn)?;
    if let Some(counts) = counts {
        diesel::update(sync_jobs::table.find(id))
            .set(sync_jobs::counts_json.eq(serde_json::to_string(counts).unwrap_or_default()))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves a job from one status to another only if it is still in `from`: two admins pressing
/// "apply" at once start one apply.
pub fn transition(
    conn: &mut DbConnection,
    id: i64,
    from: JobStatus,
    to: JobStatus,
    phase: &str,
    user_id: Option<i64>,
) -> Result<(), ApiError> {
    // A failed apply may be applied again: it continues after the batches already written.
    let resumable = from == JobStatus::PreviewReady && to == JobStatus::Applying;
    let from_ok = sync_jobs::status.eq(from.code()).or(sync_jobs::status
        .eq(if resumable { JobStatus::Failed.code() } else { from.code() })
        .and(sync_jobs::applied_at.is_not_null()));
    let updated = diesel::update(sync_jobs::table.filter(sync_jobs::id.eq(id).and(from_ok)))
        .set((sync_jobs::status.eq(to.code()), sync_jobs::phase.eq(phase), sync_jobs::rows_done.eq(0)))
        .execute(conn)?;
    if updated != 1 {
        return Err(ApiError::invalid_state("该任务当前状态不能执行此操作（可能已被他人处理）"));
    }
    if to == JobStatus::Applying {
        diesel::update(sync_jobs::table.find(id))
            .set((sync_jobs::applied_by.eq(user_id), sync_jobs::applied_at.eq(Some(now()))))
            .execute(conn)?;
    }
    Ok(())
}

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
                label: super::record::label_of(f).into(),
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

pub fn insert_new_person(
    conn: &mut DbConnection,
    p: &NewPerson,
    gender: &str,
    birth: NaiveDate,
) -> Result<i64, ApiError> {
    let now = now();
    Ok(diesel::insert_into(people::table)
        .values((
            people::name.eq(&p.name),
            people::gender.eq(gender),
            people::ethnicity.eq(p.ethnicity.clone().unwrap_or_else(|| "汉族".into())),
            people::birth_date.eq(birth),
            people::id_card_number.eq(&p.id_card_number),
            people::phone.eq(&p.phone),
            people::education.eq(&p.education),
            people::occupation.eq(&p.occupation),
            people::work_unit.eq(&p.work_unit),
            people::department.eq(&p.department),
            people::employee_number.eq(&p.employee_number),
            people::membership_status.eq(MembershipStatus::Masses.code()),
            people::org_id.eq(p.org_id),
            people::version.eq(1),
            people::created_at.eq(now),
            people::updated_at.eq(now),
        ))
        .returning(people::id)
        .get_result(conn)?)
}

/// Writes HR-owned fields only; the column list is fixed here, so party fields cannot be touched.
pub fn apply_changes(
    conn: &mut DbConnection,
    person_id: i64,
    changes: &[FieldChange],
    today: NaiveDate,
) -> Result<(), ApiError> {
    let target = people::table.find(person_id);
    for change in changes {
        let value = change.new.clone();
        let updated = match change.field.as_str() {
            "name" => diesel::update(target).set(people::name.eq(value.unwrap_or_default())).execute(conn)?,
            "phone" => diesel::update(target).set(people::phone.eq(value)).execute(conn)?,
            "education" => diesel::update(target).set(people::education.eq(value)).execute(conn)?,
            "occupation" => diesel::update(target).set(people::occupation.eq(value)).execute(conn)?,
            "ethnicity" => diesel::update(target).set(people::ethnicity.eq(value.unwrap_or_default())).execute(conn)?,
            "work_unit" => diesel::update(target).set(people::work_unit.eq(value)).execute(conn)?,
            "department" => diesel::update(target).set(people::department.eq(value)).execute(conn)?,
            "employee_number" => diesel::update(target).set(people::employee_number.eq(value)).execute(conn)?,
            "hr_left_on" => {
                let left = (value.as_deref() == Some("已离开单位")).then_some(today);
                diesel::update(target).set(people::hr_left_on.eq(left)).execute(conn)?
            }
            other => return Err(ApiError::internal(format!("unexpected HR field {other}"))),
        };
        if updated != 1 {
            return Err(ApiError::invalid_state(format!("人员记录 {person_id} 已不存在")));
        }
    }
    diesel::update(target)
        .set((people::version.eq(people::version + 1), people::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

pub fn job_view(conn: &mut DbConnection, job: &JobRow) -> Result<SyncJobView, ApiError> {
    let ids: Vec<i64> = job.created_by.iter().chain(job.applied_by.iter()).copied().collect();
    let names: Vec<(i64, String)> =
        users::table.filter(users::id.eq_any(&ids)).select((users::id, users::username)).load(conn)?;
    let name_of = |id: Option<i64>| id.and_then(|id| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()));
    Ok(SyncJobView {
        id: shared::JobId(job.id),
        source_kind: crate::error::stored_code(
            SourceKind::from_code(&job.source_kind),
            "sync_jobs.source_kind",
            &job.source_kind,
        )?,
        source_name: job.source_name.clone(),
        scope_org_id: OrgId(job.scope_org_id),
        status: JobStatus::from_code(&job.status).unwrap_or(JobStatus::Failed),
        phase: job.phase.clone(),
        rows_total: job.rows_total,
        rows_done: job.rows_done,
        counts: serde_json::from_str(&job.counts_json).unwrap_or_default(),
        error_message: job.error_message.clone(),
        created_by: name_of(job.created_by),
        created_at: job.created_at.and_utc(),
        finished_at: job.finished_at.map(|t| t.and_utc()),
        applied_by: name_of(job.applied_by),
        applied_at: job.applied_at.map(|t| t.and_utc()),
    })
}

/// Jobs whose scope org lies under `bounds` (or all), newest first.
pub fn list_jobs(
    conn: &mut DbConnection,
    bounds: Option<(String, String)>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<JobRow>, ApiError> {
    let mut query = sync_jobs::table.order(sync_jobs::id.desc()).limit(limit).select(JobRow::as_select()).into_boxed();
    if let Some((lo, hi)) = bounds {
        query = query.filter(
            sync_jobs::scope_org_id
                .eq_any(orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id)),
        );
    }
    if let Some(before) = before_id {
        query = query.filter(sync_jobs::id.lt(before));
    }
    Ok(query.load(conn)?)
}

pub fn hr_left_on(conn: &mut DbConnection, person_id: i64) -> Result<Option<NaiveDate>, ApiError> {
    Ok(people::table.find(person_id).select(people::hr_left_on).first(conn)?)
}
