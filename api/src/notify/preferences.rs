//! A member's own notification settings: the e-mail address for notices and which optional
//! texts come by SMS (mandatory ones cannot be turned off).

use actix_web::{get, put, web};
use shared::api::notify::{MyPreferences, PreferencesUpdate, SmsPreference};
use shared::error::ErrorBody;

use super::repo;
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
