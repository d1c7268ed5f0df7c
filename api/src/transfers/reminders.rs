//! The daily `transfer_reminders` schedule: a letter or a stay away ending in
//! `remind_days_before` days (to the member and the branch), a 回执 past due and a case open
//! past `overdue_months` (to the sending branch). Each fires once per case and occasion.

use chrono::{Duration, Months, NaiveDate};
use shared::RoleKind;
use shared::api::transfers::Awaiting;
use shared::rules::transfers::TransferRules;

use super::notices::{tell_member, tell_officials};
use super::repo;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::jobs::Env;
use crate::notify::send::{Notice, Policy};

pub fn run(env: &Env) -> Result<(), String> {
    let today = env.clock.today();
    let rules = env.config.transfer_rules.clone();
    let queued = env.db.write_blocking(|conn| remind(conn, &rules, today)).map_err(|e| e.message)?;
    tracing::info!(queued, %today, "transfer reminders queued");
    env.wake_outbox();
    Ok(())
}

pub fn remind(conn: &mut DbConnection, rules: &TransferRules, today: NaiveDate) -> Result<usize, ApiError> {
    let policy = Policy::load(conn)?;
    let ahead = today + Duration::days(rules.remind_days_before as i64);
    let old = today.checked_sub_months(Months::new(rules.overdue_months)).unwrap_or(today);
    let mut queued = 0;
    for row in repo::due_or_old(conn, ahead, old)? {
        let name = if row.secret {
            "一项组织关系转接".to_string()
        } else {
            format!("{}的组织关系转接", row.person_name)
        };
        let link = Some(format!("/transfers/{}", row.id));
        let branch = match row.awaiting()? {
            Awaiting::Receiving => row.to_org_id,
            _ => row.from_org_id,
        };
        let mut occasions: Vec<(String, String)> = Vec::new();
        if let Some(due) = row.due_on {
            match row.awaiting()? {
                Awaiting::Receipt if due < today => {
                    occasions.push((
                        format!("receipt_overdue:{due}"),
                        format!("{name}回执应于 {due} 前寄回，已逾期，请与接收单位联系。"),
                    ));
                }
                Awaiting::Receipt if due == ahead => {
                    occasions.push((format!("receipt_due:{due}"), format!("{name}回执应于 {due} 前寄回。")));
                }
                Awaiting::Away if due == ahead => {
                    occasions.push((
                        format!("away_ends:{due}"),
                        format!("{name}外出证明将于 {due} 到期，请确认返回或续开。"),
                    ));
                    queued += tell_member(
                        conn,
                        &policy,
                        &row,
                        &format!("transfer_away_ends:{}:{due}", row.id),
                        format!("您的外出证明将于 {due} 到期。"),
                        "即将到期",
                    )?;
                }
                _ => {}
            }
        }
        if row.started_on < old {
            occasions.push((
                "overdue".into(),
                format!(
                    "{name}自 {} 开始，已超过{}个月未办结，请核实原因（无正当理由的按自行脱党处理）。",
                    row.started_on, rules.overdue_months
                ),
            ));
        }
        for (occasion, body) in occasions {
            let notice = Notice { title: "组织关系转接提醒".into(), body, link: link.clone(), sms: None };
            if let Some(org) = branch {
                let key = format!("transfer_{occasion}:{}", row.id);
                queued += tell_officials(conn, &policy, RoleKind::Branch, org, &key, &notice)?;
            }
        }
    }
    for letter in repo::letters::expiring_on(conn, ahead)? {
        let row = repo::get(conn, letter.transfer_id)?;
        if row.awaiting()? == Awaiting::Receipt {
            let body = format!("您的组织关系介绍信将于 {} 到期，请尽快到接收单位报到。", letter.valid_until);
            queued += tell_member(
                conn,
                &policy,
                &row,
                &format!("transfer_letter_expiring:{}", letter.id),
                body,
                "介绍信即将到期",
            )?;
        }
    }
    Ok(queued)
}
