//! Start-up clean-up of the local file store: temp files of uploads that never finished are
//! removed, staged blobs whose row committed (a crash between commit and rename) are moved into
//! place, and blobs no row refers to are deleted.

use std::path::Path;
use std::time::{Duration, SystemTime};

use super::store::FileStore;
use crate::config::FilesBackend;
use crate::error::ApiError;

/// Leaves anything younger than this alone: it may belong to an upload in progress.
const GRACE: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub temp_removed: usize,
    pub promoted: usize,
    pub orphans_removed: usize,
}

pub fn sweep(store: &FileStore, db: &crate::db::Db, grace: Option<Duration>) -> Result<Swept, ApiError> {
    let grace = grace.unwrap_or(GRACE);
    let mut swept = Swept::default();
    let old_enough = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map(|t| SystemTime::now().duration_since(t).unwrap_or_default() >= grace)
            .unwrap_or(false)
    };
    let used = |sha: &str| {
        let sha = sha.to_string();
        db.read_blocking(move |conn| super::repo::sha_is_used(conn, &sha))
    };
    if let Ok(entries) = std::fs::read_dir(store.temp_dir()) {
        for path in entries.flatten().map(|e| e.path()) {
            if !old_enough(&path) {
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            let sha = name.strip_suffix(".staged").and_then(|n| n.split('.').next()).filter(|s| s.len() == 64);
            match sha {
                Some(sha) if store.backend() == FilesBackend::Local && used(sha)? => {
                    let temp = super::TempBlob::new(path.clone(), sha.to_string(), 0, super::Kind::Text);
                    store.promote(temp)?;
                    swept.promoted += 1;
                }
                _ => {
                    let _ = std::fs::remove_file(&path);
                    swept.temp_removed += 1;
                }
            }
        }
    }
    if store.backend() == FilesBackend::Local {
        for path in blobs_under(store.root()) {
            let sha = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            if sha.len() == 64 && old_enough(&path) && !used(&sha)? {
                let _ = std::fs::remove_file(&path);
                swept.orphans_removed += 1;
            }
        }
    } else {
        swept.orphans_removed += db.write_blocking(super::repo::delete_unreferenced_blobs)?;
    }
    Ok(swept)
}

/// Files two levels of shards below the root (`ab/cd/abcd…`), skipping `tmp`.
fn blobs_under(root: &Path) -> Vec<std::path::PathBuf> {
    let dirs = |p: &Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(p)
            .map(|e| e.flatten().map(|e| e.path()).filter(|p| p.is_dir() && !p.ends_with("tmp")).collect())
            .unwrap_or_default()
    };
    dirs(root)
        .iter()
        .flat_map(|a| dirs(a))
        .flat_map(|b| {
            std::fs::read_dir(b).map(|e| e.flatten().map(|e| e.path()).collect::<Vec<_>>()).unwrap_or_default()
        })
        .filter(|p| p.is_file())
        .collect()
}
