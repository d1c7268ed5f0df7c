//! Pulling every page of an HR master-data REST endpoint, with retries, into rows keyed by our
//! field names (through the connector's field mapping).

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;
use shared::api::hr::PagingStyle;

use super::file_import::KeyedRows;
use super::record::FIELDS;

#[derive(Debug, Clone)]
pub struct ConnectorSettings {
    pub base_url: String,
    pub auth_header: Option<(String, String)>,
    pub paging_style: PagingStyle,
    pub page_size: i32,
    pub items_pointer: String,
    pub next_cursor_pointer: Option<String>,
    /// Our field → their field (a JSON pointer like `/contact/mobile` or a plain key).
    pub field_mapping: BTreeMap<String, String>,
    pub timeout: Duration,
    /// The deployment's `[hr] allowed_hosts`.
    pub allowed_hosts: Vec<String>,
}

const ATTEMPTS: u32 = 4;
const MAX_PAGES: usize = 10_000;
const MAX_RECORDS: usize = 500_000;
/// Largest accepted page body; a larger (or endless) answer is cut off and refused.
const MAX_PAGE_BYTES: u64 = 32 * 1024 * 1024;

/// A client for one allowed host, pinned to the address it resolved to, that never follows
/// redirects (a 3xx could point anywhere).
fn client(settings: &ConnectorSettings) -> Result<reqwest::blocking::Client, String> {
    crate::install_tls_provider();
    let url = url::Url::parse(&settings.base_url).map_err(|_| "人事系统地址无效".to_string())?;
    let (host, address) = super::allow_list::resolve(&url, &settings.allowed_hosts)?;
    reqwest::blocking::Client::builder()
        .timeout(settings.timeout)
        .connect_timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .resolve(&host, address)
        .build()
        .map_err(|_| "HTTP 客户端初始化失败".to_string())
}

/// Reads a successful answer's body, at most `MAX_PAGE_BYTES`, as JSON. Messages never quote
/// the remote content.
fn read_json(response: reqwest::blocking::Response) -> Result<Value, String> {
    use std::io::Read;
    if response.content_length().is_some_and(|n| n > MAX_PAGE_BYTES) {
        return Err(format!("人事系统单页返回超过 {} MB，已拒绝", MAX_PAGE_BYTES >> 20));
    }
    let mut body = Vec::new();
    response.take(MAX_PAGE_BYTES + 1).read_to_end(&mut body).map_err(|_| "读取人事系统返回内容失败".to_string())?;
    if body.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!("人事系统单页返回超过 {} MB，已拒绝", MAX_PAGE_BYTES >> 20));
    }
    serde_json::from_slice(&body).map_err(|_| "人事系统返回的不是有效 JSON".to_string())
}

/// GET with retries on timeouts, connection errors and 5xx (backoff 0.5 s, 1 s, 2 s).
fn get_page(
    client: &reqwest::blocking::Client,
    settings: &ConnectorSettings,
    query: &[(String, String)],
) -> Result<Value, String> {
    let mut last_error = String::new();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(500 << (attempt - 1)));
        }
        let mut url = url::Url::parse(&settings.base_url).map_err(|_| "人事系统地址无效".to_string())?;
        url.query_pairs_mut().extend_pairs(query);
        let mut request = client.get(url);
        if let Some((name, value)) = &settings.auth_header {
            request = request.header(name.as_str(), value.as_str());
        }
        match request.send() {
            Ok(response) if response.status().is_success() => return read_json(response),
            Ok(response) if response.status().is_redirection() => {
                return Err(format!("人事系统返回重定向（{}），出于安全考虑不跟随", response.status().as_u16()));
            }
            Ok(response) if response.status().is_server_error() => {
                last_error = format!("人事系统返回 {}", response.status())
            }
            Ok(response) => return Err(format!("人事系统拒绝请求：{}", response.status())),
            Err(e) if e.is_timeout() => last_error = "人事系统响应超时".to_string(),
            Err(e) => {
                tracing::warn!(attempt, error = %e, "HR page request failed");
                last_error = "无法连接人事系统".to_string()
            }
        }
        tracing::warn!(attempt, error = %last_error, "HR page request failed, retrying");
    }
    Err(format!("{last_error}（已重试 {} 次）", ATTEMPTS - 1))
}

fn lookup<'a>(record: &'a Value, key: &str) -> Option<&'a Value> {
    if key.starts_with('/') { record.pointer(key) } else { record.get(key) }
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One HR JSON record as a keyed row; fields missing from the mapping use our own names.
pub fn map_record(record: &Value, mapping: &BTreeMap<String, String>) -> BTreeMap<&'static str, String> {
    let mut row = BTreeMap::new();
    for (field, _, _) in FIELDS {
        let key = mapping.get(field).map_or(field, String::as_str);
        if let Some(text) = lookup(record, key).and_then(as_text) {
            row.insert(field, text);
        }
    }
    row
}

/// Fetches every page; `progress` is told the number of records read so far.
pub fn pull(settings: &ConnectorSettings, mut progress: impl FnMut(usize)) -> Result<KeyedRows, String> {
    let client = client(settings)?;
    let size = settings.page_size.clamp(1, 5000);
    let mut rows: KeyedRows = Vec::new();
    let mut cursor: Option<String> = None;
    for page_index in 0..MAX_PAGES {
        let query: Vec<(String, String)> = match settings.paging_style {
            PagingStyle::PageNumber => {
                vec![("page".into(), (page_index + 1).to_string()), ("size".into(), size.to_string())]
            }
            PagingStyle::Offset => {
                vec![("offset".into(), (page_index * size as usize).to_string()), ("limit".into(), size.to_string())]
            }
            PagingStyle::Cursor => match &cursor {
                Some(c) => vec![("cursor".into(), c.clone()), ("limit".into(), size.to_string())],
                None => vec![("limit".into(), size.to_string())],
            },
        };
        let page = get_page(&client, settings, &query)?;
        let items = lookup(&page, &settings.items_pointer)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("人事系统返回中没有找到记录数组（{}）", settings.items_pointer))?;
        for item in items {
            rows.push((rows.len() as i64 + 1, map_record(item, &settings.field_mapping)));
        }
        progress(rows.len());
        let done = match settings.paging_style {
            PagingStyle::Cursor => {
                cursor = settings
                    .next_cursor_pointer
                    .as_deref()
                    .and_then(|p| lookup(&page, p))
                    .and_then(as_text)
                    .filter(|c| !c.is_empty());
                cursor.is_none()
            }
            // Servers may cap the page size below ours, so only an empty page ends the list.
            _ => items.is_empty(),
        };
        if rows.len() > MAX_RECORDS {
            return Err(format!("人事系统返回超过 {MAX_RECORDS} 条记录，已停止"));
        }
        if done {
            return Ok(rows);
        }
    }
    Err("人事系统分页超过上限，已停止".to_string())
}
