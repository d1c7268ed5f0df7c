//! Rotating check-in codes: HMAC(secret, meeting, 30-second window). The host's screen shows a
//! fresh code; a code copied and sent away stops working within a minute.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::DbConnection;
use crate::error::ApiError;

pub const WINDOW_SECONDS: i64 = 30;

/// The server's check-in secret, created on first use and kept in the database (so every
/// instance agrees).
pub fn secret(conn: &mut DbConnection) -> Result<String, ApiError> {
    if let Some(value) = crate::db::settings::get(conn, "checkin_secret")? {
        return Ok(value);
    }
    let value = crate::auth::session::new_token();
    crate::db::settings::insert(conn, "checkin_secret", &value)?;
    Ok(value)
}

fn code_for(secret: &str, meeting_id: i64, window: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{meeting_id}:{window}").as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())[..12].to_string()
}

pub fn current(secret: &str, meeting_id: i64, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
    let window = now.timestamp() / WINDOW_SECONDS;
    let expires = DateTime::from_timestamp((window + 2) * WINDOW_SECONDS, 0).unwrap_or(now);
    (code_for(secret, meeting_id, window), expires)
}

/// Accepts the code of the current or the previous window.
pub fn verify(secret: &str, meeting_id: i64, code: &str, now: DateTime<Utc>) -> bool {
    let window = now.timestamp() / WINDOW_SECONDS;
    [window, window - 1].iter().any(|w| code_for(secret, meeting_id, *w) == code.trim())
}

pub fn qr_svg(text: &str) -> Result<String, ApiError> {
    crate::documents::qr_svg(text, 220)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_rotate_and_expire() {
        let t = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let (code, _) = current("s", 7, t);
        assert!(verify("s", 7, &code, t));
        assert!(verify("s", 7, &code, t + chrono::Duration::seconds(WINDOW_SECONDS)), "previous window still accepted");
        assert!(!verify("s", 7, &code, t + chrono::Duration::seconds(3 * WINDOW_SECONDS)), "expired");
        assert!(!verify("s", 8, &code, t), "another meeting");
        assert!(!verify("other", 7, &code, t), "another secret");
        assert!(qr_svg("https://x/checkin?m=1&c=abc").unwrap().starts_with("<?xml"));
    }
}
