//! The demo institution's year for the statistics: 转正 (on time, after an extension), 延长预备期,
//! members who left (出党, 死亡, 失联), moves between branches, and 民主评议 results, all through
//! the same repo functions as the product, so the history behind the reports is complete.

use chrono::{Datelike, Days, NaiveDate};
use shared::LeaveKind;

use super::repo::history as repo;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::members::models::NewPersonEvent;
use crate::members::repo as members;
use crate::statistics::report::{EXTENDED, FULL_AFTER_EXTENSION, FULL_ON_TIME};

fn event<'a>(
    person: i64,
    kind: &'a str,
    on: NaiveDate,
    reason: &'a str,
    from: i64,
    to: Option<i64>,
) -> NewPersonEvent<'a> {
    NewPersonEvent {
        person_id: person,
        event_kind: kind,
        leave_kind: None,
        on_date: on,
        reason,
        from_org_id: Some(from),
        to_org_id: to,
        recorded_by: None,
        created_at: now(),
    }
}

pub fn insert(conn: &mut DbConnection, today: NaiveDate) -> Result<(), ApiError> {
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("valid date");
    let people = repo::members(conn)?;
    // 转正 this year, recorded on the 转正 date; every eighth after an extended probation.
    for (n, (id, org, _, _, full)) in people.iter().enumerate() {
        if let Some(full) = full.filter(|f| *f >= year_start && *f <= today) {
            let (kind, reason) = if n % 8 == 0 {
                (FULL_AFTER_EXTENSION, "延长预备期后转为正式党员")
            } else {
                (FULL_ON_TIME, "按期转为正式党员")
            };
            members::insert_event(conn, &event(*id, kind, full, reason, *org, Some(*org)))?;
        }
    }
    // A few 预备党员 whose probation was extended this year.
    let probationary = people.iter().filter(|p| p.2 == "probationary").step_by(40).take(6);
    for (i, (id, org, ..)) in probationary.enumerate() {
        let on = year_start + Days::new(40 + 30 * i as u64);
        members::insert_event(conn, &event(*id, EXTENDED, on.min(today), "延长预备期", *org, Some(*org)))?;
    }
    // Members who left this year, spread over the months.
    let leaving = [
        (LeaveKind::Deceased, "病故"),
        (LeaveKind::Deceased, "病故"),
        (LeaveKind::Deceased, "因病去世"),
        (LeaveKind::Withdrawal, "本人申请退党"),
        (LeaveKind::Removal, "丧失党员条件，予以除名"),
        (LeaveKind::Removal, "长期不参加组织生活，予以除名"),
        (LeaveKind::Expulsion, "严重违纪，开除党籍"),
        (LeaveKind::LostContact, "失去联系超过六个月"),
    ];
    let formal: Vec<_> = people.iter().filter(|p| p.2 == "formal").collect();
    for (i, (kind, reason)) in leaving.iter().enumerate() {
        let (id, org, ..) = formal[(i * 997 + 13) % formal.len()];
        let on = (year_start + Days::new(25 + 33 * i as u64)).min(today);
        let before = members::get(conn, *id)?;
        members::record_leave(conn, *id, before.version, kind.code(), on, reason)?;
        let mut e = event(*id, "leave", on, reason, *org, None);
        e.leave_kind = Some(kind.code());
        members::insert_event(conn, &e)?;
    }
    // Moves between branches (工作调动) earlier in the year.
    let branches = repo::branches(conn)?;
    for i in 0..24 {
        let (id, org, ..) = formal[(i * 613 + 101) % formal.len()];
        let to = branches[(i * 37 + 5) % branches.len()];
        let before = members::get(conn, *id)?;
        if to == *org || before.left_on.is_some() {
            continue;
        }
        let on = (year_start + Days::new(15 + 13 * i as u64)).min(today);
        members::move_to(conn, *id, before.version, to, None)?;
        members::insert_event(conn, &event(*id, "move", on, "工作调动", *org, Some(to)))?;
    }
    repo::rate_reviews(conn)?;
    Ok(())
}
