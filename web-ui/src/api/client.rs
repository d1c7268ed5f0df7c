//! The one request function every feature's calls go through. The session travels in the
//! HttpOnly cookie the server sets at login; this code never sees the token.

use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::error::{ErrorBody, ErrorCode, FieldError};

const BASE: &str = "/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub body: ErrorBody,
}

impl ApiError {
    fn network() -> ApiError {
        ApiError {
            status: 0,
            body: ErrorBody {
                code: ErrorCode::Internal,
                message: crate::i18n::stored().network_error.into(),
                details: None,
            },
        }
    }

    /// A problem found before sending (e.g. a date the browser could not read), shown like the
    /// server's 422.
    pub fn local(message: &str) -> ApiError {
        ApiError {
            status: 422,
            body: ErrorBody { code: ErrorCode::Validation, message: message.into(), details: None },
        }
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401 && self.body.code == ErrorCode::Unauthenticated
    }

    pub fn fields(&self) -> Vec<FieldError> {
        self.body.details.as_ref().map(|d| d.fields.clone()).unwrap_or_default()
    }
}

pub(super) async fn send<T: DeserializeOwned>(request: Result<Request, gloo_net::Error>) -> Result<T, ApiError> {
    let request = request.map_err(|_| ApiError::network())?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    let status = response.status();
    if (200..300).contains(&status) {
        if status == 204 {
            return serde_json::from_str("null").map_err(|_| ApiError::network());
        }
        return response.json::<T>().await.map_err(|_| ApiError::network());
    }
    let body = response.json::<ErrorBody>().await.unwrap_or_else(|_| ErrorBody {
        code: ErrorCode::Internal,
        message: format!("HTTP {status}"),
        details: None,
    });
    Err(ApiError { status, body })
}

/// A promise `index.html` started before the app loaded (web-ui/shell/boot.js): the global
/// `name`, or the entry `key` of the global map `name`. Taken once.
fn started_early(name: &str, key: Option<&str>) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &name.into()).ok()?;
    let value = match key {
        None => {
            let _ = js_sys::Reflect::set(&window, &name.into(), &wasm_bindgen::JsValue::UNDEFINED);
            value
        }
        Some(key) => {
            let map: js_sys::Object = value.dyn_into().ok()?;
            let entry = js_sys::Reflect::get(&map, &key.into()).ok()?;
            let _ = js_sys::Reflect::delete_property(&map, &key.into());
            entry
        }
    };
    value.dyn_into::<js_sys::Promise>().ok()
}

/// The answer of an early request, if it succeeded (it resolves to null otherwise).
pub(super) async fn early_answer<T: DeserializeOwned>(name: &str, key: Option<&str>) -> Option<T> {
    let value = wasm_bindgen_futures::JsFuture::from(started_early(name, key)?).await.ok()?;
    if value.is_null() || value.is_undefined() {
        return None;
    }
    let text: String = js_sys::JSON::stringify(&value).ok()?.into();
    serde_json::from_str(&text).ok()
}

/// A GET that `index.html` may already have started for the page being opened.
pub(super) async fn get_early<T: DeserializeOwned>(url: String) -> Result<T, ApiError> {
    match early_answer("__djPrefetch", Some(&url)).await {
        Some(value) => Ok(value),
        None => send(Request::get(&url).build()).await,
    }
}

pub(super) fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

pub(super) fn with_json<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

/// `path` with the typed query of `shared` as its query string (absent filters are left out).
pub(super) fn url_with<Q: Serialize>(path: &str, query: &Q) -> String {
    match serde_urlencoded::to_string(query) {
        Ok(text) if !text.is_empty() => format!("{}?{text}", url(path)),
        _ => url(path),
    }
}
