//! The monthly party-dues reminder, for the dues feature to call from its schedule with the
//! members who have not paid `month` yet: in the app and by SMS (a mandatory text), once per
//! member and month however often it is called.

use chrono::{Datelike, NaiveDate};

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::send::{self, Notice, Policy, To};

pub fn remind_unpaid(conn: &mut DbConnection, month: NaiveDate, unpaid: &[i64]) -> Result<usize, ApiError> {
    let policy = Policy::load(conn)?;
    let label = format!("{}年{}月", month.year(), month.month());
    let notice = Notice {
        title: format!("党费缴纳提醒：{label}"),
        body: format!("您{label}的党费尚未缴纳，请尽快缴纳。"),
        // The dues screens come with the dues feature, which links them here.
        link: None,
        sms: Some(("dues_reminder", vec![("month", label.clone())])),
    };
    let users: std::collections::HashMap<i64, i64> = crate::meetings::repo::users_of(conn, unpaid)?
        .into_iter()
        .filter_map(|(user, person)| Some((person?, user)))
        .collect();
    let mut queued = 0;
    for person in unpaid {
        let key = format!("dues_reminder:{}-{:02}:{person}", month.year(), month.month());
        let to = To { user: users.get(person).copied(), sms: Some(*person), email: None };
        queued += send::once(conn, &policy, &key, to, &notice)?;
    }
    Ok(queued)
}
