//! 一键归档: a decided request's documents, sealed PDFs, approval history and signatures as one
//! ZIP package with `manifest.json` (each file's size, SHA-256 and SM3). The package is stored,
//! the request can no longer change, and the 档案 list finds it by year, title or 发文字号.

use std::io::Write;

use chrono::Datelike;
use sha2::{Digest, Sha256};
use shared::api::requests::{ArchiveQuery, ArchiveView, OrgName, RequestStage, Retention};
use shared::permissions::Action;

use super::models::{ArchiveRow, NewArchive};
use super::repo::{self, records};
use super::sealing::Desk;
use crate::auth::Actor;
use crate::auth::actor::Reach;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::files::{Kind, TempBlob};
use crate::orgs::models::OrgRow;
use crate::seals::signer::to_hex;

pub fn view_of(a: &ArchiveRow, org: &OrgRow, size: i64, created_by: &str) -> Result<ArchiveView, ApiError> {
    Ok(ArchiveView {
        id: a.id,
        request_id: a.request_id,
        org: OrgName { id: shared::OrgId(org.id), name: org.name.clone() },
        year: a.year,
        retention: Retention::from_code(&a.retention).unwrap_or(Retention::Permanent),
        title: a.title.clone(),
        doc_number: a.doc_number.clone(),
        size_bytes: size,
        manifest_sha256: a.manifest_sha256.clone(),
        download_url: format!("/api/v1/archive/{}/package.zip", a.id),
        created_by: created_by.to_string(),
        created_at: a.created_at.and_utc(),
    })
}

struct Package {
    files: Vec<(String, Vec<u8>)>,
}

impl Package {
    fn add(&mut self, name: &str, bytes: Vec<u8>) {
        self.files.push((name.to_string(), bytes));
    }

    /// The ZIP with `manifest.json` last, and the manifest's SHA-256.
    fn finish(self, meta: serde_json::Value) -> Result<(Vec<u8>, String), ApiError> {
        let entries: Vec<serde_json::Value> = self
            .files
            .iter()
            .map(|(name, bytes)| {
                serde_json::json!({
                    "name": name,
                    "size": bytes.len(),
                    "sha256": to_hex(&Sha256::digest(bytes)),
                    "sm3": to_hex(&crate::seals::signer::sm3_digest(bytes)),
                })
            })
            .collect();
        let manifest = serde_json::to_vec_pretty(&serde_json::json!({"package": meta, "files": entries}))
            .map_err(ApiError::internal)?;
        let manifest_sha = to_hex(&Sha256::digest(&manifest));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in self.files.iter().chain(std::iter::once(&("manifest.json".to_string(), manifest))) {
            zip.start_file(name.as_str(), options).map_err(ApiError::internal)?;
            zip.write_all(bytes).map_err(ApiError::internal)?;
        }
        let bytes = zip.finish().map_err(ApiError::internal)?.into_inner();
        Ok((bytes, manifest_sha))
    }
}

