//! 电子印章: an org's seal (image, 机关代字, signer, public key), its changes by the 政工部门, an
//! uploaded image, and the log of its uses.

use gloo_net::http::Request;
use shared::api::requests::{SealUpdate, SealUse, SealView};

use super::client::{ApiError, send, url, with_json};

pub async fn get(org: i64) -> Result<SealView, ApiError> {
    send(Request::get(&url(&format!("/seals/{org}"))).build()).await
}

pub async fn update(org: i64, input: &SealUpdate) -> Result<SealView, ApiError> {
    send(with_json(Request::put(&url(&format!("/seals/{org}"))), input)).await
}

/// A PNG or JPEG (the file itself as the body; the server checks what it is).
pub async fn upload_image(org: i64, file: web_sys::File) -> Result<SealView, ApiError> {
    let request = Request::post(&url(&format!("/seals/{org}/image")))
        .header("content-type", "application/octet-stream")
        .body(wasm_bindgen::JsValue::from(file));
    send(request).await
}

pub async fn uses(org: i64) -> Result<Vec<SealUse>, ApiError> {
    send(Request::get(&url(&format!("/seals/{org}/uses"))).build()).await
}

/// The seal as an image for an `<img>` (the session cookie goes along); `version` changes the
/// address whenever the seal changes, so the browser shows the new one.
pub fn image_href(org: i64, version: i64) -> String {
    url(&format!("/seals/{org}/image?v={version}"))
}
