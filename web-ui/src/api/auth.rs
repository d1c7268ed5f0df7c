//! Login, logout, who am I, role switch, in-app notifications.

use gloo_net::http::Request;
use shared::RoleAssignmentId;
use shared::api::auth::{LoginRequest, LoginResponse, Me, SwitchRoleRequest};

use super::client::{ApiError, early_answer, send, url, with_json};

pub async fn login(login: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest { login: login.into(), password: password.into() };
    send(with_json(Request::post(&url("/auth/login")), &body)).await
}

pub async fn logout() -> Result<(), ApiError> {
    send(Request::post(&url("/auth/logout")).build()).await
}

pub async fn me() -> Result<Me, ApiError> {
    send(Request::get(&url("/me")).build()).await
}

/// Who is logged in, from the request `index.html` started while the code downloaded; asks
/// again only when that one did not succeed.
pub async fn me_at_start() -> Result<Me, ApiError> {
    match early_answer("__djMe", None).await {
        Some(me) => Ok(me),
        None => me().await,
    }
}

pub async fn switch_role(id: RoleAssignmentId) -> Result<Me, ApiError> {
    send(with_json(Request::put(&url("/me/active-role")), &SwitchRoleRequest { role_assignment_id: id })).await
}

/// The latest five notifications, for the home page.
pub async fn notifications() -> Result<Vec<shared::api::notify::NotificationView>, ApiError> {
    let page: shared::api::notify::NotificationPage =
        send(Request::get(&url("/notifications?limit=5")).build()).await?;
    Ok(page.items)
}
