//! Demo 组织关系转接, made through the real service as the demo officials would have done
//! them: in the demo secretary's branch one case waiting for the branch (待我审批), one for the
//! 党委, one waiting for a branch of another 党委 to accept (the 政工部门's 待接收), one done, a
//! letter out whose 回执 is overdue, an incoming letter to accept, and a member away with a 证明信.

use chrono::{Duration, NaiveDate};
use serde_json::json;
use shared::RoleKind;
use shared::api::development::StepRequest;
use shared::api::members::MemberFields;
use shared::api::transfers::{FlowDocument, IncomingLetter, StartTransfer, TransferKind};
use shared::rules::dues_payment::month_of;
use shared::rules::transfers::TransferRules;
use shared::{MembershipStatus, OrgId, PersonId};

use super::repo::transfers as repo;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::transfers::{incoming, service};

fn start(kind: TransferKind, person: i64, to_org: Option<i64>, to_unit: Option<&str>, reason: &str) -> StartTransfer {
    StartTransfer {
        kind,
        person_id: Some(PersonId(person)),
        to_org_id: to_org.map(OrgId),
        to_unit: to_unit.map(str::to_string),
        reason: reason.into(),
        secret: false,
        document: None,
        away_from: None,
        away_until: None,
    }
}

/// Does the case's current step as `actor` on `day`, with `data`.
fn step(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    day: NaiveDate,
    id: i64,
    data: serde_json::Value,
) -> Result<(), ApiError> {
    let detail = crate::transfers::views::detail(conn, actor, rules, day, id)?;
    let request = StepRequest {
        version: detail.transfer.version,
        data: data.as_object().cloned().unwrap_or_default(),
        decision: None,
        comment: Some("同意".into()),
    };
    service::act_only(conn, actor, rules, day, id, detail.transfer.step, &request)
}

pub fn insert(conn: &mut DbConnection, today: NaiveDate) -> Result<usize, ApiError> {
    let rules = TransferRules::default();
    let (Some(zhibu), Some(dangwei)) =
        (repo::actor(conn, "zhibu", RoleKind::Branch)?, repo::actor(conn, "dangwei", RoleKind::Committee)?)
    else {
        return Ok(0);
    };
    let home = zhibu.role.org_id.0;
    let earlier = today - Duration::days(50);
    let mut members = Vec::new();
    for person in repo::members_without_login(conn, home)? {
        if crate::transfers::repo::people::unpaid_months(conn, person, month_of(earlier))?.is_empty()
            && crate::transfers::repo::people::unpaid_months(conn, person, month_of(today))?.is_empty()
        {
            members.push(person);
        }
    }
    let far = repo::branch(conn, &dangwei.role.org_path, false, home)?;
    let near = repo::branch(conn, &dangwei.role.org_path, true, home)?;
    let mut made = 0;
    let mut next = members.into_iter();
    if let Some(far) = far {
        for stage in 0..3 {
            let Some(person) = next.next() else { break };
            let input = start(TransferKind::Within, person, Some(far), None, "工作调动，随工作关系转接组织关系");
            let id = service::open_case(conn, &zhibu, &rules, today, &input, person, None)?;
            if stage >= 1 {
                step(conn, &zhibu, &rules, today, id, json!({}))?;
            }
            if stage >= 2 {
                step(conn, &dangwei, &rules, today, id, json!({}))?;
            }
            made += 1;
        }
    }
    if let (Some(near), Some(person)) = (near, next.next()) {
        let input = start(TransferKind::Within, person, Some(near), None, "支部调整，转入同一党委下的党支部");
        let id = service::open_case(conn, &zhibu, &rules, earlier, &input, person, None)?;
        step(conn, &zhibu, &rules, earlier, id, json!({}))?;
        step(conn, &dangwei, &rules, earlier + Duration::days(2), id, json!({}))?;
        made += 1;
    }
    if let Some(person) = next.next() {
        let unit = "中共北京市海淀区中关村街道工作委员会";
        let input = start(TransferKind::Out, person, None, Some(unit), "调往北京工作");
        let id = service::open_case(conn, &zhibu, &rules, earlier, &input, person, None)?;
        step(conn, &zhibu, &rules, earlier + Duration::days(1), id, json!({}))?;
        step(conn, &dangwei, &rules, earlier + Duration::days(5), id, json!({"valid_days": 30}))?;
        made += 1;
    }
    if let Some(person) = next.next() {
        let mut input =
            start(TransferKind::Flow, person, None, Some("四川省成都市高新区（项目现场）"), "外派参加重点工程建设");
        input.document = Some(FlowDocument::Certificate);
        input.away_from = Some(today - Duration::days(20));
        input.away_until = Some(today + Duration::days(130));
        let id = service::open_case(conn, &zhibu, &rules, today - Duration::days(25), &input, person, None)?;
        step(conn, &zhibu, &rules, today - Duration::days(24), id, json!({}))?;
        made += 1;
    }
    let letter = IncomingLetter {
        to_org_id: OrgId(home),
        letter_no: "京组转〔2026〕0187号".into(),
        issuing_org: "中共北京市海淀区委组织部".into(),
        issued_on: today - Duration::days(6),
        valid_until: today + Duration::days(84),
        member: MemberFields {
            name: "金晓燕".into(),
            id_card_number: "110108199003152329".into(),
            gender: None,
            birth_date: None,
            ethnicity: None,
            phone: Some("13811112222".into()),
            education: None,
            occupation: None,
            work_unit: None,
            department: None,
            employee_number: None,
            membership_status: MembershipStatus::Formal,
            join_date: Some(NaiveDate::from_ymd_opt(2015, 7, 1).unwrap_or(today)),
            full_member_date: Some(NaiveDate::from_ymd_opt(2016, 7, 1).unwrap_or(today)),
        },
        dues_paid_through: Some(shared::rules::dues_payment::fmt_month(month_of(today))),
        archive_checked: false,
        secret: false,
    };
    if incoming::register_incoming(conn, &zhibu, &rules, today, &letter).is_ok() {
        made += 1;
    }
    Ok(made)
}
