//! The public check behind a sealed document's QR code: recompute the SM3 digest of the stored
//! PDF (or of a PDF someone holds and uploads), and verify the SM2 signature with the public
//! key the document was sealed with. 有效 when both hold; 已被篡改 otherwise.

use shared::api::requests::{DocumentKind, VerifyResult};

use super::repo::records;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::files::FileStore;
use crate::seals::signer::{ALGORITHM, from_hex, sm3_digest, to_hex, verify};

pub fn check(
    conn: &mut DbConnection,
    store: &FileStore,
    code: &str,
    held: Option<&[u8]>,
) -> Result<VerifyResult, ApiError> {
    let doc = records::document_by_code(conn, code)?.ok_or_else(|| ApiError::not_found("公文"))?;
    let bytes = match held {
        Some(b) => b.to_vec(),
        None => {
            let sha = crate::files::repo::get(conn, doc.file_id)?.sha256;
            store.read_in(conn, &sha)?
        }
    };
    let digest = sm3_digest(&bytes);
    let signature = from_hex(&doc.signature).unwrap_or_default();
    let valid = to_hex(&digest) == doc.digest && verify(&doc.public_key, &digest, &signature);
    let issuer = crate::orgs::repo::get(conn, doc.org_id)?.name;
    Ok(VerifyResult {
        code: doc.code,
        status: if valid { "valid" } else { "tampered" }.into(),
        status_label: if valid { "有效" } else { "已被篡改" }.into(),
        kind: DocumentKind::from_code(&doc.kind).unwrap_or(DocumentKind::Request),
        issuer,
        doc_number: doc.doc_number,
        title: doc.title,
        sealed_at: doc.sealed_at.and_utc(),
        algorithm: ALGORITHM.into(),
        digest: doc.digest,
        checked_digest: to_hex(&digest),
        signer: doc.signer,
    })
}

/// The check as a small page for a phone's browser (no script).
pub fn page(result: Option<&VerifyResult>) -> String {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let body = match result {
        Some(r) => format!(
            "<h1>{kind}核验</h1><p class=\"state {state}\">{label}</p><dl><dt>标题</dt><dd>{title}</dd><dt>发文字号</dt><dd>{no}</dd><dt>签章单位</dt><dd>{issuer}</dd><dt>签章时间</dt><dd>{at}</dd><dt>算法</dt><dd>{alg}</dd><dt>SM3 摘要</dt><dd class=\"hash\">{digest}</dd></dl>",
            kind = r.kind.label(),
            state = esc(&r.status),
            label = esc(&r.status_label),
            title = esc(&r.title),
            no = esc(&r.doc_number),
            issuer = esc(&r.issuer),
            at = r
                .sealed_at
                .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
                .format("%Y-%m-%d %H:%M"),
            alg = esc(&r.algorithm),
            digest = esc(&r.checked_digest),
        ),
        None => "<h1>未找到该公文</h1><p class=\"state tampered\">无法核验：核验码不存在。</p>".into(),
    };
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>电子公文核验</title><style>body{{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}}h1{{font-size:1.25rem;color:#b71c1c}}.state{{font-weight:bold;padding:.5rem;border-radius:4px}}.valid{{background:#e8f5e9;color:#1b5e20}}.tampered{{background:#ffebee;color:#b71c1c}}dt{{color:#666;margin-top:.5rem}}dd{{margin:0}}.hash{{font-family:monospace;font-size:.75rem;word-break:break-all}}</style></head><body>{body}<p style=\"color:#888;font-size:.8rem\">智慧党建平台 · 电子印章为平台内部签章（SM2/SM3），法律效力需经认证的 CA 与密码设备</p></body></html>"
    )
}
