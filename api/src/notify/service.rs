//! The notification service settings of the 政工部门: the SMS policy (quiet hours, daily cap,
//! price for estimates), the SMS provider and the mail server (secrets write-only). Every change
//! is audited with the view before and after (never a secret).

use actix_web::{get, put, web};
use serde::Serialize;
use shared::api::notify::{MailServerUpdate, MailServerView, NotifyPolicy, SmsProviderUpdate, SmsProviderView};
use shared::error::ErrorBody;
use shared::permissions::{Action, Scope};

use super::send::{POLICY_KEY, Policy};
use super::sms::settings as sms_settings;
use crate::auth::Actor;
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::state::AppState;

fn require_department(actor: &Actor) -> Result<(), ApiError> {
    match actor.require_action(Action::ManageOutbox)? {
        Scope::Everything => Ok(()),
        _ => Err(ApiError::forbidden("当前角色无权进行此操作")),
    }
}

/// Saves one service setting: `view` reads what is shown, `save` checks and stores the change;
/// the audit row holds both views. The dispatcher is woken, as the change may unblock a channel.
async fn save_audited<V, S>(
    state: &web::Data<AppState>,
    actor: Actor,
    entity: &'static str,
    view: fn(&mut DbConnection) -> Result<V, ApiError>,
    save: S,
) -> Result<V, ApiError>
where
    V: Serialize + Send + 'static,
    S: FnOnce(&mut DbConnection, &Config) -> Result<V, ApiError> + Send + 'static,
{
    require_department(&actor)?;
    let config = state.config.clone();
    let after = state
        .db
        .write(move |conn| {
            let before = view(conn)?;
            let after = save(conn, &config)?;
            crate::audit::record(conn, Some(&actor), "update", entity, 0, Some(&before), Some(&after))?;
            Ok(after)
        })
        .await?;
    state.wake_outbox();
    Ok(after)
}

fn policy_view(conn: &mut DbConnection) -> Result<NotifyPolicy, ApiError> {
    Ok(Policy::load(conn)?.0)
}

fn sms_view(conn: &mut DbConnection) -> Result<SmsProviderView, ApiError> {
    Ok(sms_settings::view(sms_settings::load(conn)?))
}

fn mail_view(conn: &mut DbConnection) -> Result<MailServerView, ApiError> {
    Ok(super::email::view(super::email::load(conn)?))
}

/// The SMS policy in force.
#[utoipa::path(tag = "notifications", responses((status = 200, body = NotifyPolicy), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notify/policy")]
pub async fn get_policy(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<NotifyPolicy>, ApiError> {
    require_department(&actor)?;
    Ok(web::Json(state.db.read(policy_view).await?))
}

/// Changes the SMS policy (政工部门).
#[utoipa::path(tag = "notifications", request_body = NotifyPolicy, responses((status = 200, body = NotifyPolicy), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notify/policy")]
pub async fn put_policy(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<NotifyPolicy>,
) -> Result<web::Json<NotifyPolicy>, ApiError> {
    let policy = body.into_inner();
    let saved = save_audited(&state, actor, "notify_policy", policy_view, move |conn, _| {
        policy.validate().map_err(|(field, message)| ApiError::field(field, "invalid", message))?;
        crate::db::settings::put(conn, POLICY_KEY, &serde_json::to_string(&policy).map_err(ApiError::internal)?)?;
        Ok(policy)
    });
    Ok(web::Json(saved.await?))
}

/// The SMS provider (the secret only as "set" or not).
#[utoipa::path(tag = "notifications", responses((status = 200, body = SmsProviderView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notify/sms-provider")]
pub async fn get_sms_provider(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<web::Json<SmsProviderView>, ApiError> {
    require_department(&actor)?;
    Ok(web::Json(state.db.read(sms_view).await?))
}

/// Chooses and configures the SMS provider (政工部门); the secret is write-only.
#[utoipa::path(tag = "notifications", request_body = SmsProviderUpdate, responses((status = 200, body = SmsProviderView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notify/sms-provider")]
pub async fn put_sms_provider(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<SmsProviderUpdate>,
) -> Result<web::Json<SmsProviderView>, ApiError> {
    let update = body.into_inner();
    let saved =
        save_audited(&state, actor, "sms_provider", sms_view, |conn, config| sms_settings::save(conn, config, update));
    Ok(web::Json(saved.await?))
}

/// The SMTP server for e-mail notices (the password only as "set" or not).
#[utoipa::path(tag = "notifications", responses((status = 200, body = MailServerView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notify/mail-server")]
pub async fn get_mail_server(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<MailServerView>, ApiError> {
    require_department(&actor)?;
    Ok(web::Json(state.db.read(mail_view).await?))
}

/// Sets the SMTP server for e-mail notices (政工部门); an empty host turns e-mail off.
#[utoipa::path(tag = "notifications", request_body = MailServerUpdate, responses((status = 200, body = MailServerView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notify/mail-server")]
pub async fn put_mail_server(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<MailServerUpdate>,
) -> Result<web::Json<MailServerView>, ApiError> {
    let update = body.into_inner();
    let saved =
        save_audited(&state, actor, "mail_server", mail_view, |conn, config| super::email::save(conn, config, update));
    Ok(web::Json(saved.await?))
}
