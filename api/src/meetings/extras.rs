//! Meeting attachments (photos and documents, content-addressed on disk, with size and type
//! limits) and 民主评议 ratings.

use std::path::{Path, PathBuf};

use diesel::prelude::*;
use sha2::{Digest, Sha256};
use shared::PersonId;
use shared::api::meetings::*;
use shared::rules::meetings::MeetingKind;

use super::repo;
use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{meeting_attachments, meeting_ratings, people};
use crate::error::ApiError;

pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The file's real type from its first bytes; the name only tells DOCX from XLSX.
pub fn sniff(file_name: &str, bytes: &[u8]) -> Option<&'static str> {
    let lower = file_name.to_lowercase();
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".docx") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".xlsx") {
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    } else {
        None
    }
}

fn blob_path(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("attachments").join(&sha[..2]).join(&sha[2..4]).join(sha)
}

/// Writes the file once per content (same bytes, same blob) and records it on the meeting.
pub fn attach(
    conn: &mut DbConnection,
    actor: &Actor,
    data_dir: &Path,
    id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<AttachmentView, ApiError> {
    let view = super::service::view(conn, actor, id)?;
    if !view.can_manage {
        return Err(actor.denial());
    }
    if view.summary.status != "planned" {
        return Err(ApiError::invalid_state("会议记录已签字锁定，不能再添加附件"));
    }
    let name = file_name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.contains(['/', '\\']) {
        return Err(ApiError::field("file_name", "invalid", "文件名无效"));
    }
    let content_type = sniff(name, bytes)
        .ok_or_else(|| ApiError::field("file", "file_type", "只能上传 JPG、PNG 图片或 PDF、Word、Excel 文件"))?;
    let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let path = blob_path(data_dir, &sha);
    if !path.exists() {
        let dir = path.parent().expect("has a parent");
        std::fs::create_dir_all(dir).map_err(ApiError::internal)?;
        let temp = dir.join(format!("{sha}.part"));
        std::fs::write(&temp, bytes).map_err(ApiError::internal)?;
        std::fs::rename(&temp, &path).map_err(ApiError::internal)?;
    }
    let attachment_id: i64 = diesel::insert_into(meeting_attachments::table)
        .values((
            meeting_attachments::meeting_id.eq(id),
            meeting_attachments::sha256.eq(&sha),
            meeting_attachments::file_name.eq(name),
            meeting_attachments::content_type.eq(content_type),
            meeting_attachments::size_bytes.eq(bytes.len() as i64),
            meeting_attachments::uploaded_by.eq(Some(actor.user_id.0)),
            meeting_attachments::created_at.eq(now()),
        ))
        .returning(meeting_attachments::id)
        .get_result(conn)?;
    audit::record(
        conn,
        Some(actor),
        "attach",
        "meeting",
        id,
        None::<&()>,
        Some(&serde_json::json!({"file": name, "sha256": sha})),
    )?;
    Ok(AttachmentView {
        id: attachment_id,
        file_name: name.into(),
        content_type: content_type.into(),
        size_bytes: bytes.len() as i64,
        url: format!("/api/v1/meetings/{id}/attachments/{attachment_id}"),
    })
}

pub fn list(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<Vec<AttachmentView>, ApiError> {
    super::service::view(conn, actor, id)?;
    let rows: Vec<(i64, String, String, i64)> = meeting_attachments::table
        .filter(meeting_attachments::meeting_id.eq(id))
        .order(meeting_attachments::id)
        .select((
            meeting_attachments::id,
            meeting_attachments::file_name,
            meeting_attachments::content_type,
            meeting_attachments::size_bytes,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(aid, file_name, content_type, size_bytes)| AttachmentView {
            id: aid,
            file_name,
            content_type,
            size_bytes,
            url: format!("/api/v1/meetings/{id}/attachments/{aid}"),
        })
        .collect())
}

/// The file of an attachment, for whoever may see the meeting.
pub fn open(
    conn: &mut DbConnection,
    actor: &Actor,
    data_dir: &Path,
    id: i64,
    attachment_id: i64,
) -> Result<(String, String, Vec<u8>), ApiError> {
    super::service::view(conn, actor, id)?;
    let (sha, name, content_type): (String, String, String) = meeting_attachments::table
        .filter(meeting_attachments::id.eq(attachment_id).and(meeting_attachments::meeting_id.eq(id)))
        .select((meeting_attachments::sha256, meeting_attachments::file_name, meeting_attachments::content_type))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("附件"))?;
    let bytes = std::fs::read(blob_path(data_dir, &sha)).map_err(ApiError::internal)?;
    Ok((name, content_type, bytes))
}

fn review_meeting(conn: &mut DbConnection, id: i64) -> Result<repo::MeetingRow, ApiError> {
    let m = repo::get(conn, id)?;
    if MeetingKind::from_code(&m.kind) != Some(MeetingKind::DemocraticReview) {
        return Err(ApiError::invalid_state("只有民主评议党员会议才有评议"));
    }
    Ok(m)
}

fn ensure_row(conn: &mut DbConnection, id: i64, person_id: i64) -> Result<(), ApiError> {
    let exists: i64 = meeting_ratings::table
        .filter(meeting_ratings::meeting_id.eq(id).and(meeting_ratings::person_id.eq(person_id)))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(meeting_ratings::table)
            .values((
                meeting_ratings::meeting_id.eq(id),
                meeting_ratings::person_id.eq(person_id),
                meeting_ratings::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// 个人自评, by the member themselves.
pub fn self_assess(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    req: &SelfAssessmentRequest,
) -> Result<RatingReport, ApiError> {
    review_meeting(conn, id)?;
    let me = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案"))?;
    repo::attendee(conn, id, me.0)?.ok_or_else(|| ApiError::forbidden("您不在本次评议名单中"))?;
    let text = req.text.trim();
    if text.is_empty() || text.chars().count() > 5000 {
        return Err(ApiError::field("text", "required", "请填写个人自评（5000字以内）"));
    }
    ensure_row(conn, id, me.0)?;
    diesel::update(
        meeting_ratings::table.filter(meeting_ratings::meeting_id.eq(id).and(meeting_ratings::person_id.eq(me.0))),
    )
    .set((meeting_ratings::self_assessment.eq(Some(text)), meeting_ratings::updated_at.eq(now())))
    .execute(conn)?;
    audit::record(conn, Some(actor), "self_assess", "meeting", id, None::<&()>, Some(&me))?;
    report(conn, actor, id)
}

/// 民主测评 counts and the committee's rating of one member.
pub fn rate(conn: &mut DbConnection, actor: &Actor, id: i64, req: &RatingRequest) -> Result<RatingReport, ApiError> {
    let m = review_meeting(conn, id)?;
    let org = crate::orgs::repo::get(conn, m.org_id)?;
    if !actor.manages_path(&org.path)
        || !matches!(
            actor.role.kind,
            shared::RoleKind::Branch | shared::RoleKind::Committee | shared::RoleKind::Department
        )
    {
        return Err(actor.denial());
    }
    repo::attendee(conn, id, req.person_id.0)?
        .ok_or_else(|| ApiError::field("person_id", "not_attendee", "该人员不在本次评议名单中"))?;
    ensure_row(conn, id, req.person_id.0)?;
    diesel::update(
        meeting_ratings::table
            .filter(meeting_ratings::meeting_id.eq(id).and(meeting_ratings::person_id.eq(req.person_id.0))),
    )
    .set((
        meeting_ratings::peer_excellent.eq(req.peer_excellent as i32),
        meeting_ratings::peer_qualified.eq(req.peer_qualified as i32),
        meeting_ratings::peer_basic.eq(req.peer_basic as i32),
        meeting_ratings::peer_unqualified.eq(req.peer_unqualified as i32),
        meeting_ratings::committee_rating.eq(Some(req.committee_rating.code())),
        meeting_ratings::updated_at.eq(now()),
    ))
    .execute(conn)?;
    audit::record(conn, Some(actor), "rate", "meeting", id, None::<&()>, Some(req))?;
    report(conn, actor, id)
}

/// The ratings with the counts a report needs; members see only their own row.
pub fn report(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<RatingReport, ApiError> {
    let view = super::service::view(conn, actor, id)?;
    let attendees: Vec<(i64, String)> = view.attendees.iter().map(|a| (a.person_id.0, a.name.clone())).collect();
    type Row = (i64, Option<String>, i32, i32, i32, i32, Option<String>);
    let rows: Vec<Row> = meeting_ratings::table
        .inner_join(people::table)
        .filter(meeting_ratings::meeting_id.eq(id))
        .select((
            meeting_ratings::person_id,
            meeting_ratings::self_assessment,
            meeting_ratings::peer_excellent,
            meeting_ratings::peer_qualified,
            meeting_ratings::peer_basic,
            meeting_ratings::peer_unqualified,
            meeting_ratings::committee_rating,
        ))
        .load(conn)?;
    let mut counts = [0i64; 5];
    let rows: Vec<RatingRow> = attendees
        .iter()
        .map(|(pid, name)| {
            let r = rows.iter().find(|r| r.0 == *pid);
            let rating = r.and_then(|r| r.6.as_deref()).and_then(Rating::from_code);
            counts[rating.map_or(4, |x| Rating::ALL.iter().position(|a| *a == x).unwrap_or(4))] += 1;
            RatingRow {
                person_id: PersonId(*pid),
                name: name.clone(),
                self_assessment: r.and_then(|r| r.1.clone()),
                peer: r.map_or([0; 4], |r| [r.2 as u32, r.3 as u32, r.4 as u32, r.5 as u32]),
                committee_rating: rating,
            }
        })
        .collect();
    Ok(RatingReport { rows, counts })
}
