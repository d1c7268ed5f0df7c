//! The four transfer processes on the workflow engine. Each says which side acts at each step
//! (`awaiting`, mirrored on the case row for the queues); effects on the person (moving,
//! leaving, joining) happen in `Process::after`, in the step's transaction.

pub mod flow;
pub mod inbound;
pub mod out;
pub mod within;

use chrono::NaiveDate;
use shared::api::transfers::{Awaiting, TransferKind};
use shared::rules::RuleViolation;
use shared::rules::dues_payment::{month_label, month_of};
use shared::rules::transfers::TransferRules;

use super::repo::people::unpaid_months;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::Process;

/// A transfer process: the workflow process plus who acts at each step.
pub trait TransferProcess: Process {
    fn kind(&self) -> TransferKind;
    fn awaiting(&self, step: i32) -> Awaiting;
}

/// The process of a kind, with the rules in force.
pub fn of(kind: TransferKind, rules: &TransferRules) -> Box<dyn TransferProcess> {
    match kind {
        TransferKind::Within => Box::new(within::Within),
        TransferKind::Out => Box::new(out::Out { rules: rules.clone() }),
        TransferKind::In => Box::new(inbound::Inbound { rules: rules.clone() }),
        TransferKind::Flow => Box::new(flow::Flow),
    }
}

/// The sending side lets a member go only with dues paid up to the month of the transfer.
pub fn dues_paid_up(conn: &mut DbConnection, person: i64, today: NaiveDate) -> Result<(), ApiError> {
    let owed = unpaid_months(conn, person, month_of(today))?;
    if owed.is_empty() {
        return Ok(());
    }
    let months: Vec<String> = owed.iter().take(6).map(|m| month_label(*m)).collect();
    let more = if owed.len() > 6 { format!("等{}个月", owed.len()) } else { String::new() };
    Err(ApiError::rule(RuleViolation {
        code: "transfer.dues_unpaid".into(),
        rule: "党员转出组织关系时，党费应交至转出当月，并在介绍信上注明党费交至年月".into(),
        source: "《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）".into(),
        message: format!("该同志尚有 {}{more} 的党费未交纳，请先补交后再办理转出", months.join("、")),
        earliest: None,
    }))
}

/// Reads a field of the record as text.
pub fn text(record: &crate::workflow::Record, name: &str) -> Option<String> {
    record.get(name).and_then(|v| v.as_str()).map(str::to_string)
}

pub fn date(record: &crate::workflow::Record, name: &str) -> Option<NaiveDate> {
    record.get(name).and_then(|v| v.as_str()).and_then(|s| s.parse().ok())
}

pub fn id(record: &crate::workflow::Record, name: &str) -> Option<i64> {
    record.get(name).and_then(|v| v.as_i64())
}
