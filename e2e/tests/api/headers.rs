//! Security headers: a strict CSP (no inline scripts) for the app, no framing, no sniffing,
//! and HSTS only when the deployment is served over HTTPS.

use e2e::TestApp;

#[test]
fn the_app_and_the_api_send_strict_security_headers() {
    let app = TestApp::spawn();
    for path in ["/", "/api/v1/me", "/healthz"] {
        let response = app.anonymous().client.get(app.url(path)).send().unwrap();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let csp = header("content-security-policy");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{path}: no inline scripts");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
        assert_eq!(header("strict-transport-security"), "", "{path}: no HSTS over plain HTTP");
    }
}

#[test]
fn hsts_and_secure_cookies_when_behind_https() {
    let app = TestApp::spawn_with(|c| c.secure_cookies = true);
    let response = app.anonymous().client.get(app.url("/healthz")).send().unwrap();
    let hsts = response.headers().get("strict-transport-security").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(hsts.starts_with("max-age="), "{hsts}");
}
