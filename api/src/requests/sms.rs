//! SMS approval (手机短信审批): at submission each official of the upper org with a phone gets a
//! text with no details ("您有一件请示待审批（编号R12）…") and a one-time link. The link's token is
//! stored hashed, bound to that approver, that request and the instance's version, and works
//! for `sms_link_hours`. A reply of 1 (同意) or 2 (退回) comes back through the provider's
//! inbound callback, which is signed (HMAC-SHA256 over timestamp and body) and refused when
//! forged, outside the time window, or replayed (a message id seen before).

use chrono::Duration;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use shared::RoleKind;
use shared::api::development::StepRequest;
use shared::api::requests::{SmsApprovalView, SmsDecision, SmsInbound, SmsInboundResult};
use shared::api::workflow::Decision;
use shared::rules::requests::{SmsReply, parse_sms_reply};

use super::models::{NewTicket, RequestRow, TicketRow};
use super::process::REPLY;
use super::repo::{self, records};
use super::sealing::Desk;
use crate::clock::wall_now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::files::TempBlob;
use crate::notify::send::{Policy, sms_once};

/// Letters only: a token never looks like an ID number to the SMS filter.
fn token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(bytes.iter().map(|b| (b'a' + b % 26) as char).collect())
}

pub fn issue_tickets(conn: &mut DbConnection, desk: &Desk, row: &RequestRow, version: i32) -> Result<usize, ApiError> {
    let policy = Policy::load(conn)?;
    let expires_at = wall_now() + Duration::hours(i64::from(desk.rules.sms_link_hours));
    let mut sent = 0;
    let mut approvers = crate::notify::reminders::repo::officers(conn, RoleKind::Committee, &[row.to_org_id])?;
    approvers.extend(crate::notify::reminders::repo::officers(conn, RoleKind::Department, &[row.to_org_id])?);
    for (_, user, person, _) in approvers {
        let Some(person) = person else { continue };
        let Some(phone) = crate::requests::repo::phone_of(conn, person)? else { continue };
        let token = token()?;
        records::insert_ticket(
            conn,
            &NewTicket {
                request_id: row.id,
                instance_version: version,
                user_id: user,
                phone: &phone,
                reply_code: &row.id.to_string(),
                token_sha256: &crate::auth::session::token_hash(&token),
                expires_at,
                created_at: wall_now(),
            },
        )?;
        let link = format!("{}/a/{token}", desk.base_url.trim_end_matches('/'));
        let values = vec![("number", format!("R{}", row.id)), ("link", link)];
        let key = format!("request_sms:{}:v{version}:u{user}", row.id);
        sent += sms_once(conn, &policy, &key, person, "request_approval", &values)? as usize;
    }
    Ok(sent)
}

/// The ticket behind a link token: 404 unknown, 409 expired.
fn ticket(conn: &mut DbConnection, token: &str) -> Result<TicketRow, ApiError> {
    let t = records::ticket_by_token(conn, &crate::auth::session::token_hash(token))?
        .ok_or_else(|| ApiError::not_found("审批链接"))?;
    if t.expires_at <= wall_now() {
        return Err(ApiError::invalid_state("审批链接已过期，请登录平台办理"));
    }
    Ok(t)
}

pub fn link_view(conn: &mut DbConnection, token: &str) -> Result<SmsApprovalView, ApiError> {
    let t = ticket(conn, token)?;
    let row = repo::get(conn, t.request_id)?;
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let doc = records::documents(conn, row.id)?.into_iter().find(|d| d.kind == "request");
    Ok(SmsApprovalView {
        request_id: row.id,
        title: row.title.clone(),
        org: org.name.clone(),
        doc_number: doc.map(|d| d.doc_number).unwrap_or_default(),
        approver: repo::user_name(conn, t.user_id)?,
        expires_at: t.expires_at.and_utc(),
        body: super::sealing::filled_body(&row, &org, &to_org),
        pdf_url: format!("/api/v1/requests/sms/{token}/document.pdf"),
        used: t.used_at.is_some() || row.stage != "submitted",
    })
}

/// The 请示's sealed PDF for the link's holder: (file sha, 发文字号).
pub fn link_document(conn: &mut DbConnection, token: &str) -> Result<(String, String), ApiError> {
    let t = ticket(conn, token)?;
    let doc = records::documents(conn, t.request_id)?
        .into_iter()
        .find(|d| d.kind == "request")
        .ok_or_else(|| ApiError::not_found("请示文件"))?;
    Ok((crate::files::repo::get(conn, doc.file_id)?.sha256, doc.doc_number))
}

