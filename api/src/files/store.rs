//! Where blob bytes live: a content-addressed local directory (default) or the database.
//!
//! Orphan-free by construction: an upload is first a `TempBlob` (a uniquely named file under
//! `blobs/tmp`, fsynced, named after its hash once complete). Inside the transaction that
//! records the file, the database backend inserts the bytes; after the commit the local
//! backend renames the temp file into place. A failed transaction drops the `TempBlob`, which
//! deletes it. A crash between commit and rename leaves a staged file that `sweep` promotes.

use std::path::{Path, PathBuf};

use super::Kind;
use crate::config::{Config, FilesBackend};
use crate::db::{Db, DbConnection};
use crate::error::ApiError;

#[derive(Clone)]
pub struct FileStore {
    backend: FilesBackend,
    root: PathBuf,
    /// Where meeting attachments were kept before the file store (read-only fallback).
    legacy: PathBuf,
    quota: i64,
    db: Db,
}

/// An uploaded file not yet committed: deleted on drop unless promoted.
pub struct TempBlob {
    pub path: PathBuf,
    pub sha256: String,
    pub size: i64,
    pub kind: Kind,
    kept: bool,
}

impl TempBlob {
    pub(super) fn new(path: PathBuf, sha256: String, size: i64, kind: Kind) -> TempBlob {
        TempBlob { path, sha256, size, kind, kept: false }
    }

    pub fn read(&self) -> Result<Vec<u8>, ApiError> {
        std::fs::read(&self.path).map_err(ApiError::internal)
    }
}

impl Drop for TempBlob {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl FileStore {
    pub fn new(config: &Config, db: Db) -> FileStore {
        FileStore {
            backend: config.files.backend,
            root: config.data_dir.join("blobs"),
            legacy: config.data_dir.join("attachments"),
            quota: config.files.quota_bytes_per_org,
            db,
        }
    }

    pub fn backend(&self) -> FilesBackend {
        self.backend
    }

    pub fn quota_bytes_per_org(&self) -> i64 {
        self.quota
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn temp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    pub fn blob_path(&self, sha: &str) -> PathBuf {
        shard(&self.root, sha)
    }

    /// Inside the transaction that records the file: the database backend stores the bytes
    /// (once per content). The local backend waits for the commit.
    pub fn stage(&self, conn: &mut DbConnection, temp: &TempBlob) -> Result<(), ApiError> {
        if self.backend == FilesBackend::Database && !super::repo::blob_exists(conn, &temp.sha256)? {
            super::repo::insert_blob(conn, &temp.sha256, &temp.read()?)?;
        }
        Ok(())
    }

    /// After the commit: moves the local blob into place (a concurrent upload of the same
    /// bytes may have done it first; rename is atomic and the content is the same).
    pub fn promote(&self, mut temp: TempBlob) -> Result<(), ApiError> {
        if self.backend == FilesBackend::Database {
            return Ok(());
        }
        let target = self.blob_path(&temp.sha256);
        if target.exists() {
            return Ok(());
        }
        std::fs::create_dir_all(target.parent().expect("has a parent")).map_err(ApiError::internal)?;
        match std::fs::rename(&temp.path, &target) {
            Ok(()) => {
                temp.kept = true;
                Ok(())
            }
            Err(_) if target.exists() => Ok(()),
            Err(e) => Err(ApiError::internal(format!("cannot move blob {} into place: {e}", temp.sha256))),
        }
    }

    /// A file the server made (a sealed PDF, an archive package) as a temp blob, to be saved
    /// with `files::save` and promoted after the commit like an upload.
    pub fn temp_from_bytes(&self, bytes: &[u8], kind: Kind) -> Result<TempBlob, ApiError> {
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        let dir = self.temp_dir();
        std::fs::create_dir_all(&dir).map_err(ApiError::internal)?;
        let mut nonce = [0u8; 8];
        getrandom::fill(&mut nonce).map_err(ApiError::internal)?;
        let suffix: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        let path = dir.join(format!("{sha}.{suffix}.staged"));
        let mut file = std::fs::File::create(&path).map_err(ApiError::internal)?;
        std::io::Write::write_all(&mut file, bytes).map_err(ApiError::internal)?;
        file.sync_all().map_err(ApiError::internal)?;
        Ok(TempBlob::new(path, sha, bytes.len() as i64, kind))
    }

    /// The bytes of a stored file inside a transaction (the database backend reads with `conn`).
    pub fn read_in(&self, conn: &mut DbConnection, sha: &str) -> Result<Vec<u8>, ApiError> {
        if self.backend == FilesBackend::Database
            && let Some(bytes) = super::repo::read_blob(conn, sha)?
        {
            return Ok(bytes);
        }
        if self.backend == FilesBackend::Database {
            return Err(ApiError::internal(format!("blob {sha} is missing from the file store")));
        }
        if !self.blob_path(sha).exists() {
            // Made earlier in this same transaction: still staged, promoted after the commit.
            let staged =
                std::fs::read_dir(self.temp_dir()).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())).find(
                    |p| {
                        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        name.starts_with(sha) && name.ends_with(".staged")
                    },
                );
            if let Some(path) = staged {
                return std::fs::read(path).map_err(ApiError::internal);
            }
        }
        self.read(sha)
    }

    /// The bytes of a stored file (blocking: call it from `web::block` or a job thread).
    pub fn read(&self, sha: &str) -> Result<Vec<u8>, ApiError> {
        if !sha.chars().all(|c| c.is_ascii_hexdigit()) || sha.len() != 64 {
            return Err(ApiError::internal(format!("not a sha256: {sha:?}")));
        }
        if self.backend == FilesBackend::Database {
            let sha = sha.to_string();
            if let Some(bytes) = self.db.read_blocking(move |conn| super::repo::read_blob(conn, &sha))? {
                return Ok(bytes);
            }
        }
        for path in [self.blob_path(sha), shard(&self.legacy, sha)] {
            match std::fs::read(&path) {
                Ok(bytes) => return Ok(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(ApiError::internal(e)),
            }
        }
        Err(ApiError::internal(format!("blob {sha} is missing from the file store")))
    }
}

fn shard(root: &Path, sha: &str) -> PathBuf {
    root.join(&sha[..2]).join(&sha[2..4]).join(sha)
}
