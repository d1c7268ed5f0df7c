//! A member's SMS preferences (optional texts can be turned off) and the SMS policy of the
//! 政工部门 (quiet hours, daily cap, price for estimates).

use actix_web::{get, put, web};
use shared::api::notify::{
    MailServerUpdate, MailServerView, MyPreferences, NotifyPolicy, PreferencesUpdate, SmsPreference, SmsProviderUpdate,
    SmsProviderView,
};
use shared::error::ErrorBody;
use shared::permissions::{Action, Scope};

use super::repo;
use super::send::{POLICY_KEY, Policy};
use super::sms::settings as sms_settings;
use crate::auth::Actor;
use crate::error::ApiError;
use crate::state::AppState;

fn own_person(actor: &Actor) -> Result<i64, ApiError> {
    actor.person_id.map(|p| p.0).ok_or_else(|| ApiError::invalid_state("当前账号未关联人员档案，没有短信偏好"))
}

fn preferences(opted_out: &[String]) -> Vec<SmsPreference> {
    shared::sms::TEMPLATES
        .iter()
        .map(|t| SmsPreference {
            template: t.key.into(),
            title: t.title.into(),
            mandatory: t.mandatory,
            sms: t.mandatory || !opted_out.iter().any(|o| o == t.key),
        })
        .collect()
}

