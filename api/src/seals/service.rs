//! An org's seal: created on first use (the generated round seal and a new SM2 key pair),
//! changed by the 政工部门 (an uploaded image, the 机关代字, a new key), and applied to a PDF:
//! SM3 over its bytes, signed with the org's key, logged as a sealed document.

use shared::api::requests::{SealUpdate, SealView};
use shared::permissions::Action;

use super::models::{NewSeal, SealRow};
use super::repo;
use super::signer::{SealSigner, sm3_digest, to_hex};
use crate::auth::Actor;
use crate::clock::wall_now;
use crate::db::DbConnection;
use crate::documents::official::SealMark;
use crate::error::ApiError;
use crate::files::FileStore;
use crate::orgs::models::OrgRow;

/// The org's seal, created (generated image, new key pair) when it has none yet.
pub fn ensure(conn: &mut DbConnection, signer: &dyn SealSigner, org: &OrgRow) -> Result<SealRow, ApiError> {
    if let Some(seal) = repo::of_org(conn, org.id)? {
        return Ok(seal);
    }
    let key = signer.new_key()?;
    let now = wall_now();
    repo::insert(
        conn,
        &NewSeal {
            org_id: org.id,
            image_file_id: None,
            doc_prefix: &shared::rules::requests::default_prefix(&org.name),
            signer: signer.name(),
            public_key: &key.public_key,
            private_key: &key.key_ref,
            created_at: now,
            updated_at: now,
        },
    )
}

/// What is printed over the 署名: the uploaded image, or the generated seal with the org's name.
pub fn mark(conn: &mut DbConnection, store: &FileStore, seal: &SealRow, name: &str) -> Result<SealMark, ApiError> {
    match seal.image_file_id {
        Some(file) => {
            let row = crate::files::repo::get(conn, file)?;
            Ok(SealMark::Image(store.read_in(conn, &row.sha256)?))
        }
        None => Ok(SealMark::Generated(name.to_string())),
    }
}

/// A signature over a document's bytes: (SM3 digest hex, SM2 signature hex).
pub fn sign(signer: &dyn SealSigner, seal: &SealRow, bytes: &[u8]) -> Result<(String, String), ApiError> {
    let digest = sm3_digest(bytes);
    let signature = signer.sign(&seal.private_key, &digest)?;
    Ok((to_hex(&digest), to_hex(&signature)))
}

pub fn view(conn: &mut DbConnection, org: &OrgRow, seal: &SealRow) -> Result<SealView, ApiError> {
    Ok(SealView {
        org: shared::api::requests::OrgName { id: shared::OrgId(org.id), name: org.name.clone() },
        image: if seal.image_file_id.is_some() { "uploaded" } else { "generated" }.into(),
        doc_prefix: seal.doc_prefix.clone(),
        signer: seal.signer.clone(),
        public_key: seal.public_key.clone(),
        updated_at: seal.updated_at.and_utc(),
        uses: repo::use_count(conn, org.id)?,
    })
}

fn managed(conn: &mut DbConnection, actor: &Actor, org_id: i64) -> Result<OrgRow, ApiError> {
    let org = crate::orgs::repo::get(conn, org_id)?;
    actor.require(Action::ManageSeals, &org.path)?;
    Ok(org)
}

pub fn get(conn: &mut DbConnection, actor: &Actor, signer: &dyn SealSigner, org_id: i64) -> Result<SealView, ApiError> {
    let org = crate::orgs::repo::get(conn, org_id)?;
    if !actor.may(Action::ManageSeals, &org.path) && !actor.may(Action::HandleRequests, &org.path) {
        return Err(actor.denial());
    }
    let seal = ensure(conn, signer, &org)?;
    view(conn, &org, &seal)
}

pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    signer: &dyn SealSigner,
    org_id: i64,
    input: &SealUpdate,
) -> Result<SealView, ApiError> {
    let org = managed(conn, actor, org_id)?;
    let prefix = input.doc_prefix.trim();
    if prefix.is_empty() || prefix.chars().count() > 12 || prefix.contains(['〔', '〕', '[', ']']) {
        return Err(ApiError::field("doc_prefix", "invalid", "机关代字须为 1–12 个字，不含括号"));
    }
    let seal = ensure(conn, signer, &org)?;
    let now = wall_now();
    repo::set_prefix(conn, seal.id, prefix, now)?;
    if input.generated_image {
        repo::set_image(conn, seal.id, None, now)?;
    }
    if input.new_key {
        let key = signer.new_key()?;
        repo::set_key(conn, seal.id, signer.name(), &key.public_key, &key.key_ref, now)?;
    }
    let after = repo::of_org(conn, org.id)?.ok_or_else(|| ApiError::not_found("印章"))?;
    crate::audit::record(
        conn,
        Some(actor),
        "seal_update",
        "org_seal",
        seal.id,
        Some(
            &serde_json::json!({"doc_prefix": seal.doc_prefix, "public_key": seal.public_key, "image": seal.image_file_id}),
        ),
        Some(
            &serde_json::json!({"doc_prefix": after.doc_prefix, "public_key": after.public_key, "image": after.image_file_id}),
        ),
    )?;
    view(conn, &org, &after)
}

/// An uploaded seal image (PNG or JPEG, already typed and within the size limit).
pub fn set_image(
    conn: &mut DbConnection,
    actor: &Actor,
    signer: &dyn SealSigner,
    store: &FileStore,
    org_id: i64,
    temp: &crate::files::TempBlob,
) -> Result<SealView, ApiError> {
    let org = managed(conn, actor, org_id)?;
    if !temp.kind.is_image() {
        return Err(crate::files::invalid_file("印章图片须为 PNG 或 JPG".into()));
    }
    let seal = ensure(conn, signer, &org)?;
    let file = crate::files::save(conn, store, temp, org.id, actor)?;
    repo::set_image(conn, seal.id, Some(file.id), wall_now())?;
    crate::audit::record(
        conn,
        Some(actor),
        "seal_image",
        "org_seal",
        seal.id,
        Some(&serde_json::json!({"image": seal.image_file_id})),
        Some(&serde_json::json!({"image": file.id, "sha256": file.sha256})),
    )?;
    let after = repo::of_org(conn, org.id)?.ok_or_else(|| ApiError::not_found("印章"))?;
    view(conn, &org, &after)
}
