//! Who hears of a request after each step, through the outbox: whoever acts next in the app
//! (the org's officials for review, the signer for 签发, the upper org for 批复, who also get the
//! SMS with the approval link), and the drafting org when it is returned or decided. Texts
//! carry the request's number only, never its title.

use shared::RoleKind;
use shared::api::requests::RequestStage;

use super::models::RequestRow;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::reminders::repo::officers;
use crate::notify::send::{self, Notice, Policy, To};

fn notice(
    row: &RequestRow,
    title: &str,
    body: String,
    sms: Option<(&'static str, Vec<(&'static str, String)>)>,
) -> Notice<'static> {
    Notice { title: title.to_string(), body, link: Some(format!("/requests/{}", row.id)), sms }
}

fn officials(conn: &mut DbConnection, org: i64) -> Result<Vec<(i64, Option<i64>, bool)>, ApiError> {
    let mut out = Vec::new();
    for kind in [RoleKind::Branch, RoleKind::Committee] {
        for (_, user, person, email) in officers(conn, kind, &[org])? {
            if !out.iter().any(|(u, _, _)| *u == user) {
                out.push((user, person, email));
            }
        }
    }
    Ok(out)
}

/// Tells whoever acts next, or the drafting org of the outcome, once per instance version.
pub fn after_step(
    conn: &mut DbConnection,
    row: &RequestRow,
    stage: RequestStage,
    version: i32,
) -> Result<usize, ApiError> {
    let policy = Policy::load(conn)?;
    let key = format!("request:{}:v{version}", row.id);
    let number = format!("R{}", row.id);
    let mut queued = 0;
    match stage {
        RequestStage::Review => {
            let n = notice(row, "待审核请示", format!("《{}》待内部审核。", row.title), None);
            for (user, _, email) in officials(conn, row.org_id)? {
                queued += send::once(
                    conn,
                    &policy,
                    &key,
                    To { user: Some(user), sms: None, email: email.then_some(user) },
                    &n,
                )?;
            }
        }
        RequestStage::Signing => {
            let n = notice(row, "待签发请示", format!("《{}》已通过内部审核，请签发。", row.title), None);
            queued += send::once(conn, &policy, &key, To { user: Some(row.signer_user_id), ..To::default() }, &n)?;
        }
        RequestStage::Submitted => {
            let n = notice(row, "收到请示", format!("下级党组织报送《{}》，请及时批复。", row.title), None);
            for (user, _, email) in officials(conn, row.to_org_id)? {
                queued += send::once(
                    conn,
                    &policy,
                    &key,
                    To { user: Some(user), sms: None, email: email.then_some(user) },
                    &n,
                )?;
            }
        }
        RequestStage::Draft | RequestStage::Approved | RequestStage::Rejected => {
            let (title, what) = match stage {
                RequestStage::Draft => ("请示被退回", "已被退回修改"),
                RequestStage::Approved => ("请示已批复", "已批复同意"),
                _ => ("请示已批复", "已批复，未予同意"),
            };
            let sms = Some(("request_update", vec![("number", number.clone()), ("what", what.to_string())]));
            let n = notice(row, title, format!("《{}》{what}。", row.title), sms);
            for (user, person, email) in officials(conn, row.org_id)? {
                let to = To { user: Some(user), sms: person, email: email.then_some(user) };
                queued += send::once(conn, &policy, &key, to, &n)?;
            }
        }
    }
    Ok(queued)
}
