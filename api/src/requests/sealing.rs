//! Sealed documents: the 请示 at 签发 (sealed by the drafting org) and the 批复 when the upper
//! org decides (sealed by it). Each gets the next 发文字号 of its org and year, is typeset after
//! GB/T 9704 with a QR code to its public check, digested with SM3 and signed with the org's
//! SM2 key; the PDF goes to the file store and the row is the seal's usage log.

use chrono::{Datelike, NaiveDate};
use shared::api::requests::DocumentKind;
use shared::rules::requests::{doc_number, fill, issuer_mark};

use super::compose::value_of;
use super::models::{DocumentRow, NewDocument, RequestRow};
use super::repo::{self, records};
use crate::auth::Actor;
use crate::clock::wall_now;
use crate::db::DbConnection;
use crate::documents::official::{OfficialDocument, render};
use crate::error::ApiError;
use crate::files::{FileStore, Kind, TempBlob};
use crate::orgs::models::OrgRow;
use crate::seals::signer::SealSigner;

/// What sealing needs beyond the database.
pub struct Desk<'a> {
    pub today: NaiveDate,
    pub rules: &'a shared::rules::requests::RequestRules,
    pub store: &'a FileStore,
    pub signer: &'a dyn SealSigner,
    /// `https://dj.example.cn`: where QR codes and SMS links point.
    pub base_url: &'a str,
}

fn random_code() -> Result<String, ApiError> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(bytes.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect())
}

pub fn verify_url(base: &str, code: &str) -> String {
    format!("{}/verify/doc/{code}", base.trim_end_matches('/'))
}

/// The body of a request with its fields filled in.
pub fn filled_body(row: &RequestRow, org: &OrgRow, to_org: &OrgRow) -> String {
    let fields = row.fields();
    let year = row.created_at.year();
    fill(&row.body, |n| value_of(&fields, org, to_org, n, year)).0
}

/// The matter of a request: its title without the issuer, 关于 and 的请示.
pub fn matter(title: &str, org: &OrgRow) -> String {
    let t = title.strip_prefix(&issuer_mark(&org.name)).unwrap_or(title);
    let t = t.strip_prefix("关于").unwrap_or(t);
    t.strip_suffix("的请示").unwrap_or(t).to_string()
}

struct Sealing<'a> {
    row: &'a RequestRow,
    kind: DocumentKind,
    issuer: &'a OrgRow,
    title: String,
    build: &'a dyn Fn(&str, &str, crate::documents::official::SealMark) -> OfficialDocument<'a>,
}

fn seal(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    s: Sealing,
    temps: &mut Vec<TempBlob>,
) -> Result<DocumentRow, ApiError> {
    let seal = crate::seals::service::ensure(conn, desk.signer, s.issuer)?;
    let year = desk.today.year();
    let seq = records::next_seq(conn, s.issuer.id, year)?;
    let number = doc_number(&seal.doc_prefix, year, seq);
    let code = random_code()?;
    let url = verify_url(desk.base_url, &code);
    let mark = crate::seals::service::mark(conn, desk.store, &seal, &issuer_mark(&s.issuer.name))?;
    let doc = (s.build)(&number, &url, mark);
    let pdf = render(&doc, desk.today)?;
    let (digest, signature) = crate::seals::service::sign(desk.signer, &seal, &pdf)?;
    let temp = desk.store.temp_from_bytes(&pdf, Kind::Pdf)?;
    let file = crate::files::save(conn, desk.store, &temp, s.issuer.id, actor)?;
    temps.push(temp);
    let name = repo::user_name(conn, actor.user_id.0)?;
    let row = records::insert_document(
        conn,
        &NewDocument {
            request_id: s.row.id,
            kind: s.kind.code(),
            code: &code,
            org_id: s.issuer.id,
            doc_year: year,
            doc_seq: seq,
            doc_number: &number,
            title: &s.title,
            file_id: file.id,
            digest: &digest,
            signature: &signature,
            public_key: &seal.public_key,
            signer: &seal.signer,
            sealed_by: actor.user_id.0,
            sealed_by_name: &name,
            sealed_at: wall_now(),
        },
    )?;
    crate::audit::record(
        conn,
        Some(actor),
        "seal_use",
        "org_seal",
        seal.id,
        None::<&()>,
        Some(
            &serde_json::json!({"request": s.row.id, "kind": s.kind.code(), "doc_number": number, "digest_sm3": digest}),
        ),
    )?;
    Ok(row)
}