/// The caller's e-mail address for notices and SMS preferences.
#[utoipa::path(tag = "notifications", responses((status = 200, body = MyPreferences), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notifications/preferences")]
pub async fn get_preferences(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<MyPreferences>, ApiError> {
    let person = own_person(&actor)?;
    let user = actor.user_id.0;
    let (opted_out, email) =
        state.db.read(move |conn| Ok((repo::opt_outs(conn, person, "sms")?, repo::email_of(conn, user)?))).await?;
    Ok(web::Json(MyPreferences { email, sms: preferences(&opted_out) }))
}

/// Sets the caller's e-mail address and which optional texts they do not want by SMS.
#[utoipa::path(tag = "notifications", request_body = PreferencesUpdate, responses((status = 200, body = MyPreferences), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notifications/preferences")]
pub async fn put_preferences(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<PreferencesUpdate>,
) -> Result<web::Json<MyPreferences>, ApiError> {
    let person = own_person(&actor)?;
    let body = body.into_inner();
    let email = body.email.map(|e| e.trim().to_string()).filter(|e| !e.is_empty());
    if email.as_deref().is_some_and(|e| !shared::api::notify::is_email(e)) {
        return Err(ApiError::field("email", "invalid", "邮箱格式不正确"));
    }
    let mut wanted = body.sms_opt_outs;
    wanted.sort();
    wanted.dedup();
    for key in &wanted {
        match shared::sms::find(key) {
            None => return Err(ApiError::field("sms_opt_outs", "unknown", format!("没有短信类型 {key}"))),
            Some(t) if t.mandatory => {
                return Err(ApiError::field(
                    "sms_opt_outs",
                    "mandatory",
                    format!("「{}」为必达通知，不能关闭", t.title),
                ));
            }
            Some(_) => {}
        }
    }
    let user = actor.user_id.0;
    let (saved, email) = state
        .db
        .write(move |conn| {
            let before = (repo::opt_outs(conn, person, "sms")?, repo::email_of(conn, user)?);
            repo::set_opt_outs(conn, person, "sms", &wanted)?;
            repo::set_email(conn, user, email.as_deref())?;
            let after = (&wanted, &email);
            crate::audit::record(
                conn,
                Some(&actor),
                "update",
                "notification_preferences",
                person,
                Some(&before),
                Some(&after),
            )?;
            Ok((wanted, email))
        })
        .await?;
    Ok(web::Json(MyPreferences { email, sms: preferences(&saved) }))
}

fn require_department(actor: &Actor) -> Result<(), ApiError> {
    match actor.require_action(Action::ManageOutbox)? {
        Scope::Everything => Ok(()),
        _ => Err(ApiError::forbidden("当前角色无权进行此操作")),
    }
}

/// The SMS policy in force.
#[utoipa::path(tag = "notifications", responses((status = 200, body = NotifyPolicy), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notify/policy")]
pub async fn get_policy(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<NotifyPolicy>, ApiError> {
    require_department(&actor)?;
    Ok(web::Json(state.db.read(Policy::load).await?.0))
}

/// Changes the SMS policy (政工部门).
#[utoipa::path(tag = "notifications", request_body = NotifyPolicy, responses((status = 200, body = NotifyPolicy), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notify/policy")]
pub async fn put_policy(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<NotifyPolicy>,
) -> Result<web::Json<NotifyPolicy>, ApiError> {
    require_department(&actor)?;
    let policy = body.into_inner();
    policy.validate().map_err(|(field, message)| ApiError::field(field, "invalid", message))?;
    state
        .db
        .write(move |conn| {
            let before = Policy::load(conn)?.0;
            crate::db::settings::put(conn, POLICY_KEY, &serde_json::to_string(&policy).map_err(ApiError::internal)?)?;
            crate::audit::record(conn, Some(&actor), "update", "notify_policy", 0, Some(&before), Some(&policy))
        })
        .await?;
    Ok(web::Json(policy))
}

/// The SMS provider (the secret only as "set" or not).
#[utoipa::path(tag = "notifications", responses((status = 200, body = SmsProviderView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notify/sms-provider")]
pub async fn get_sms_provider(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<web::Json<SmsProviderView>, ApiError> {
    require_department(&actor)?;
    Ok(web::Json(state.db.read(|conn| Ok(sms_settings::view(sms_settings::load(conn)?))).await?))
}

/// Chooses and configures the SMS provider (政工部门); the secret is write-only.
#[utoipa::path(tag = "notifications", request_body = SmsProviderUpdate, responses((status = 200, body = SmsProviderView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notify/sms-provider")]
pub async fn put_sms_provider(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<SmsProviderUpdate>,
) -> Result<web::Json<SmsProviderView>, ApiError> {
    require_department(&actor)?;
    let config = state.config.clone();
    let update = body.into_inner();
    let view = state
        .db
        .write(move |conn| {
            let before = sms_settings::view(sms_settings::load(conn)?);
            let after = sms_settings::save(conn, &config, update)?;
            // The audit row holds the settings, never the secret.
            crate::audit::record(conn, Some(&actor), "update", "sms_provider", 0, Some(&before), Some(&after))?;
            Ok(after)
        })
        .await?;
    state.wake_outbox();
    Ok(web::Json(view))
}

/// The SMTP server for e-mail notices (the password only as "set" or not).
#[utoipa::path(tag = "notifications", responses((status = 200, body = MailServerView), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
#[get("/notify/mail-server")]
pub async fn get_mail_server(state: web::Data<AppState>, actor: Actor) -> Result<web::Json<MailServerView>, ApiError> {
    require_department(&actor)?;
    Ok(web::Json(state.db.read(|conn| Ok(super::email::view(super::email::load(conn)?))).await?))
}

/// Sets the SMTP server for e-mail notices (政工部门); an empty host turns e-mail off.
#[utoipa::path(tag = "notifications", request_body = MailServerUpdate, responses((status = 200, body = MailServerView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[put("/notify/mail-server")]
pub async fn put_mail_server(
    state: web::Data<AppState>,
    actor: Actor,
    body: web::Json<MailServerUpdate>,
) -> Result<web::Json<MailServerView>, ApiError> {
    require_department(&actor)?;
    let config = state.config.clone();
    let update = body.into_inner();
    let view = state
        .db
        .write(move |conn| {
            let before = super::email::view(super::email::load(conn)?);
            let after = super::email::save(conn, &config, update)?;
            crate::audit::record(conn, Some(&actor), "update", "mail_server", 0, Some(&before), Some(&after))?;
            Ok(after)
        })
        .await?;
    state.wake_outbox();
    Ok(web::Json(view))
}
