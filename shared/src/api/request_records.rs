//! What a request leaves behind and who checks it: the public verification of a sealed
//! document, the org seals, the archive (档案) and SMS approval.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use super::requests::{DocumentKind, OrgName, Retention};

/// The public check of a sealed document (`/api/v1/verify/{code}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyResult {
    pub code: String,
    /// `valid` (有效), `tampered` (已被篡改: the bytes or the signature do not match).
    pub status: String,
    pub status_label: String,
    pub kind: DocumentKind,
    pub issuer: String,
    pub doc_number: String,
    pub title: String,
    pub sealed_at: DateTime<Utc>,
    /// SM2-with-SM3 (OID 1.2.156.10197.1.501).
    pub algorithm: String,
    /// The SM3 digest recorded at sealing (hex).
    pub digest: String,
    /// The SM3 digest of the bytes checked now (hex).
    pub checked_digest: String,
    pub signer: String,
}

/// An org's seal as the 政工部门 manages it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SealView {
    pub org: OrgName,
    /// `uploaded` or `generated` (the standard round red seal drawn from the org's name).
    pub image: String,
    pub doc_prefix: String,
    /// The signer behind the seal (`software-sm2`, or a 密码设备's name).
    pub signer: String,
    /// The SM2 public key (uncompressed point, hex).
    pub public_key: String,
    pub updated_at: DateTime<Utc>,
    pub uses: i64,
}

/// `PUT /seals/{org_id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SealUpdate {
    pub doc_prefix: String,
    /// Drops an uploaded image, back to the generated seal.
    #[serde(default)]
    pub generated_image: bool,
    /// A new key pair (documents sealed before keep verifying with the key they were sealed with).
    #[serde(default)]
    pub new_key: bool,
}

/// One use of a seal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SealUse {
    pub request_id: i64,
    pub kind: DocumentKind,
    pub doc_number: String,
    pub title: String,
    pub sealed_by: String,
    pub sealed_at: DateTime<Utc>,
}

/// An archived request (档案).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArchiveView {
    pub id: i64,
    pub request_id: i64,
    pub org: OrgName,
    pub year: i32,
    pub retention: Retention,
    pub title: String,
    pub doc_number: String,
    pub size_bytes: i64,
    /// SHA-256 of `manifest.json` inside the package.
    pub manifest_sha256: String,
    pub download_url: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

/// `GET /archive` filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ArchiveQuery {
    #[serde(default, deserialize_with = "super::page::from_text", skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Title or 发文字号 contains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub page: PageQuery,
}

/// The phone page an SMS link opens (`/api/v1/requests/sms/{token}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsApprovalView {
    pub request_id: i64,
    pub title: String,
    pub org: String,
    pub doc_number: String,
    pub approver: String,
    pub expires_at: DateTime<Utc>,
    /// The 请示's pages as text paragraphs, for reading on the phone.
    pub body: String,
    pub pdf_url: String,
    /// Already decided (the link is spent).
    pub used: bool,
}

/// `POST /api/v1/requests/sms/{token}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsDecision {
    /// `approve` or `return`.
    pub decision: super::workflow::Decision,
    #[serde(default)]
    pub comment: Option<String>,
}

/// The SMS provider's inbound (上行) callback body. Signed: `X-Sms-Timestamp` (unix seconds),
/// `X-Sms-Signature` = hex HMAC-SHA256 over `timestamp + "\n" + body` with the inbound secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsInbound {
    /// The provider's id of the message (a replay is refused).
    pub message_id: String,
    pub phone: String,
    /// The extension (扩展码) the reply came back on.
    pub ext: String,
    pub text: String,
}

/// What the inbound callback did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsInboundResult {
    /// `approved`, `returned`, `ignored`.
    pub outcome: String,
    pub request_id: Option<i64>,
}
