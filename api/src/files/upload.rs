//! Streams a request body to a temporary blob with a byte limit. Call it only after the
//! permission check: nothing is read before, and a body over the limit is refused (413) as
//! soon as it crosses the limit, not after it has been received.

use std::io::Write;

use actix_web::web;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use shared::error::ErrorCode;

use super::store::{FileStore, TempBlob};
use crate::error::ApiError;

pub async fn receive(mut payload: web::Payload, limit: usize, store: &FileStore) -> Result<TempBlob, ApiError> {
    let dir = store.temp_dir();
    let part = dir.join(format!("{}.part", random_hex()));
    let created = part.clone();
    let mut file = web::block(move || {
        std::fs::create_dir_all(created.parent().expect("has a parent"))?;
        std::fs::File::create(&created)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    // Until it is complete, the part removes itself on any early return.
    let guard = PartGuard(part.clone());
    let mut hasher = Sha256::new();
    let mut size = 0usize;
    let mut pending = Vec::with_capacity(WRITE_BATCH);
    loop {
        let chunk = payload.next().await;
        let done = chunk.is_none();
        if let Some(chunk) = chunk {
            let chunk = chunk.map_err(|e| ApiError::new(ErrorCode::BadRequest, format!("上传中断：{e}")))?;
            size += chunk.len();
            if size > limit {
                return Err(too_large(limit));
            }
            hasher.update(&chunk);
            pending.extend_from_slice(&chunk);
        }
        // Disk writes go to the blocking pool in batches, never on the server's event loop.
        if pending.len() >= WRITE_BATCH || (done && !pending.is_empty()) {
            let batch = std::mem::replace(&mut pending, Vec::with_capacity(WRITE_BATCH));
            file = web::block(move || file.write_all(&batch).map(|_| file))
                .await
                .map_err(ApiError::internal)?
                .map_err(ApiError::internal)?;
        }
        if done {
            break;
        }
    }
    if size == 0 {
        return Err(ApiError::field("file", "required", "请选择要上传的文件"));
    }
    let sha: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let staged = dir.join(format!("{sha}.{}.staged", random_hex()));
    let (staged, kind) = web::block(move || -> Result<_, ApiError> {
        file.sync_all().map_err(ApiError::internal)?;
        drop(file);
        std::fs::rename(&part, &staged).map_err(ApiError::internal)?;
        let kind = super::sniff::sniff(std::fs::File::open(&staged).map_err(ApiError::internal)?);
        Ok((staged, kind))
    })
    .await
    .map_err(ApiError::internal)??;
    drop(guard);
    match kind {
        Ok(Some(kind)) => Ok(TempBlob::new(staged, sha, size as i64, kind)),
        other => {
            let _ = std::fs::remove_file(&staged);
            Err(other.err().map_or_else(unsupported, ApiError::internal))
        }
    }
}

const WRITE_BATCH: usize = 1024 * 1024;

pub fn too_large(limit: usize) -> ApiError {
    let shown =
        if limit >= 1024 * 1024 { format!("{} MB", limit / 1024 / 1024) } else { format!("{} KB", limit / 1024) };
    ApiError::new(ErrorCode::PayloadTooLarge, format!("文件过大（上限 {shown}）"))
}

pub fn unsupported() -> ApiError {
    ApiError::field("file", "file_type", "不支持的文件类型：只能上传 JPG、PNG 图片或 PDF、Word、Excel、CSV 文件")
}

/// The claimed type (by the file's name) must be what the content is.
pub fn check_claim(file_name: &str, blob: &TempBlob, accepted: &[super::Kind]) -> Result<(), ApiError> {
    let claimed = super::Kind::claimed_by(file_name);
    if !accepted.contains(&blob.kind) || claimed.is_none_or(|c| !accepted.contains(&c)) {
        let names: Vec<&str> = accepted.iter().map(|k| k.label()).collect();
        return Err(ApiError::field("file", "file_type", format!("只能上传以下类型的文件：{}", names.join("、"))));
    }
    if claimed != Some(blob.kind) {
        return Err(ApiError::field(
            "file",
            "file_type",
            format!("文件内容是{}，与文件名“{file_name}”的扩展名不符", blob.kind.label()),
        ));
    }
    Ok(())
}

struct PartGuard(std::path::PathBuf);

impl Drop for PartGuard {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn random_hex() -> String {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
