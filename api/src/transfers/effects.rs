//! What a transfer does outside its case, in the step's transaction: moving the person,
//! recording them as 转出, putting an incoming person on the roll, and issuing letters.

use chrono::{Datelike, NaiveDate};
use shared::LeaveKind;
use shared::api::workflow::Outcome;
use shared::member_input::ValidMemberFields;

use super::models::NewLetter;
use super::process::{date, id, text};
use super::repo;
use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::members::models::{NewPersonEvent, PersonFields};
use crate::workflow::{InstanceRow, Record};

/// The person, their party group, dues branch (their org) and open cases move to `to_org`.
pub fn move_person(
    conn: &mut DbConnection,
    actor: &Actor,
    person: i64,
    to_org: i64,
    group: Option<i64>,
    on: NaiveDate,
) -> Result<(), ApiError> {
    let before = crate::members::repo::get(conn, person)?;
    crate::members::repo::move_to(conn, person, before.version, to_org, group)?;
    crate::workflow::repo::move_subject(conn, person, to_org)?;
    crate::members::repo::insert_event(
        conn,
        &NewPersonEvent {
            person_id: person,
            event_kind: "move",
            leave_kind: None,
            on_date: on,
            reason: "组织关系转接（系统内）",
            from_org_id: Some(before.org_id),
            to_org_id: Some(to_org),
            recorded_by: Some(actor.user_id.0),
            created_at: now(),
        },
    )?;
    let after = crate::members::repo::get(conn, person)?;
    audit::record(conn, Some(actor), "transfer_move", "person", person, Some(&before), Some(&after))
}

pub struct Effects<'a> {
    pub conn: &'a mut DbConnection,
    pub actor: &'a Actor,
    pub instance: &'a InstanceRow,
}

impl Effects<'_> {
    fn issue(
        self,
        record: &Record,
        kind: &str,
        prefix: &str,
        addressee: String,
        until: NaiveDate,
    ) -> Result<(), ApiError> {
        let conn = self.conn;
        let transfer = repo::by_instance(conn, self.instance.id)?;
        if transfer.batch_id.is_some_and(|b| b != transfer.id) {
            // 整建制: the batch's first case carries the one letter for all.
            return Ok(());
        }
        let reason = text(record, "reissue_reason").unwrap_or_else(|| "重新开具".into());
        repo::letters::void_all(conn, transfer.id, &format!("已重新开具：{reason}"))?;
        let issued_on = date(record, "issued_on").unwrap_or_else(|| now().date());
        let issuer = crate::orgs::repo::get(conn, self.actor.role.org_id.0)?.name;
        let paid_through = crate::dues::repo::months::paid_through(conn, transfer.person_id)?;
        let token = crate::auth::session::new_token();
        let new = NewLetter {
            transfer_id: transfer.id,
            kind,
            letter_no: "",
            token: &token,
            issuer: &issuer,
            addressee: &addressee,
            issued_on,
            valid_until: until,
            dues_paid_through: paid_through,
            created_at: now(),
        };
        let letter = repo::letters::issue(conn, &new, prefix, issued_on.year())?;
        audit::record(
            conn,
            Some(self.actor),
            "letter_issue",
            "transfer",
            transfer.id,
            None::<&()>,
            Some(&letter.letter_no),
        )
    }

    /// The 介绍信 (a re-issue voids the one before).
    pub fn issue_introduction(self, record: &Record) -> Result<(), ApiError> {
        let until = date(record, "valid_until").ok_or_else(|| ApiError::internal("letter without valid_until"))?;
        let addressee = text(record, "to_unit").unwrap_or_default();
        self.issue(record, "introduction", "介", addressee, until)
    }

    /// The 证明信 or 活动证 of a member away, valid until their planned return.
    pub fn issue_flow_document(self, record: &Record) -> Result<(), ApiError> {
        let until = date(record, "away_until").ok_or_else(|| ApiError::internal("flow without away_until"))?;
        let addressee = text(record, "to_unit").unwrap_or_default();
        let (kind, prefix) = if text(record, "document").as_deref() == Some("activity_card") {
            ("activity_card", "活")
        } else {
            ("certificate", "证")
        };
        self.issue(record, kind, prefix, addressee, until)
    }

    /// The 回执 came back (or the sending side closed the case): the person is 转出, their open
    /// development case is closed as transferred out.
    pub fn transfer_out(self, record: &Record) -> Result<(), ApiError> {
        let conn = self.conn;
        let person = self.instance.subject_person_id;
        let before = crate::members::repo::get(conn, person)?;
        let on = date(record, "left_on").unwrap_or_else(|| now().date());
        let reason = format!("组织关系转出至{}", text(record, "to_unit").unwrap_or_default());
        crate::members::repo::record_leave(conn, person, before.version, LeaveKind::TransferOut.code(), on, &reason)?;
        crate::members::repo::insert_event(
            conn,
            &NewPersonEvent {
                person_id: person,
                event_kind: "leave",
                leave_kind: Some(LeaveKind::TransferOut.code()),
                on_date: on,
                reason: &reason,
                from_org_id: Some(before.org_id),
                to_org_id: None,
                recorded_by: Some(self.actor.user_id.0),
                created_at: now(),
            },
        )?;
        let rules = shared::rules::development::DevelopmentRules::default();
        let development = crate::development::process::Development::load(conn, &rules)?;
        crate::workflow::service::end_open(
            conn,
            &development,
            person,
            Outcome::TransferredOut,
            "组织关系已转出本单位，由接收单位党组织继续办理",
        )?;
        let after = crate::members::repo::get(conn, person)?;
        audit::record(conn, Some(self.actor), "transfer_out", "person", person, Some(&before), Some(&after))
    }

    /// The incoming person goes on the roll of the receiving branch with the letter's details.
    pub fn accept_incoming(self, record: &Record) -> Result<(), ApiError> {
        let conn = self.conn;
        let person = crate::members::repo::get(conn, self.instance.subject_person_id)?;
        let input: shared::api::members::MemberFields =
            serde_json::from_value(record.get("member").cloned().unwrap_or_default())
                .map_err(|e| ApiError::internal(format!("incoming member on record: {e}")))?;
        let today = date(record, "accepted_on").unwrap_or_else(|| now().date());
        let valid = ValidMemberFields::parse(&input, today).map_err(ApiError::validation)?;
        let fields = PersonFields::from_valid(&valid, id(record, "party_group_id"));
        repo::people::activate(conn, &person, self.instance.org_id, &fields)?;
        crate::members::repo::insert_event(
            conn,
            &NewPersonEvent {
                person_id: person.id,
                event_kind: "transfer_in",
                leave_kind: None,
                on_date: today,
                reason: &format!("组织关系由{}转入", text(record, "issuing_org").unwrap_or_default()),
                from_org_id: None,
                to_org_id: Some(self.instance.org_id),
                recorded_by: Some(self.actor.user_id.0),
                created_at: now(),
            },
        )?;
        let after = crate::members::repo::get(conn, person.id)?;
        audit::record(conn, Some(self.actor), "transfer_in", "person", person.id, Some(&person), Some(&after))
    }
}
