//! Committee terms: 6, 3 and 1 months before a term ends and monthly while it is overdue, to the
//! branch's secretary (党支部 role holders), the 党委 above it and the 政工部门.

use chrono::NaiveDate;
use shared::RoleKind;
use shared::rules::reminders::{ReminderRules, TermOccasion, term_end, term_occasion};

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
    let due: Vec<_> = repo::orgs_with_terms(conn)?
        .into_iter()
        .filter_map(|(id, parent, name, start, years)| {
            let end = term_end(start, years)?;
            term_occasion(rules, end, today).map(|occasion| (id, parent, name, end, occasion))
        })
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let own: Vec<i64> = due.iter().map(|d| d.0).collect();
    let parents: Vec<i64> = due.iter().filter_map(|d| d.1).collect();
    let mut officers = repo::officers(conn, RoleKind::Branch, &own)?;
    officers.extend(repo::officers(conn, RoleKind::Committee, &own)?);
    let above = repo::officers(conn, RoleKind::Committee, &parents)?;
    let department = crate::notify::repo::department_users(conn)?;
    let mut queued = 0;
    for (id, parent, name, end, occasion) in &due {
        let date = end.format("%Y年%m月%d日").to_string();
        let (title, body, template) = match occasion {
            TermOccasion::Before(months) => (
                format!("换届提醒：{name}"),
                format!("{name}的任期将于{date}届满（还有不到{months}个月），请及时做好按期换届选举工作。"),
                "term_expiring",
            ),
            TermOccasion::Overdue(_) => (
                format!("换届逾期：{name}"),
                format!("{name}的任期已于{date}届满，请尽快组织换届选举；延期须报上级党组织批准。"),
                "term_overdue",
            ),
        };
        let key = format!("{template}:{id}:{end}:{}", occasion.key());
        let link = format!("/orgs/{id}/committee");
        // The branch's own officers get the SMS; those above get the in-app notice.
        let with_sms = Notice {
            title: title.clone(),
            body: body.clone(),
            link: Some(link.clone()),
            sms: Some((template, vec![("org", name.clone()), ("date", date.clone())])),
        };
        for (_, user, person, email) in officers.iter().filter(|o| o.0 == *id) {
            let to = send::To { user: Some(*user), sms: *person, email: email.then_some(*user) };
            queued += send::once(conn, policy, &key, to, &with_sms)?;
        }
        let in_app = Notice { title, body, link: Some(link), sms: None };
        let upper = above.iter().filter(|o| Some(o.0) == *parent).map(|o| (o.1, o.3));
        let mut users: Vec<(i64, bool)> = upper.chain(department.iter().map(|d| (*d, false))).collect();
        users.sort_unstable();
        users.dedup_by_key(|u| u.0);
        for (user, email) in users {
            let to = send::To { user: Some(user), sms: None, email: email.then_some(user) };
            queued += send::once(conn, policy, &key, to, &in_app)?;
        }
    }
    Ok(queued)
}
