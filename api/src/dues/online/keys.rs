//! The cryptography of WeChat Pay API v3 with `ring`: RSA-SHA256 (PKCS#1 v1.5) signatures over
//! the signing message, PEM keys, and AES-256-GCM for the notification's resource.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair, UnparsedPublicKey};

/// The DER inside a PEM block (`-----BEGIN …-----`).
pub fn pem_der(pem: &str) -> Result<Vec<u8>, String> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
    STANDARD.decode(body).map_err(|e| format!("PEM is not base64: {e}"))
}

/// A DER element at `at`: (tag, content start, content end).
fn element(der: &[u8], at: usize) -> Result<(u8, usize, usize), String> {
    let bad = || "malformed DER".to_string();
    let tag = *der.get(at).ok_or_else(bad)?;
    let first = *der.get(at + 1).ok_or_else(bad)?;
    let (len, start) = if first < 0x80 {
        (first as usize, at + 2)
    } else {
        let n = (first & 0x7f) as usize;
        let bytes = der.get(at + 2..at + 2 + n).ok_or_else(bad)?;
        (bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize), at + 2 + n)
    };
    let end = start.checked_add(len).filter(|e| *e <= der.len()).ok_or_else(bad)?;
    Ok((tag, start, end))
}

/// The PKCS#1 RSAPublicKey inside a SubjectPublicKeyInfo (`BEGIN PUBLIC KEY`).
pub fn spki_rsa_key(spki: &[u8]) -> Result<Vec<u8>, String> {
    let (tag, start, _) = element(spki, 0)?;
    let (algorithm, _, algorithm_end) = element(spki, start)?;
    let (bits, bits_start, bits_end) = element(spki, algorithm_end)?;
    if tag != 0x30 || algorithm != 0x30 || bits != 0x03 || spki.get(bits_start) != Some(&0) {
        return Err("not an RSA public key".into());
    }
    Ok(spki[bits_start + 1..bits_end].to_vec())
}

pub struct Signer(RsaKeyPair);

impl Signer {
    /// A PKCS#8 private key (`BEGIN PRIVATE KEY`).
    pub fn from_pem(pem: &str) -> Result<Signer, String> {
        RsaKeyPair::from_pkcs8(&pem_der(pem)?).map(Signer).map_err(|e| format!("not an RSA PKCS#8 key: {e}"))
    }

    /// Base64 of the RSA-SHA256 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<String, String> {
        let mut signature = vec![0; self.0.public().modulus_len()];
        self.0
            .sign(&RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), message, &mut signature)
            .map_err(|_| "signing failed".to_string())?;
        Ok(STANDARD.encode(signature))
    }
}

pub struct Verifier(Vec<u8>);

impl Verifier {
    /// A public key (`BEGIN PUBLIC KEY`, as WeChat Pay publishes its platform key).
    pub fn from_pem(pem: &str) -> Result<Verifier, String> {
        Ok(Verifier(spki_rsa_key(&pem_der(pem)?)?))
    }

    pub fn verify(&self, message: &[u8], signature_b64: &str) -> bool {
        let Ok(signature) = STANDARD.decode(signature_b64.trim()) else { return false };
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &self.0).verify(message, &signature).is_ok()
    }
}

/// AES-256-GCM open of a notification resource (ciphertext with its tag, base64).
pub fn decrypt(key: &[u8], nonce: &str, associated_data: &str, ciphertext_b64: &str) -> Result<Vec<u8>, String> {
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).map_err(|_| "the APIv3 key must be 32 bytes")?);
    let nonce = Nonce::try_assume_unique_for_key(nonce.as_bytes()).map_err(|_| "the nonce must be 12 bytes")?;
    let mut data = STANDARD.decode(ciphertext_b64).map_err(|_| "ciphertext is not base64")?;
    let plain = key
        .open_in_place(nonce, Aad::from(associated_data.as_bytes()), &mut data)
        .map_err(|_| "the resource does not decrypt with the APIv3 key")?;
    Ok(plain.to_vec())
}

/// AES-256-GCM seal (the provider's side; used by tests' fakes through the library).
pub fn encrypt(key: &[u8], nonce: &str, associated_data: &str, plain: &[u8]) -> Result<String, String> {
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).map_err(|_| "the APIv3 key must be 32 bytes")?);
    let nonce = Nonce::try_assume_unique_for_key(nonce.as_bytes()).map_err(|_| "the nonce must be 12 bytes")?;
    let mut data = plain.to_vec();
    key.seal_in_place_append_tag(nonce, Aad::from(associated_data.as_bytes()), &mut data)
        .map_err(|_| "sealing failed")?;
    Ok(STANDARD.encode(data))
}
