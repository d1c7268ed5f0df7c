//! Registering an incoming 介绍信: the receiving branch records the letter and the person (on
//! record, not on the roll, until the case is accepted).

use chrono::NaiveDate;
use shared::MembershipStatus;
use shared::api::transfers::{Awaiting, IncomingLetter, TransferDetail, TransferKind};
use shared::api::workflow::InstanceStatus;
use shared::member_input::ValidMemberFields;
use shared::rules::transfers::{TransferRules, probation_overdue};

use super::models::{NewLetter, NewTransfer};
use super::service::{ensure_none_open, holding_branch, trimmed};
use super::{notices, process, repo, views};
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::members::models::PersonFields;
use crate::workflow::process::put;
use crate::workflow::service::{self as engine, NewInstance, Scope};
use crate::workflow::{Record, Transition};

const TEXT_MAX: usize = 200;

/// The receiving branch registers an incoming 介绍信; the person goes on record (not on the
/// roll) until accepted.
pub fn register_incoming(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    input: &IncomingLetter,
) -> Result<TransferDetail, ApiError> {
    let to = holding_branch(conn, input.to_org_id.0, "to_org_id")?;
    let p = process::of(TransferKind::In, rules);
    let letter_no = trimmed(Some(&input.letter_no), "letter_no", "介绍信编号", 60)?;
    let issuing = trimmed(Some(&input.issuing_org), "issuing_org", "开具介绍信的党组织", TEXT_MAX)?;
    if input.issued_on > today {
        return Err(ApiError::field("issued_on", "in_future", "开具日期不能晚于今天"));
    }
    if input.valid_until < input.issued_on {
        return Err(ApiError::field("valid_until", "before_issued", "有效期不能早于开具日期"));
    }
    let valid = ValidMemberFields::parse(&input.member, today).map_err(|errors| {
        ApiError::validation(
            errors
                .into_iter()
                .map(|mut e| {
                    e.field = format!("member.{}", e.field);
                    e
                })
                .collect(),
        )
    })?;
    if !valid.membership_status.is_member() {
        return Err(ApiError::field("member.membership_status", "not_member", "转入人员应为正式党员或预备党员"));
    }
    let paid_through = match input.dues_paid_through.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Some(
            shared::rules::dues_payment::parse_month(text)
                .ok_or_else(|| ApiError::field("dues_paid_through", "invalid", "党费交至月份格式应为 2026-11"))?,
        ),
        None => None,
    };
    let scope = Scope { org: to.clone(), receiving: None, designated: None };
    let first = p.step(1).ok_or_else(|| ApiError::not_found("步骤"))?;
    if !engine::may_act(actor, p.action(), first, 0, &scope) {
        return Err(actor.denial());
    }
    let fields = PersonFields::from_valid(&valid, None);
    let person = match repo::people::by_id_card(conn, valid.id_card.as_str())? {
        Some(existing) if existing.left_on.is_none() => {
            return Err(ApiError::field(
                "member.id_card_number",
                "on_roll",
                format!("{}已是本单位在册人员，无需转入", existing.name),
            ));
        }
        Some(existing) => {
            ensure_none_open(conn, existing.id)?;
            existing.id
        }
        None => repo::people::create_pending(conn, to.id, &fields, today)?,
    };
    let overdue = valid.membership_status == MembershipStatus::Probationary
        && valid.join_date.is_some_and(|j| probation_overdue(rules, j, today));
    let mut record = Record::new();
    put(&mut record, "letter_no", &letter_no);
    put(&mut record, "issuing_org", &issuing);
    put(&mut record, "issued_on", input.issued_on);
    put(&mut record, "valid_until", input.valid_until);
    put(&mut record, "member", &input.member);
    put(&mut record, "archive_checked", input.archive_checked);
    put(&mut record, "probation_overdue", overdue);
    put(&mut record, "join_date", valid.join_date);
    put(&mut record, "secret", input.secret);
    put(&mut record, "to_org_id", to.id);
    let new = NewInstance { subject: person, org_id: to.id, first, record, transition: Transition::Advance(2) };
    let instance = engine::start(conn, p.as_ref(), actor, new)?;
    let now = now();
    let id = repo::insert(
        conn,
        &NewTransfer {
            instance_id: instance,
            kind: TransferKind::In.code(),
            person_id: person,
            person_name: &valid.name,
            from_org_id: None,
            to_org_id: Some(to.id),
            external_org: Some(&issuing),
            reason: "组织关系转入",
            batch_id: None,
            secret: input.secret,
            awaiting: Awaiting::Receiving.code(),
            status: InstanceStatus::Active.code(),
            due_on: Some(input.valid_until),
            started_on: today,
            created_at: now,
            updated_at: now,
        },
    )?;
    let token = crate::auth::session::new_token();
    let letter = NewLetter {
        transfer_id: id,
        kind: "incoming",
        letter_no: &letter_no,
        token: &token,
        issuer: &issuing,
        addressee: &to.name,
        issued_on: input.issued_on,
        valid_until: input.valid_until,
        dues_paid_through: paid_through,
        created_at: now,
    };
    repo::letters::issue(
        conn,
        &letter,
        "",
        input.issued_on.and_hms_opt(0, 0, 0).map_or(0, |d| chrono::Datelike::year(&d)),
    )?;
    notices::after_step(conn, id)?;
    views::detail(conn, actor, rules, today, id)
}
