//! The person events the statistics count (预备党员转正情况, domain.md §6.1: by the upper
//! organisation's approval): 按期转正, 延长预备期后转正, 延长预备期, 取消预备党员资格, each
//! dated by the approval and recorded with the org that holds the relationship.

use chrono::NaiveDate;
use shared::api::workflow::Outcome;

use super::process::case_record;
use super::steps::{ARCHIVE, FULL_APPROVAL, PROBATION_EDUCATION};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::statistics::report::{CANCELLED, EXTENDED, FULL_AFTER_EXTENSION, FULL_ON_TIME};
use crate::workflow::process::{Record, Transition};

/// The event a step's transition means, if any: (kind, reason).
pub fn milestone(step: i32, transition: &Transition, record: &Record) -> Option<(&'static str, &'static str)> {
    if step != FULL_APPROVAL {
        return None;
    }
    match transition {
        Transition::Advance(ARCHIVE) if case_record(record).extension_months.unwrap_or(0) > 0 => {
            Some((FULL_AFTER_EXTENSION, "延长预备期后转为正式党员"))
        }
        Transition::Advance(ARCHIVE) => Some((FULL_ON_TIME, "按期转为正式党员")),
        Transition::Advance(PROBATION_EDUCATION) => Some((EXTENDED, "延长预备期")),
        Transition::End(Outcome::ProbationCancelled) => Some((CANCELLED, "取消预备党员资格")),
        _ => None,
    }
}

/// Records the milestone of the step, dated by the committee's approval.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    person: i64,
    (step, transition, record): (i32, &Transition, &Record),
    today: NaiveDate,
) -> Result<(), ApiError> {
    let Some((kind, reason)) = milestone(step, transition, record) else {
        return Ok(());
    };
    let approved = record
        .get("full_approved_on")
        .and_then(|v| v.as_str())
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .unwrap_or(today);
    let org = crate::members::repo::get(conn, person)?.org_id;
    crate::members::repo::insert_event(
        conn,
        &crate::members::models::NewPersonEvent {
            person_id: person,
            event_kind: kind,
            leave_kind: None,
            on_date: approved,
            reason,
            from_org_id: Some(org),
            to_org_id: Some(org),
            recorded_by: Some(actor.user_id.0),
            created_at: crate::clock::wall_now(),
        },
    )
}
