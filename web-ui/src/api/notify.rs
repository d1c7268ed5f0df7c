//! The notification centre and analysis alerts.
use gloo_net::http::Request;
use shared::NotificationId;
use shared::api::Page;
use shared::api::alerts::{AlertQuery, AlertReport};
use shared::api::notify::{MarkRead, NotificationPage, NotificationQuery, NotificationView, UnreadCount};

use super::client::{ApiError, send, url, url_with};

pub async fn page(query: &NotificationQuery) -> Result<NotificationPage, ApiError> {
    send(Request::get(&url_with("/notifications", query)).build()).await
}

/// One page of notifications as a list page (the unread count comes with `unread_count`).
pub async fn list(unread_only: bool, cursor: Option<String>) -> Result<Page<NotificationView>, ApiError> {
    let query = NotificationQuery {
        unread_only: unread_only.then_some(true),
        page: shared::api::PageQuery::after(30, cursor),
    };
    page(&query).await.map(|p| Page::new(p.items, p.next_cursor))
}

pub async fn unread_count() -> Result<i64, ApiError> {
    let query = NotificationQuery { unread_only: Some(true), page: shared::api::PageQuery::first(1) };
    page(&query).await.map(|p| p.unread_count)
}

pub async fn mark_read(ids: Vec<NotificationId>, all: bool) -> Result<UnreadCount, ApiError> {
    send(super::client::with_json(Request::post(&url("/notifications/read")), &MarkRead { ids, all })).await
}

pub async fn alerts(query: &AlertQuery) -> Result<AlertReport, ApiError> {
    send(Request::get(&url_with("/alerts", query)).build()).await
}
