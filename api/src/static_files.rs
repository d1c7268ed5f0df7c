//! Serves the built SPA at `/`, falling back to `index.html` for client-side routes.

use std::path::Path;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::{HttpResponse, web};

const NO_SPA: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>智慧党建平台</title>\
<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>智慧党建平台</h1>\
<p>服务已启动。网页界面尚未构建（web-ui/dist 不存在）。</p><p><a href=\"/api/docs/\">API 文档</a></p></body></html>";

pub fn routes(cfg: &mut web::ServiceConfig, dir: &Path) {
    let index = dir.join("index.html");
    if index.exists() {
        cfg.service(Files::new("/", dir).index_file("index.html").default_handler(fn_service(
            move |req: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (req, _) = req.into_parts();
                    let file = NamedFile::open_async(&index).await?;
                    Ok(ServiceResponse::new(req.clone(), file.into_response(&req)))
                }
            },
        )));
    } else {
        cfg.route(
            "/",
            web::get().to(|| async { HttpResponse::Ok().content_type("text/html; charset=utf-8").body(NO_SPA) }),
        );
    }
}

/// Cache rules: fingerprinted assets (`app-3f9c…e1.wasm`) never change, so browsers keep them
/// for a year; `index.html` and client routes are revalidated; API answers are never stored.
pub async fn cache_headers(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
    let path = req.path().to_string();
    let mut response = next.call(req).await?;
    let value = if path.starts_with("/api/v1/") {
        "no-store"
    } else if is_fingerprinted(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    if !response.headers().contains_key(CACHE_CONTROL) {
        response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    Ok(response)
}

/// `name-<12 hex>.ext` as written by scripts/build-web.sh.
fn is_fingerprinted(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprinted_names() {
        assert!(super::is_fingerprinted("/app-ab003b88a715.wasm"));
        assert!(super::is_fingerprinted("/style-0caa3ced37bf.css"));
        assert!(!super::is_fingerprinted("/index.html"));
        assert!(!super::is_fingerprinted("/members/12"));
        assert!(!super::is_fingerprinted("/api/docs/swagger-ui.css"));
    }
}