/// Archives a decided request (its drafting org's or the upper org's officials).
pub fn archive(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    id: i64,
) -> Result<(ArchiveView, TempBlob), ApiError> {
    let row = repo::get(conn, id)?;
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let allowed = actor.may(Action::HandleRequests, &org.path) || actor.may(Action::HandleRequests, &to_org.path);
    super::views::check_view(conn, actor, &row)?;
    if !allowed {
        return Err(actor.denial());
    }
    if !matches!(row.stage()?, RequestStage::Approved | RequestStage::Rejected) {
        return Err(ApiError::invalid_state("请示批复后方可归档"));
    }
    repo::set_archived(conn, id)?;
    let template = repo::template(conn, row.template_id)?;
    let docs = records::documents(conn, id)?;
    let mut package = Package { files: Vec::new() };
    let mut signatures = Vec::new();
    for d in &docs {
        let file = crate::files::repo::get(conn, d.file_id)?;
        let label = if d.kind == "reply" { "批复" } else { "请示" };
        package.add(&format!("{label}-{}.pdf", d.doc_number), desk.store.read_in(conn, &file.sha256)?);
        signatures.push(serde_json::json!({
            "document": format!("{label}-{}.pdf", d.doc_number), "kind": d.kind, "doc_number": d.doc_number,
            "verify_code": d.code, "algorithm": crate::seals::signer::ALGORITHM, "digest_sm3": d.digest,
            "signature": d.signature, "public_key": d.public_key, "signer": d.signer,
            "sealed_by": d.sealed_by_name, "sealed_at": d.sealed_at.and_utc(),
        }));
    }
    let detail = super::views::detail(conn, actor, desk.rules, desk.base_url, id)?;
    let json = |v: &serde_json::Value| serde_json::to_vec_pretty(v).map_err(ApiError::internal);
    package.add("signatures.json", json(&serde_json::json!(signatures))?);
    package.add("history.json", json(&serde_json::to_value(&detail.history).map_err(ApiError::internal)?)?);
    package.add(
        "request.json",
        json(&serde_json::json!({
            "id": row.id, "title": row.title, "template": template.name, "template_version": template.version,
            "org": org.name, "to_org": to_org.name, "body": detail.body, "attachments": detail.attachments,
            "fields": detail.fields, "outcome": detail.stage.label(),
        }))?,
    );
    let number = docs.iter().find(|d| d.kind == "request").map(|d| d.doc_number.clone()).unwrap_or_default();
    let year = desk.today.year();
    let meta = serde_json::json!({"request": id, "title": row.title, "doc_number": number, "year": year,
        "retention": template.retention, "archived_by": actor.username});
    let (bytes, manifest_sha) = package.finish(meta)?;
    let temp = desk.store.temp_from_bytes(&bytes, Kind::Zip)?;
    let file = crate::files::save(conn, desk.store, &temp, org.id, actor)?;
    let archived = records::insert_archive(
        conn,
        &NewArchive {
            request_id: id,
            org_id: org.id,
            year,
            retention: &template.retention,
            title: &row.title,
            doc_number: &number,
            file_id: file.id,
            manifest_sha256: &manifest_sha,
            created_by: actor.user_id.0,
            created_at: crate::clock::wall_now(),
        },
    )?;
    let name = repo::user_name(conn, actor.user_id.0)?;
    if let Some(instance) = row.instance_id {
        crate::workflow::repo::record_event(
            conn,
            &crate::workflow::repo::NewEvent {
                instance_id: instance,
                step: super::process::REPLY,
                action: shared::api::workflow::EventAction::File,
                actor: Some(actor),
                actor_name: Some(&name),
                comment: Some("一键归档"),
                data: &serde_json::json!({"archive": archived.id, "manifest_sha256": manifest_sha}),
            },
        )?;
    }
    crate::audit::record(conn, Some(actor), "request_archive", "request", id, None::<&()>, Some(&manifest_sha))?;
    Ok((view_of(&archived, &org, file.size_bytes, &name)?, temp))
}

pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    query: &ArchiveQuery,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<ArchiveView>, ApiError> {
    actor.require_action(Action::ViewArchive)?;
    let mut f = records::ArchiveFilter { year: query.year, text: query.q.clone(), ..Default::default() };
    match actor.reach() {
        Reach::Everything => {}
        Reach::Subtree(lo, hi) => f.subtree = Some((lo, hi)),
        Reach::OwnRecord(_) => return Err(actor.denial()),
    }
    let rows = records::archives(conn, &f, before, limit)?;
    let orgs = crate::orgs::repo::by_ids(conn, &rows.iter().map(|(a, _)| a.org_id).collect::<Vec<_>>())?;
    rows.iter()
        .map(|(a, size)| {
            let org = orgs.iter().find(|o| o.id == a.org_id).ok_or_else(|| ApiError::internal("archive org"))?;
            view_of(a, org, *size, &repo::user_name(conn, a.created_by)?)
        })
        .collect()
}

/// The package of an archive the caller may see: (file sha, file name).
pub fn package(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<(String, String), ApiError> {
    let a = records::archive(conn, id)?;
    let org = crate::orgs::repo::get(conn, a.org_id)?;
    actor.require(Action::ViewArchive, &org.path)?;
    let file = crate::files::repo::get(conn, a.file_id)?;
    Ok((file.sha256, format!("档案-{}-{}.zip", a.year, a.request_id)))
}
