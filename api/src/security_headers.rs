//! Response headers that make the browser enforce what the server intends: a strict
//! Content-Security-Policy for the SPA (no inline or foreign scripts; the wasm module may be
//! compiled), no framing, no sniffing, no referrer leaks, and HSTS when the deployment says it
//! is served over HTTPS (`secure_cookies`).

use actix_web::http::header::{HeaderName, HeaderValue};

/// The SPA and everything else outside the API docs. Styles may be inline (Yew sets `style`
/// attributes, e.g. progress bars); scripts may not.
const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";

/// The vendored Swagger UI boots with an inline script; it is served only under `/api/docs/`.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const HSTS: &str = "max-age=31536000; includeSubDomains";

pub async fn add(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let https = req.app_data::<actix_web::web::Data<crate::state::AppState>>().is_some_and(|s| s.config.secure_cookies);
    let docs = req.path().starts_with("/api/docs");
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let mut set = |name: &'static str, value: &'static str| {
        if !headers.contains_key(name) {
            headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
        }
    };
    set("content-security-policy", if docs { DOCS_CSP } else { APP_CSP });
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "same-origin");
    set("cross-origin-opener-policy", "same-origin");
    set("permissions-policy", "camera=(self), geolocation=(), microphone=()");
    if https {
        set("strict-transport-security", HSTS);
    }
    Ok(response)
}
