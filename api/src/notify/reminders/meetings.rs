//! The meeting reminder: `meeting_days_before` days ahead, to everyone invited and not excused.

use chrono::{Duration, NaiveDate};
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
    let day = today + Duration::days(rules.meeting_days_before as i64);
    let meetings = repo::meetings_on(conn, day)?;
    if meetings.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = meetings.iter().map(|m| m.0).collect();
    let invited = repo::invited(conn, &ids)?;
    let mut queued = 0;
    for (id, org, topic, starts_at) in &meetings {
        // Meetings are stored in China time.
        let time = starts_at.format("%m月%d日 %H:%M").to_string();
        let notice = Notice {
            title: format!("会议提醒：{topic}"),
            body: format!("{org}的「{topic}」将于 {time} 召开，请准时参加。"),
            link: Some(format!("/meetings/{id}")),
            sms: Some(("meeting_reminder", vec![("topic", topic.clone()), ("time", time.clone())])),
        };
        for (_, person, user) in invited.iter().filter(|(m, _, _)| m == id) {
            let to = send::To { user: *user, sms: Some(*person), email: None };
            queued += send::once(conn, policy, &format!("meeting_reminder:{id}:{person}"), to, &notice)?;
        }
    }
    Ok(queued)
}
