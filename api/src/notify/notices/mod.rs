//! Custom notices: a secretary, a 党委 or the 政工部门 writes a notice to chosen people, an org
//! subtree or the holders of a role, by chosen channels; the preview counts the recipients and
//! estimates the SMS cost before anything is sent.

pub mod handlers;
pub mod repo;

use shared::api::notify::{
    Audience, NoticeChannel, NoticePreview, NoticeRequest, NoticeSent, sms_segments, yuan_of_li,
};
use shared::permissions::Action;

use crate::auth::Actor;
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;
use crate::notify::send::{self, Notice, Policy};

const MAX_CHOSEN: usize = 500;

/// A checked request: the sending org's name, the SMS text, and the recipients.
struct Checked {
    org_id: i64,
    sms_text: String,
    org_name: String,
    recipients: Vec<repo::Recipient>,
    counts: repo::Counts,
}

fn check(conn: &mut DbConnection, actor: &Actor, req: &NoticeRequest, load: bool) -> Result<Checked, ApiError> {
    let title = req.title.trim();
    let body = req.body.trim();
    if title.is_empty() || title.chars().count() > 60 {
        return Err(ApiError::field("title", "invalid", "标题须为 1–60 个字"));
    }
    if body.is_empty() || body.chars().count() > 500 {
        return Err(ApiError::field("body", "invalid", "正文须为 1–500 个字"));
    }
    if req.channels.is_empty() {
        return Err(ApiError::field("channels", "required", "请至少选择一种发送方式"));
    }
    let org = crate::orgs::repo::get(conn, req.org_id.0)?;
    actor.require(Action::SendNotices, &org.path)?;
    let sms_text =
        shared::sms::render("custom_notice", &[("org".into(), org.name.clone()), ("text".into(), body.into())])
            .map_err(|e| ApiError::field("body", "classified", e.message()))?;
    let (counts, recipients) = match &req.audience {
        Audience::Org { org_id } => {
            let target = crate::orgs::repo::get(conn, org_id.0)?;
            actor.require(Action::SendNotices, &target.path)?;
            let (lo, hi) = subtree_bounds(&target.path);
            let recipients = if load { repo::org_recipients(conn, (&lo, &hi))? } else { Vec::new() };
            (repo::org_counts(conn, (&lo, &hi))?, recipients)
        }
        Audience::Role { org_id, role } => {
            let target = crate::orgs::repo::get(conn, org_id.0)?;
            actor.require(Action::SendNotices, &target.path)?;
            let (lo, hi) = subtree_bounds(&target.path);
            let recipients = if load { repo::role_recipients(conn, role.code(), (&lo, &hi))? } else { Vec::new() };
            (repo::role_counts(conn, role.code(), (&lo, &hi))?, recipients)
        }
        Audience::People { person_ids } => {
            if person_ids.is_empty() || person_ids.len() > MAX_CHOSEN {
                return Err(ApiError::field("audience", "invalid", format!("请选择 1–{MAX_CHOSEN} 名接收人")));
            }
            let ids: Vec<i64> = person_ids.iter().map(|p| p.0).collect();
            let (lo, hi) = subtree_bounds(&org.path);
            let recipients = repo::chosen_recipients(conn, &ids, (&lo, &hi))?;
            if recipients.len() < {
                let mut d = ids.clone();
                d.sort_unstable();
                d.dedup();
                d.len()
            } {
                return Err(ApiError::field("audience", "out_of_scope", "所选人员中有不在本组织范围内或已离开的人员"));
            }
            // At most 500 chosen people, already loaded: counted here.
            let logins = recipients.iter().filter(|r| r.1.is_some()).count() as i64;
            let phones = recipients.iter().filter(|r| r.2).count() as i64;
            let emails = recipients.iter().filter(|r| r.3).count() as i64;
            ((recipients.len() as i64, logins, phones, emails), recipients)
        }
    };
    if counts.0 == 0 {
        return Err(ApiError::field("audience", "empty", "没有符合条件的接收人"));
    }
    Ok(Checked { org_id: org.id, sms_text, org_name: org.name, recipients, counts })
}

fn preview_of(req: &NoticeRequest, checked: &Checked, policy: &Policy) -> NoticePreview {
    let (total, logins, phones, emails) = checked.counts;
    let by_sms = req.channels.contains(&NoticeChannel::Sms);
    let segments = sms_segments(checked.sms_text.chars().count());
    let sms = if by_sms { phones } else { 0 };
    NoticePreview {
        recipients: total,
        in_app: if req.channels.contains(&NoticeChannel::InApp) { logins } else { 0 },
        sms,
        email: if req.channels.contains(&NoticeChannel::Email) { emails } else { 0 },
        without_phone: if by_sms { total - phones } else { 0 },
        sms_text: checked.sms_text.clone(),
        sms_segments: segments,
        sms_cost_yuan: yuan_of_li(sms * segments * policy.0.sms_price_li),
    }
}

pub fn preview(conn: &mut DbConnection, actor: &Actor, req: &NoticeRequest) -> Result<NoticePreview, ApiError> {
    let checked = check(conn, actor, req, false)?;
    Ok(preview_of(req, &checked, &Policy::load(conn)?))
}

pub fn send(conn: &mut DbConnection, actor: &Actor, req: &NoticeRequest) -> Result<NoticeSent, ApiError> {
    let checked = check(conn, actor, req, true)?;
    let policy = Policy::load(conn)?;
    let preview = preview_of(req, &checked, &policy);
    let channels: Vec<&str> = req
        .channels
        .iter()
        .map(|c| match c {
            NoticeChannel::Sms => "sms",
            NoticeChannel::Email => "email",
            NoticeChannel::InApp => "in_app",
        })
        .collect();
    let id = repo::insert(
        conn,
        &repo::NewNotice {
            org_id: checked.org_id,
            title: req.title.trim(),
            body: req.body.trim(),
            audience_json: serde_json::to_string(&req.audience).map_err(ApiError::internal)?,
            channels: channels.join(","),
            recipients: checked.counts.0,
            created_by: actor.user_id.0,
            created_at: crate::clock::wall_now(),
        },
    )?;
    let by_app = req.channels.contains(&NoticeChannel::InApp);
    let by_sms = req.channels.contains(&NoticeChannel::Sms);
    let by_email = req.channels.contains(&NoticeChannel::Email);
    let notice = Notice {
        title: format!("通知：{}", req.title.trim()),
        body: req.body.trim().to_string(),
        link: Some("/notifications".into()),
        sms: by_sms
            .then(|| ("custom_notice", vec![("org", checked.org_name.clone()), ("text", req.body.trim().to_string())])),
    };
    let key = format!("notice:{id}");
    for (person, user, has_phone, has_email) in &checked.recipients {
        let to = send::To {
            user: user.filter(|_| by_app),
            sms: person.filter(|_| *has_phone && by_sms),
            email: user.filter(|_| *has_email && by_email),
        };
        send::once(conn, &policy, &key, to, &notice)?;
    }
    crate::audit::record(conn, Some(actor), "send", "notice", id, None::<&()>, Some(req))?;
    Ok(NoticeSent { id, preview })
}
