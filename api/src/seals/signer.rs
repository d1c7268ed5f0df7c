//! Who signs with an org's seal key: behind one trait so a certified 密码设备 (a signing server or
//! HSM holding the keys) can replace the software signer. The software signer keeps the SM2
//! private key sealed under the deployment key (`secrets::SecretBox`); signatures are SM2 over
//! the SM3 digest of the document, with the default distinguishing id (GM/T 0009).

use sm2::dsa::signature::{Signer, Verifier};
use sm2::dsa::{Signature, SigningKey, VerifyingKey};
use sm3::Digest;

use crate::error::ApiError;
use crate::secrets::SecretBox;

/// GM/T 0009's default user id for SM2 signatures.
pub const DIST_ID: &str = "1234567812345678";
/// SM2-with-SM3, OID 1.2.156.10197.1.501.
pub const ALGORITHM: &str = "SM2-with-SM3 (1.2.156.10197.1.501)";

/// A new key: its public half (SEC1 uncompressed, hex) and how the signer finds the private
/// half again (sealed key material, or a device's key label).
pub struct NewKey {
    pub public_key: String,
    pub key_ref: String,
}

pub trait SealSigner: Send + Sync {
    /// Stored with each key and each signature (`software-sm2`, or the device's name).
    fn name(&self) -> &'static str;
    fn new_key(&self) -> Result<NewKey, ApiError>;
    /// The SM2 signature (r ‖ s, 64 bytes) over `digest` with the key `key_ref` names.
    fn sign(&self, key_ref: &str, digest: &[u8; 32]) -> Result<Vec<u8>, ApiError>;
}

pub struct SoftwareSm2 {
    pub secrets: SecretBox,
}

impl SoftwareSm2 {
    fn signing_key(&self, key_ref: &str) -> Result<SigningKey, ApiError> {
        let hex = self.secrets.open(key_ref)?;
        let bytes = from_hex(&hex).ok_or_else(|| ApiError::internal("印章私钥已损坏"))?;
        let secret = sm2::SecretKey::from_slice(&bytes).map_err(|_| ApiError::internal("印章私钥无效"))?;
        SigningKey::new(DIST_ID, &secret).map_err(|_| ApiError::internal("印章私钥无效"))
    }
}

impl SealSigner for SoftwareSm2 {
    fn name(&self) -> &'static str {
        "software-sm2"
    }

    fn new_key(&self) -> Result<NewKey, ApiError> {
        loop {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
            let Ok(secret) = sm2::SecretKey::from_slice(&bytes) else { continue };
            let signing = SigningKey::new(DIST_ID, &secret).map_err(|_| ApiError::internal("无法生成印章密钥"))?;
            let public_key = to_hex(&signing.verifying_key().to_sec1_bytes());
            return Ok(NewKey { public_key, key_ref: self.secrets.seal(&to_hex(&bytes))? });
        }
    }

    fn sign(&self, key_ref: &str, digest: &[u8; 32]) -> Result<Vec<u8>, ApiError> {
        let signature: Signature = self.signing_key(key_ref)?.sign(digest);
        Ok(signature.to_bytes().to_vec())
    }
}

/// SM3 of `bytes`.
pub fn sm3_digest(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&sm3::Sm3::digest(bytes));
    out
}

/// Whether `signature` (r ‖ s) is `public_key`'s SM2 signature over `digest`.
pub fn verify(public_key: &str, digest: &[u8; 32], signature: &[u8]) -> bool {
    let Some(key) = from_hex(public_key) else { return false };
    let Ok(key) = VerifyingKey::from_sec1_bytes(DIST_ID, &key) else { return false };
    let Ok(signature) = Signature::try_from(signature) else { return false };
    key.verify(digest, &signature).is_ok()
}

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> SoftwareSm2 {
        let dir = std::env::temp_dir().join(format!("seal-test-{}", std::process::id()));
        let config = crate::config::Config { data_dir: dir, ..crate::config::Config::default() };
        SoftwareSm2 { secrets: SecretBox::from_config(&config).unwrap() }
    }

    #[test]
    fn a_signature_verifies_only_for_its_bytes_and_key() {
        let signer = signer();
        let key = signer.new_key().unwrap();
        assert!(key.key_ref.starts_with("sealed:"), "the private key is sealed at rest");
        let document = b"%PDF-1.7 a sealed request".to_vec();
        let digest = sm3_digest(&document);
        let signature = signer.sign(&key.key_ref, &digest).unwrap();
        assert_eq!(signature.len(), 64);
        assert!(verify(&key.public_key, &digest, &signature));

        let mut changed = document.clone();
        changed[3] ^= 1;
        assert!(!verify(&key.public_key, &sm3_digest(&changed), &signature), "one byte changed");

        let other = signer.new_key().unwrap();
        assert!(!verify(&other.public_key, &digest, &signature), "wrong key");
        assert!(!verify("zz", &digest, &signature));
        assert!(!verify(&key.public_key, &digest, &signature[..10]));
    }

    #[test]
    fn sm3_matches_the_standard_vector() {
        // GB/T 32905-2016 Appendix A, example 1: "abc".
        assert_eq!(to_hex(&sm3_digest(b"abc")), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }
}
