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
        cfg.service(Files::new("/", dir).index_file("index.html").default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let file = NamedFile::open_async(&index).await?;
                Ok(ServiceResponse::new(req.clone(), file.into_response(&req)))
            }
        })));
    } else {
        cfg.route("/", web::get().to(|| async { HttpResponse::Ok().content_type("text/html; charset=utf-8").body(NO_SPA) }));
    }
}
