//! The consistency check before export (practitioners' audit rules, domain.md §6.1): members
//! are never deleted, committee members are in the member records, dates are in order, 民主评议
//! results are filled in, and the history agrees with the records. Each problem links to the
//! page where it is fixed.

use chrono::{Datelike, NaiveDate};
use shared::api::statistics::{ConsistencyProblem, ConsistencyReport};
use shared::{OrgId, PersonId};

use super::repo::{checks, current};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;

fn person(code: &str, message: String, (id, _, org): &checks::Finding) -> ConsistencyProblem {
    ConsistencyProblem {
        code: code.into(),
        message,
        person_id: Some(PersonId(*id)),
        org_id: Some(OrgId(*org)),
        link: format!("/members/{id}"),
    }
}

pub fn check(conn: &mut DbConnection, org: &OrgRow, on: NaiveDate) -> Result<ConsistencyReport, ApiError> {
    let mut problems = Vec::new();
    // Deleted records are looked for across the institution (they have no org any more).
    for id in checks::deleted_people(conn)? {
        problems.push(ConsistencyProblem {
            code: "person_deleted".into(),
            message: format!("人员记录 #{id} 已被删除（党员只能通过转出、出党等事由减少，不能删除）"),
            person_id: Some(PersonId(id)),
            org_id: None,
            link: format!("/members/{id}"),
        });
    }
    for f in checks::seats_without_member(conn, &org.path)? {
        let message = format!("{}在支委会任职，但不是本组织的在册党员", f.1);
        let mut p = person("committee_member_missing", message, &f);
        p.link = format!("/orgs/{}/committee", f.2);
        problems.push(p);
    }
    for (f, what) in checks::dates_out_of_order(conn, &org.path)? {
        problems.push(person("dates_out_of_order", format!("{}：{what}", f.1), &f));
    }
    for (f, birth, join) in checks::joined_under_age(conn, &org.path)? {
        problems.push(person("joined_under_age", format!("{}：入党日期 {join} 时未满18岁（出生 {birth}）", f.1), &f));
    }
    for f in checks::history_drift(conn, &org.path)? {
        problems.push(person("history_mismatch", format!("{}：组织关系历史与当前记录不一致", f.1), &f));
    }
    let from = NaiveDate::from_ymd_opt(on.year(), 1, 1).expect("valid date");
    for (id, name, meeting) in checks::unrated_reviews(conn, &org.path, (from, on))? {
        problems.push(ConsistencyProblem {
            code: "review_unrated".into(),
            message: format!("{name}：民主评议未填写评定结果"),
            person_id: Some(PersonId(id)),
            org_id: None,
            link: format!("/meetings/{meeting}"),
        });
    }
    let checked_people = current::members_by(conn, &org.path, "people.membership_status")?.iter().map(|(_, n)| n).sum();
    Ok(ConsistencyReport { checked_people, problems })
}
