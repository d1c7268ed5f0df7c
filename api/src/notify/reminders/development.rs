//! Member development: deadlines of the current step (谈话 within a month, half-year reviews,
//! the 3-month approval window, the end of probation) `development_days_before` days ahead and
//! on the day, and the end of a waiting period (one year as 积极分子, 公示) on the day it ends.
//! To the branch's officers: one in-app notice per case, one SMS per branch and day.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use shared::RoleKind;
use shared::rules::reminders::ReminderRules;

use super::repo;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::send::{self, Notice, Policy};

pub fn remind(
    conn: &mut DbConnection,
    policy: &Policy,
    rules: &ReminderRules,
    today: NaiveDate,
) -> Result<usize, ApiError> {
    let ahead = today + Duration::days(rules.development_days_before as i64);
    let cases = repo::development_due(conn, today, ahead)?;
    if cases.is_empty() {
        return Ok(0);
    }
    let mut orgs: Vec<i64> = cases.iter().map(|c| c.1).collect();
    orgs.sort_unstable();
    orgs.dedup();
    let officers = repo::officers(conn, RoleKind::Branch, &orgs)?;
    // Per branch: its name, the cases announced today and their earliest deadline.
    let mut per_branch: BTreeMap<i64, (String, usize, NaiveDate)> = BTreeMap::new();
    let mut queued = 0;
    for (id, org, org_name, person, step, due_on, ready_on) in &cases {
        let step_name = crate::development::steps::name_of(*step);
        let (occasion, text, date) = match (due_on, ready_on) {
            (Some(due), _) if *due == ahead || *due == today => {
                let occasion = if *due == today { "due_today" } else { "due_soon" };
                (occasion, format!("{person}的「{step_name}」须于{}前办理。", due.format("%Y年%m月%d日")), *due)
            }
            (_, Some(ready)) if *ready == today => {
                ("ready", format!("{person}已满足「{step_name}」的时间条件，可以办理。"), *ready)
            }
            _ => continue,
        };
        let key = format!("development_{occasion}:{id}:{step}:{date}");
        let notice = Notice {
            title: format!("发展党员工作提醒：{person}"),
            body: text,
            link: Some(format!("/development/cases/{id}")),
            sms: None,
        };
        for (_, user, _, email) in officers.iter().filter(|o| o.0 == *org) {
            let to = send::To { user: Some(*user), sms: None, email: email.then_some(*user) };
            queued += send::once(conn, policy, &key, to, &notice)?;
        }
        let entry = per_branch.entry(*org).or_insert((org_name.clone(), 0, date));
        entry.1 += 1;
        entry.2 = entry.2.min(date);
    }
    for (org, (name, count, date)) in per_branch {
        let date = date.format("%m月%d日").to_string();
        let sms = Notice {
            title: String::new(),
            body: String::new(),
            link: None,
            sms: Some(("development_due", vec![("org", name), ("count", count.to_string()), ("date", date)])),
        };
        for (_, _, person, _) in officers.iter().filter(|o| o.0 == org) {
            let to = send::To { sms: *person, ..send::To::default() };
            queued += send::once(conn, policy, &format!("development_due:{org}:{today}"), to, &sms)?;
        }
    }
    Ok(queued)
}
