//! Secrets at rest (HR connector credentials now; SMS and webhook keys later): sealed with
//! AES-256-GCM under the deployment's key. The key comes from `secret_key_file` (every
//! instance of a multi-instance deployment must point at the same key), else from
//! `<data_dir>/secret.key`, created with mode 0600 on first use.

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

use crate::config::Config;
use crate::error::ApiError;

/// Sealed values start with this, so a value written before encryption was introduced (plain
/// text) is still read, and re-sealed on the next save.
const PREFIX: &str = "sealed:v1:";

pub struct SecretBox {
    key: LessSafeKey,
}

impl SecretBox {
    pub fn from_config(config: &Config) -> Result<SecretBox, ApiError> {
        let path = config.secret_key_file.clone().unwrap_or_else(|| config.data_dir.join("secret.key"));
        let bytes = read_or_create(&path).map_err(ApiError::internal)?;
        let key = UnboundKey::new(&AES_256_GCM, &bytes).map_err(|_| ApiError::internal("密钥文件无效"))?;
        Ok(SecretBox { key: LessSafeKey::new(key) })
    }

    pub fn seal(&self, plain: &str) -> Result<String, ApiError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(ApiError::internal)?;
        let mut data = plain.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
            .map_err(|_| ApiError::internal("加密失败"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Ok(format!("{PREFIX}{}", STANDARD.encode(out)))
    }

    pub fn open(&self, stored: &str) -> Result<String, ApiError> {
        let Some(encoded) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_string());
        };
        let bytes = STANDARD.decode(encoded).map_err(|_| ApiError::internal("密文已损坏"))?;
        if bytes.len() < 12 + 16 {
            return Err(ApiError::internal("密文已损坏"));
        }
        let (nonce, sealed) = bytes.split_at(12);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| ApiError::internal("密文已损坏"))?;
        let mut sealed = sealed.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::empty(), &mut sealed)
            .map_err(|_| ApiError::internal("无法解密（密钥与加密时不同？）"))?;
        String::from_utf8(plain.to_vec()).map_err(ApiError::internal)
    }
}

fn read_or_create(path: &PathBuf) -> Result<Vec<u8>, String> {
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() == 32 => Ok(bytes),
        Ok(_) => Err(format!("密钥文件 {} 应为 32 字节", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut key = [0u8; 32];
            getrandom::fill(&mut key).map_err(|e| e.to_string())?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(path) {
                Ok(mut file) => {
                    std::io::Write::write_all(&mut file, &key).map_err(|e| e.to_string())?;
                    Ok(key.to_vec())
                }
                // Another instance or thread created it first: use theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_or_create(path),
                Err(e) => Err(format!("无法创建密钥文件 {}：{e}", path.display())),
            }
        }
        Err(e) => Err(format!("无法读取密钥文件 {}：{e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_round_trip_and_are_not_plain_text() {
        let dir = std::env::temp_dir().join(format!("dangjian-secrets-{}", std::process::id()));
        let config = Config { data_dir: dir.clone(), ..Config::default() };
        let sealed = SecretBox::from_config(&config).unwrap().seal("Bearer secret-token").unwrap();
        assert!(sealed.starts_with(PREFIX) && !sealed.contains("secret-token"));
        // A second box reads the same key file.
        assert_eq!(SecretBox::from_config(&config).unwrap().open(&sealed).unwrap(), "Bearer secret-token");
        assert_eq!(SecretBox::from_config(&config).unwrap().open("legacy plain").unwrap(), "legacy plain");
        let _ = std::fs::remove_dir_all(dir);
    }
}
