//! The daily reminder of requests waiting for a 批复: the upper org's officials hear of it
//! `remind_days_before` days before it is due and the day after it was due (in the app and by
//! e-mail; the SMS went out with the approval link at submission).

use chrono::{Duration, NaiveDate};
use shared::RoleKind;
use shared::rules::requests::RequestRules;

use super::repo;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::jobs::Env;
use crate::notify::reminders::repo::officers;
use crate::notify::send::{self, Notice, Policy, To};

pub fn run(env: &Env) -> Result<(), String> {
    let today = env.clock.today();
    let rules = env.config.request_rules.clone();
    let queued = env.db.write_blocking(|conn| remind(conn, &rules, today)).map_err(|e| e.message)?;
    tracing::info!(queued, %today, "request reminders queued");
    env.wake_outbox();
    Ok(())
}

pub fn remind(conn: &mut DbConnection, rules: &RequestRules, today: NaiveDate) -> Result<usize, ApiError> {
    let policy = Policy::load(conn)?;
    let horizon = today + Duration::days(i64::from(rules.remind_days_before));
    let mut queued = 0;
    for row in repo::awaiting_reply(conn, horizon)? {
        let Some(due) = row.due_on.filter(|d| rules.remind_on(*d, today)) else { continue };
        let body = if due < today {
            format!("《{}》的批复应于 {due} 前作出，已逾期，请及时批复。", row.title)
        } else {
            format!("《{}》的批复应于 {due} 前作出，请及时批复。", row.title)
        };
        let notice =
            Notice { title: "请示待批复".into(), body, link: Some(format!("/requests/{}", row.id)), sms: None };
        let key = format!("request_due:{}:{today}", row.id);
        for kind in [RoleKind::Committee, RoleKind::Department] {
            for (_, user, _, email) in officers(conn, kind, &[row.to_org_id])? {
                let to = To { user: Some(user), sms: None, email: email.then_some(user) };
                queued += send::once(conn, &policy, &key, to, &notice)?;
            }
        }
    }
    Ok(queued)
}
