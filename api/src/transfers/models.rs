//! Rows of the transfer tables.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::api::transfers::{Awaiting, TransferKind};

use crate::db::schema::{transfer_letters, transfers};
use crate::error::{ApiError, stored_code};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = transfers)]
pub struct TransferRow {
    pub id: i64,
    pub instance_id: i64,
    pub kind: String,
    pub person_id: i64,
    pub person_name: String,
    pub from_org_id: Option<i64>,
    pub to_org_id: Option<i64>,
    pub external_org: Option<String>,
    pub reason: String,
    pub batch_id: Option<i64>,
    pub secret: bool,
    pub awaiting: String,
    pub status: String,
    pub due_on: Option<NaiveDate>,
    pub started_on: NaiveDate,
    pub finished_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl TransferRow {
    pub fn kind(&self) -> Result<TransferKind, ApiError> {
        stored_code(TransferKind::from_code(&self.kind), "transfers.kind", &self.kind)
    }

    pub fn awaiting(&self) -> Result<Awaiting, ApiError> {
        stored_code(Awaiting::from_code(&self.awaiting), "transfers.awaiting", &self.awaiting)
    }
}

/// A new case's row.
#[derive(Debug, Insertable)]
#[diesel(table_name = transfers)]
pub struct NewTransfer<'a> {
    pub instance_id: i64,
    pub kind: &'a str,
    pub person_id: i64,
    pub person_name: &'a str,
    pub from_org_id: Option<i64>,
    pub to_org_id: Option<i64>,
    pub external_org: Option<&'a str>,
    pub reason: &'a str,
    pub batch_id: Option<i64>,
    pub secret: bool,
    pub awaiting: &'a str,
    pub status: &'a str,
    pub due_on: Option<NaiveDate>,
    pub started_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = transfer_letters)]
pub struct LetterRow {
    pub id: i64,
    pub transfer_id: i64,
    pub kind: String,
    pub letter_no: String,
    pub token: String,
    pub issuer: String,
    pub addressee: String,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub dues_paid_through: Option<NaiveDate>,
    pub void_reason: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = transfer_letters)]
pub struct NewLetter<'a> {
    pub transfer_id: i64,
    pub kind: &'a str,
    pub letter_no: &'a str,
    pub token: &'a str,
    pub issuer: &'a str,
    pub addressee: &'a str,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub dues_paid_through: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}
