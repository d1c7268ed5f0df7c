//! Demo 减免党费 cases: two in the demo 党支部 secretary's branch (one waiting for the branch,
//! one for the 党委), a few dozen across the institution waiting for their 党委, and some
//! approved (their months follow the reduction).

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::Value;
use shared::RoleKind;
use shared::api::workflow::{EventAction, InstanceStatus, Outcome};
use shared::rules::dues_payment::{add_months, month_of};

use crate::db::DbConnection;
use crate::db::schema::{dues_bases, people, role_assignments, users};
use crate::dues::reduction::process::{BRANCH, COMMITTEE, PROCESS, application};
use crate::error::ApiError;
use crate::workflow::{InstanceState, repo as workflow};

const REASONS: [&str; 4] = [
    "本人患重病长期治疗，家庭收入锐减，申请减交党费",
    "配偶失业、子女上学，家庭生活困难，申请减交党费",
    "遭受自然灾害，房屋损毁，生活困难，申请免交党费",
    "长期病休仅领取基本生活费，申请免交党费",
];

fn event(
    conn: &mut DbConnection,
    id: i64,
    step: i32,
    action: EventAction,
    who: &str,
    comment: &str,
) -> Result<(), ApiError> {
    workflow::record_event(
        conn,
        &workflow::NewEvent {
            instance_id: id,
            step,
            action,
            actor: None,
            actor_name: Some(who),
            comment: Some(comment),
            data: &Value::Null,
        },
    )
}

/// (person, org, name, monthly standard)
type Candidate = (i64, i64, String, i64);

fn case(conn: &mut DbConnection, c: &Candidate, n: usize, stage: i32, current: NaiveDate) -> Result<(), ApiError> {
    let (person, org, name, standard) = c;
    let exempt = n % 4 >= 2;
    let monthly = format!("{}", (standard / 400).max(1));
    let first = shared::rules::dues_payment::fmt_month(if stage > COMMITTEE {
        add_months(current, -2)
    } else {
        add_months(current, 1)
    });
    let record = application(
        if exempt { "exempt" } else { "reduce" },
        Some(&monthly),
        &first,
        None,
        REASONS[n % 4],
        *standard,
        add_months(current, -3),
    )?;
    let (step, status, outcome) = match stage {
        BRANCH => (BRANCH, InstanceStatus::Active, None),
        COMMITTEE => (COMMITTEE, InstanceStatus::Active, None),
        _ => (COMMITTEE + 1, InstanceStatus::Completed, Some(Outcome::Done)),
    };
    let state = InstanceState {
        step,
        status,
        outcome,
        record: record.clone(),
        due_on: None,
        ready_on: None,
        waiting_for: None,
    };
    let id = workflow::create(conn, PROCESS, *person, *org, &state)?;
    event(conn, id, 1, EventAction::Submit, name, "")?;
    if stage >= COMMITTEE {
        event(conn, id, BRANCH, EventAction::Approve, "支部委员会", "经支部委员会研究，情况属实，同意报党委审批")?;
    }
    if stage > COMMITTEE {
        event(conn, id, COMMITTEE, EventAction::Approve, "党委", "同意")?;
        let app: crate::dues::reduction::process::Application = crate::workflow::process::typed(&record)?;
        let first = shared::rules::dues_payment::parse_month(&app.first_month).unwrap_or(current);
        crate::dues::reduction::approve(conn, *person, id, app.monthly_fen, first, None, &app.reason)?;
    }
    Ok(())
}

pub fn insert(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, ApiError> {
    let current = month_of(today);
    let logins: Vec<i64> =
        users::table.filter(users::person_id.is_not_null()).select(users::person_id.assume_not_null()).load(conn)?;
    let branch: Option<i64> = role_assignments::table
        .inner_join(users::table)
        .filter(users::username.eq("zhibu"))
        .filter(role_assignments::kind.eq(RoleKind::Branch.code()))
        .select(role_assignments::org_id)
        .first(conn)
        .optional()?;
    let candidates: Vec<Candidate> = people::table
        .inner_join(dues_bases::table)
        .filter(dues_bases::monthly_fen.gt(100))
        .filter(people::left_on.is_null())
        .filter(people::id.ne_all(logins))
        .order(people::id)
        .select((people::id, people::org_id, people::name, dues_bases::monthly_fen))
        .load(conn)?;
    let mut made = 0;
    for (n, c) in candidates.iter().filter(|c| Some(c.1) == branch).take(2).enumerate() {
        case(conn, c, n, if n == 0 { BRANCH } else { COMMITTEE }, current)?;
        made += 1;
    }
    for (n, c) in candidates.iter().filter(|c| Some(c.1) != branch && c.0 % 211 == 5).enumerate() {
        case(conn, c, n, if n % 3 == 0 { COMMITTEE + 1 } else { COMMITTEE }, current)?;
        made += 1;
    }
    Ok(made)
}