/// The approver decides as themselves, at the 批复 step, if the request has not moved since.
fn decide(
    conn: &mut DbConnection,
    desk: &Desk,
    t: &TicketRow,
    decision: Decision,
    comment: Option<String>,
) -> Result<Vec<TempBlob>, ApiError> {
    let row = repo::get(conn, t.request_id)?;
    let instance = crate::workflow::repo::get(conn, row.instance_id.ok_or_else(|| ApiError::not_found("请示"))?)?;
    if t.used_at.is_some() || instance.version != t.instance_version {
        return Err(ApiError::invalid_state("该请示已办理，链接已失效"));
    }
    let actor = repo::actor_at(conn, t.user_id, row.to_org_id)?.ok_or_else(|| ApiError::forbidden("审批人已不在任"))?;
    let comment = match decision {
        Decision::Return => {
            Some(comment.filter(|c| !c.trim().is_empty()).unwrap_or_else(|| "通过短信退回，请修改后重新报送".into()))
        }
        _ => comment,
    };
    let req = StepRequest { version: instance.version, data: Default::default(), decision: Some(decision), comment };
    let temps = super::service::act(conn, desk, &actor, row.id, REPLY, &req)?;
    Ok(temps)
}

pub fn link_decide(
    conn: &mut DbConnection,
    desk: &Desk,
    token: &str,
    input: &SmsDecision,
) -> Result<Vec<TempBlob>, ApiError> {
    if input.decision == Decision::Reject {
        return Err(ApiError::field("decision", "not_allowed", "手机审批只能同意或退回；不予批准请登录平台办理"));
    }
    let t = ticket(conn, token)?;
    decide(conn, desk, &t, input.decision, input.comment.clone())
}

/// Checks the provider's signature: `X-Sms-Signature` = hex HMAC-SHA256(secret, timestamp "\n" body).
pub fn verify_signature(
    secret: &str,
    timestamp: &str,
    body: &[u8],
    signature: &str,
    window_secs: u32,
) -> Result<(), ApiError> {
    let forged = || ApiError::forbidden("短信上行回调签名无效");
    let ts: i64 = timestamp.trim().parse().map_err(|_| forged())?;
    let now = wall_now().and_utc().timestamp();
    if (now - ts).abs() > i64::from(window_secs) {
        return Err(ApiError::forbidden("短信上行回调已超出有效时间"));
    }
    let expected = crate::seals::signer::from_hex(signature.trim()).ok_or_else(forged)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(ApiError::internal)?;
    mac.update(timestamp.trim().as_bytes());
    mac.update(b"\n");
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| forged())
}

/// An inbound reply: replayed ids are refused (409); a reply that matches no open ticket of
/// that phone (wrong approver, spent or expired link) changes nothing.
pub fn inbound(
    conn: &mut DbConnection,
    desk: &Desk,
    msg: &SmsInbound,
) -> Result<(SmsInboundResult, Vec<TempBlob>), ApiError> {
    let phone = msg.phone.trim().trim_start_matches("+86");
    if !records::first_inbound(conn, &msg.message_id, phone, wall_now())? {
        return Err(ApiError::new(shared::error::ErrorCode::Duplicate, "该上行短信已处理（重复投递）"));
    }
    let ignored = |conn: &mut DbConnection, why: &str| -> Result<(SmsInboundResult, Vec<TempBlob>), ApiError> {
        records::set_inbound_outcome(conn, &msg.message_id, why)?;
        Ok((SmsInboundResult { outcome: "ignored".into(), request_id: None }, Vec::new()))
    };
    let code = Some(msg.ext.trim()).filter(|c| !c.is_empty());
    let tickets = records::open_tickets(conn, phone, code, wall_now())?;
    let [t] = tickets.as_slice() else {
        return ignored(conn, if tickets.is_empty() { "no_ticket" } else { "ambiguous" });
    };
    let (decision, comment, outcome) = match parse_sms_reply(&msg.text) {
        Some(SmsReply::Approve) => (Decision::Approve, None, "approved"),
        Some(SmsReply::Return(c)) => (Decision::Return, c, "returned"),
        None => return ignored(conn, "unreadable"),
    };
    let temps = decide(conn, desk, t, decision, comment)?;
    records::set_inbound_outcome(conn, &msg.message_id, outcome)?;
    Ok((SmsInboundResult { outcome: outcome.into(), request_id: Some(t.request_id) }, temps))
}