/// The 请示, sealed by the drafting org at 签发.
pub fn seal_request(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    row: &RequestRow,
    temps: &mut Vec<TempBlob>,
) -> Result<DocumentRow, ApiError> {
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let cc: Vec<String> =
        crate::orgs::repo::by_ids(conn, &row.cc())?.into_iter().map(|o| issuer_mark(&o.name)).collect();
    let signer = repo::user_name(conn, row.signer_user_id)?;
    let (mark, addressee) = (issuer_mark(&org.name), issuer_mark(&to_org.name));
    let body = filled_body(row, &org, &to_org);
    let attachments = row.attachments();
    let note = format!("（联系人：{}，电话：{}）", row.contact, row.contact_phone);
    let today = desk.today;
    let build = |number: &str, url: &str, seal| OfficialDocument {
        upward: true,
        issuer_mark: &mark,
        doc_number: number.to_string(),
        signer: Some(&signer),
        title: &row.title,
        addressee: &addressee,
        body: &body,
        attachments: &attachments,
        signature_org: &mark,
        date: today,
        seal,
        note: Some(note.clone()),
        cc: &cc,
        printer: &mark,
        verify_url: Some(url.to_string()),
    };
    let sealing = Sealing { row, kind: DocumentKind::Request, issuer: &org, title: row.title.clone(), build: &build };
    seal(conn, desk, actor, sealing, temps)
}

/// The text of the 批复: the template's reply (or the approver's own text), or the negative one.
pub fn reply_text(
    conn: &mut DbConnection,
    row: &RequestRow,
    approved: bool,
    own: Option<&str>,
    comment: Option<&str>,
) -> Result<String, ApiError> {
    if let Some(text) = own.map(str::trim).filter(|t| !t.is_empty()) {
        return Ok(text.to_string());
    }
    let template = repo::template(conn, row.template_id)?;
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let number = records::documents(conn, row.id)?
        .into_iter()
        .find(|d| d.kind == DocumentKind::Request.code())
        .map(|d| d.doc_number)
        .unwrap_or_default();
    let fields = row.fields();
    let year = row.created_at.year();
    let source = if approved { template.reply_body.as_str() } else { super::defaults::REJECT_BODY };
    let value = |name: &str| match name {
        "request_title" => Some(row.title.clone()),
        "request_number" => Some(number.clone()),
        "request_org" => Some(issuer_mark(&org.name)),
        "comment" => comment.map(|c| format!("理由：{}", c.trim())),
        _ => value_of(&fields, &org, &to_org, name, year),
    };
    Ok(fill(source, value).0)
}

/// The 批复, sealed by the upper org.
pub fn seal_reply(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    row: &RequestRow,
    approved: bool,
    text: &str,
    temps: &mut Vec<TempBlob>,
) -> Result<DocumentRow, ApiError> {
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let (mark, addressee) = (issuer_mark(&to_org.name), issuer_mark(&org.name));
    let what = matter(&row.title, &org);
    let title =
        if approved { format!("{mark}关于同意{what}的批复") } else { format!("{mark}关于{what}的批复") };
    let today = desk.today;
    let build = |number: &str, url: &str, seal| OfficialDocument {
        upward: false,
        issuer_mark: &mark,
        doc_number: number.to_string(),
        signer: None,
        title: &title,
        addressee: &addressee,
        body: text,
        attachments: &[],
        signature_org: &mark,
        date: today,
        seal,
        note: None,
        cc: &[],
        printer: &mark,
        verify_url: Some(url.to_string()),
    };
    let sealing = Sealing { row, kind: DocumentKind::Reply, issuer: &to_org, title: title.clone(), build: &build };
    seal(conn, desk, actor, sealing, temps)
}
