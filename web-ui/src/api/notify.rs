//! The notification centre and analysis alerts.
use gloo_net::http::Request;
use shared::NotificationId;
use shared::api::Page;
use shared::api::alerts::{AlertQuery, AlertReport};
use shared::api::notify::{
    MailServerUpdate, MailServerView, MarkRead, NoticePreview, NoticeRequest, NoticeSent, NotificationPage,
    NotificationQuery, NotificationView, NotifyPolicy, SmsProviderUpdate, SmsProviderView, UnreadCount,
};
use shared::api::outbox::{OutboxDetail, OutboxMessageView, OutboxQuery, OutboxStatusView};

use super::client::{ApiError, send, url, url_with, with_json};

pub async fn page(query: &NotificationQuery) -> Result<NotificationPage, ApiError> {
    send(Request::get(&url_with("/notifications", query)).build()).await
}

/// One page of notifications as a list page (the unread count comes with `unread_count`).
pub async fn list(unread_only: bool, cursor: Option<String>) -> Result<Page<NotificationView>, ApiError> {
    let query =
        NotificationQuery { unread_only: unread_only.then_some(true), page: shared::api::PageQuery::after(30, cursor) };
    page(&query).await.map(|p| Page::new(p.items, p.next_cursor))
}

pub async fn unread_count() -> Result<i64, ApiError> {
    let query = NotificationQuery { unread_only: Some(true), page: shared::api::PageQuery::first(1) };
    page(&query).await.map(|p| p.unread_count)
}

pub async fn mark_read(ids: Vec<NotificationId>, all: bool) -> Result<UnreadCount, ApiError> {
    send(with_json(Request::post(&url("/notifications/read")), &MarkRead { ids, all })).await
}

pub async fn alerts(query: &AlertQuery) -> Result<AlertReport, ApiError> {
    send(Request::get(&url_with("/alerts", query)).build()).await
}

pub async fn preferences() -> Result<shared::api::notify::MyPreferences, ApiError> {
    send(Request::get(&url("/notifications/preferences")).build()).await
}

pub async fn save_preferences(
    update: &shared::api::notify::PreferencesUpdate,
) -> Result<shared::api::notify::MyPreferences, ApiError> {
    send(with_json(Request::put(&url("/notifications/preferences")), update)).await
}

pub async fn preview_notice(req: &NoticeRequest) -> Result<NoticePreview, ApiError> {
    send(with_json(Request::post(&url("/notices/preview")), req)).await
}

pub async fn send_notice(req: &NoticeRequest) -> Result<NoticeSent, ApiError> {
    send(with_json(Request::post(&url("/notices")), req)).await
}

pub async fn outbox(query: &OutboxQuery) -> Result<Page<OutboxMessageView>, ApiError> {
    send(Request::get(&url_with("/outbox", query)).build()).await
}

pub async fn outbox_detail(id: i64) -> Result<OutboxDetail, ApiError> {
    send(Request::get(&url(&format!("/outbox/{id}"))).build()).await
}

pub async fn resend(id: i64) -> Result<OutboxStatusView, ApiError> {
    send(Request::post(&url(&format!("/outbox/{id}/resend"))).build()).await
}

pub async fn policy() -> Result<NotifyPolicy, ApiError> {
    send(Request::get(&url("/notify/policy")).build()).await
}

pub async fn save_policy(policy: &NotifyPolicy) -> Result<NotifyPolicy, ApiError> {
    send(with_json(Request::put(&url("/notify/policy")), policy)).await
}

pub async fn sms_provider() -> Result<SmsProviderView, ApiError> {
    send(Request::get(&url("/notify/sms-provider")).build()).await
}

pub async fn save_sms_provider(update: &SmsProviderUpdate) -> Result<SmsProviderView, ApiError> {
    send(with_json(Request::put(&url("/notify/sms-provider")), update)).await
}

pub async fn mail_server() -> Result<MailServerView, ApiError> {
    send(Request::get(&url("/notify/mail-server")).build()).await
}

pub async fn save_mail_server(update: &MailServerUpdate) -> Result<MailServerView, ApiError> {
    send(with_json(Request::put(&url("/notify/mail-server")), update)).await
}
