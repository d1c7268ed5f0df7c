//! Rows of the request tables.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::api::requests::{RequestStage, Retention, TemplateField};

use crate::db::schema::{request_archives, request_documents, request_templates, requests, sms_approvals};
use crate::error::{ApiError, stored_code};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = request_templates)]
pub struct TemplateRow {
    pub id: i64,
    pub code: String,
    pub version: i32,
    pub name: String,
    pub title_pattern: String,
    pub fields_json: String,
    pub body: String,
    pub reply_body: String,
    pub reply_days: i32,
    pub retention: String,
    pub active: bool,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl TemplateRow {
    pub fn fields(&self) -> Vec<TemplateField> {
        serde_json::from_str(&self.fields_json).unwrap_or_default()
    }

    pub fn retention(&self) -> Result<Retention, ApiError> {
        stored_code(Retention::from_code(&self.retention), "request_templates.retention", &self.retention)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = request_templates)]
pub struct NewTemplate<'a> {
    pub code: &'a str,
    pub version: i32,
    pub name: &'a str,
    pub title_pattern: &'a str,
    pub fields_json: &'a str,
    pub body: &'a str,
    pub reply_body: &'a str,
    pub reply_days: i32,
    pub retention: &'a str,
    pub active: bool,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct RequestRow {
    pub id: i64,
    pub instance_id: Option<i64>,
    pub template_id: i64,
    pub org_id: i64,
    pub to_org_id: i64,
    pub cc_json: String,
    pub title: String,
    pub fields_json: String,
    pub body: String,
    pub attachments_json: String,
    pub contact: String,
    pub contact_phone: String,
    pub signer_user_id: i64,
    pub for_instance_id: Option<i64>,
    pub stage: String,
    pub due_on: Option<NaiveDate>,
    pub archived_at: Option<NaiveDateTime>,
    pub drafted_by: i64,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl RequestRow {
    pub fn stage(&self) -> Result<RequestStage, ApiError> {
        stored_code(RequestStage::from_code(&self.stage), "requests.stage", &self.stage)
    }

    pub fn cc(&self) -> Vec<i64> {
        serde_json::from_str(&self.cc_json).unwrap_or_default()
    }

    pub fn attachments(&self) -> Vec<String> {
        serde_json::from_str(&self.attachments_json).unwrap_or_default()
    }

    pub fn fields(&self) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(&self.fields_json).unwrap_or_default()
    }
}

/// A draft's content, as written on create and on each edit.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = requests)]
pub struct DraftContent {
    pub template_id: i64,
    pub org_id: i64,
    pub to_org_id: i64,
    pub cc_json: String,
    pub title: String,
    pub fields_json: String,
    pub body: String,
    pub attachments_json: String,
    pub contact: String,
    pub contact_phone: String,
    pub signer_user_id: i64,
    pub for_instance_id: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = request_documents)]
pub struct DocumentRow {
    pub id: i64,
    pub request_id: i64,
    pub kind: String,
    pub code: String,
    pub org_id: i64,
    pub doc_year: i32,
    pub doc_seq: i32,
    pub doc_number: String,
    pub title: String,
    pub file_id: i64,
    pub digest: String,
    pub signature: String,
    pub public_key: String,
    pub signer: String,
    pub sealed_by: i64,
    pub sealed_by_name: String,
    pub sealed_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = request_documents)]
pub struct NewDocument<'a> {
    pub request_id: i64,
    pub kind: &'a str,
    pub code: &'a str,
    pub org_id: i64,
    pub doc_year: i32,
    pub doc_seq: i32,
    pub doc_number: &'a str,
    pub title: &'a str,
    pub file_id: i64,
    pub digest: &'a str,
    pub signature: &'a str,
    pub public_key: &'a str,
    pub signer: &'a str,
    pub sealed_by: i64,
    pub sealed_by_name: &'a str,
    pub sealed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = request_archives)]
pub struct ArchiveRow {
    pub id: i64,
    pub request_id: i64,
    pub org_id: i64,
    pub year: i32,
    pub retention: String,
    pub title: String,
    pub doc_number: String,
    pub file_id: i64,
    pub manifest_sha256: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = request_archives)]
pub struct NewArchive<'a> {
    pub request_id: i64,
    pub org_id: i64,
    pub year: i32,
    pub retention: &'a str,
    pub title: &'a str,
    pub doc_number: &'a str,
    pub file_id: i64,
    pub manifest_sha256: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sms_approvals)]
pub struct TicketRow {
    pub id: i64,
    pub request_id: i64,
    pub instance_version: i32,
    pub user_id: i64,
    pub phone: String,
    pub reply_code: String,
    pub token_sha256: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sms_approvals)]
pub struct NewTicket<'a> {
    pub request_id: i64,
    pub instance_version: i32,
    pub user_id: i64,
    pub phone: &'a str,
    pub reply_code: &'a str,
    pub token_sha256: &'a str,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}
