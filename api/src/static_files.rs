//! Serves the built SPA at `/`, falling back to `index.html` for client-side routes.
//!
//! `scripts/build-web.sh` writes every text and wasm file three times: as is, `.br` (brotli
//! quality 11) and `.gz` (gzip level 9). This handler picks the smallest one the browser accepts
//! and sends it with `Content-Encoding` and `Vary: Accept-Encoding`; nothing is compressed on
//! the fly (an identity answer is marked so that the `Compress` middleware leaves it alone).

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, mime, web};

const NO_SPA: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>智慧党建平台</title>\
<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>智慧党建平台</h1>\
<p>服务已启动。网页界面尚未构建（web-ui/dist 不存在）。</p><p><a href=\"/api/docs/\">API 文档</a></p></body></html>";

pub fn routes(cfg: &mut web::ServiceConfig, dir: &Path) {
    if dir.join("index.html").exists() {
        let dir = dir.to_path_buf();
        cfg.default_service(fn_service(move |req: ServiceRequest| {
            let dir = dir.clone();
            async move {
                let (req, _) = req.into_parts();
                let response = serve(&req, &dir).await;
                Ok(ServiceResponse::new(req, response))
            }
        }));
    } else {
        cfg.route(
            "/",
            web::get().to(|| async { HttpResponse::Ok().content_type("text/html; charset=utf-8").body(NO_SPA) }),
        );
    }
}

async fn serve(req: &HttpRequest, dir: &Path) -> HttpResponse {
    if !matches!(*req.method(), actix_web::http::Method::GET | actix_web::http::Method::HEAD) {
        return HttpResponse::MethodNotAllowed().finish();
    }
    let Some(relative) = safe_relative(req.path()) else {
        return HttpResponse::NotFound().finish();
    };
    let mut file = dir.join(&relative);
    if relative.as_os_str().is_empty() || !file.is_file() {
        // A client-side route (no extension) gets the app shell (the login page its own, with a
        // form that works before the app has loaded); a missing asset is a 404.
        if relative.extension().is_some() {
            return HttpResponse::NotFound().finish();
        }
        let login = dir.join("login.html");
        file = if relative == Path::new("login") && login.is_file() { login } else { dir.join("index.html") };
    }
    match open_best(req, &file).await {
        Ok(response) => response,
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

/// The request path as a relative path inside the SPA directory, or `None` for anything that
/// could leave it (`..`, backslashes, NUL, absolute segments).
fn safe_relative(path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

/// Which stored encodings the request accepts, best first.
fn accepted(req: &HttpRequest) -> Vec<(ContentEncoding, &'static str)> {
    let header = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let offers = |name: &str| {
        header.split(',').any(|part| {
            let mut pieces = part.trim().split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let refused = pieces.any(|p| p.trim().replace(' ', "") == "q=0");
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    let mut out = Vec::new();
    if offers("br") {
        out.push((ContentEncoding::Brotli, "br"));
    }
    if offers("gzip") {
        out.push((ContentEncoding::Gzip, "gz"));
    }
    out
}

async fn open_best(req: &HttpRequest, file: &Path) -> std::io::Result<HttpResponse> {
    let content_type = content_type_of(file);
    for (encoding, suffix) in accepted(req) {
        let mut name = file.as_os_str().to_owned();
        name.push(".");
        name.push(suffix);
        let compressed = PathBuf::from(name);
        if compressed.is_file() {
            let named = NamedFile::open_async(&compressed)
                .await?
                .set_content_type(content_type.clone())
                .disable_content_disposition();
            let mut response = named.set_content_encoding(encoding).into_response(req);
            vary(&mut response);
            return Ok(response);
        }
    }
    let named = NamedFile::open_async(file).await?.set_content_type(content_type).disable_content_disposition();
    let mut response = named.set_content_encoding(ContentEncoding::Identity).into_response(req);
    vary(&mut response);
    Ok(response)
}

fn vary(response: &mut HttpResponse) {
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
}

fn content_type_of(file: &Path) -> mime::Mime {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "wasm" => "application/wasm".parse().unwrap_or(mime::APPLICATION_OCTET_STREAM),
        "webmanifest" => "application/manifest+json".parse().unwrap_or(mime::APPLICATION_JSON),
        "js" | "mjs" => mime::APPLICATION_JAVASCRIPT_UTF_8,
        "css" => mime::TEXT_CSS_UTF_8,
        "html" => mime::TEXT_HTML_UTF_8,
        "json" => mime::APPLICATION_JSON,
        "svg" => mime::IMAGE_SVG,
        "png" => mime::IMAGE_PNG,
        _ => mime::APPLICATION_OCTET_STREAM,
    }
}

/// Cache rules: fingerprinted assets (`app-3f9c…e1.wasm`, `/assets/<hash>/…`) never change, so
/// browsers keep them for a year; `index.html`, the service worker and client routes are
/// revalidated; API answers are never stored.
pub async fn cache_headers(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::http::header::CACHE_CONTROL;
    let path = req.path().to_string();
    let mut response = next.call(req).await?;
    let value = if path.starts_with("/api/v1/") {
        "no-store"
    } else if is_fingerprinted(&path) && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    if !response.headers().contains_key(CACHE_CONTROL) {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    Ok(response)
}

/// `name-<12 hex>.ext` or anything under `/assets/<12 hex>/`, as written by scripts/build-web.sh.
fn is_fingerprinted(path: &str) -> bool {
    let hex12 = |s: &str| s.len() == 12 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(rest) = path.strip_prefix("/assets/") {
        return rest.split_once('/').is_some_and(|(dir, file)| hex12(dir) && !file.is_empty());
    }
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    stem.rsplit_once('-').is_some_and(|(_, hash)| hex12(hash))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprinted_names() {
        assert!(super::is_fingerprinted("/app-ab003b88a715.wasm"));
        assert!(super::is_fingerprinted("/style-0caa3ced37bf.css"));
        assert!(super::is_fingerprinted("/assets/0caa3ced37bf/split_members.wasm"));
        assert!(!super::is_fingerprinted("/assets/nothex/app.js"));
        assert!(!super::is_fingerprinted("/index.html"));
        assert!(!super::is_fingerprinted("/sw.js"));
        assert!(!super::is_fingerprinted("/members/12"));
        assert!(!super::is_fingerprinted("/api/docs/swagger-ui.css"));
    }

    #[test]
    fn paths_cannot_leave_the_directory() {
        assert_eq!(super::safe_relative("/assets/x/app.js"), Some("assets/x/app.js".into()));
        assert_eq!(super::safe_relative("/"), Some("".into()));
        assert_eq!(super::safe_relative("/../etc/passwd"), None);
        assert_eq!(super::safe_relative("/a/..\\b"), None);
    }
}
