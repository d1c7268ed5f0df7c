//! Who hears of a case after each step, through the outbox: the officials who act next (in the
//! app and by e-mail), and the member when their letter is out or the case is decided (also by
//! SMS). A 涉密 case names nobody in its notices, and no text ever carries names or units.

use shared::RoleKind;
use shared::api::transfers::{Awaiting, TransferKind};

use super::models::TransferRow;
use super::repo;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::reminders::repo::officers;
use crate::notify::send::{self, Notice, Policy, To};

fn subject_line(row: &TransferRow) -> String {
    if row.secret { "一项组织关系转接".into() } else { format!("{}的组织关系转接", row.person_name) }
}

/// The officials of `kind` at `org`, told once under `key`.
pub fn tell_officials(
    conn: &mut DbConnection,
    policy: &Policy,
    kind: RoleKind,
    org: i64,
    key: &str,
    notice: &Notice,
) -> Result<usize, ApiError> {
    let mut queued = 0;
    for (_, user, _, email) in officers(conn, kind, &[org])? {
        let to = To { user: Some(user), sms: None, email: email.then_some(user) };
        queued += send::once(conn, policy, key, to, notice)?;
    }
    Ok(queued)
}

/// The member (in the app, and by a text without details).
pub fn tell_member(
    conn: &mut DbConnection,
    policy: &Policy,
    row: &TransferRow,
    key: &str,
    body: String,
    what: &str,
) -> Result<usize, ApiError> {
    let user = crate::meetings::repo::users_of(conn, &[row.person_id])?.into_iter().find_map(|(_, u)| u);
    let notice = Notice {
        title: "组织关系转接进展".into(),
        body,
        link: Some(format!("/transfers/{}", row.id)),
        sms: Some(("transfer_update", vec![("what", what.to_string())])),
    };
    send::once(conn, policy, key, To { user, sms: Some(row.person_id), email: None }, &notice)
}

pub fn after_step(conn: &mut DbConnection, id: i64) -> Result<usize, ApiError> {
    let row = repo::get(conn, id)?;
    let instance = crate::workflow::repo::get(conn, row.instance_id)?;
    let policy = Policy::load(conn)?;
    let key = format!("transfer:{}:v{}", row.id, instance.version);
    let awaiting = row.awaiting()?;
    let todo = |what: &str| Notice {
        title: format!("待办：{}", subject_line(&row)),
        body: format!("{}{what}，请及时办理。", subject_line(&row)),
        link: Some(format!("/transfers/{}", row.id)),
        sms: None,
    };
    let (kind, org, notice) = match awaiting {
        Awaiting::SendingBranch => (RoleKind::Branch, row.from_org_id, todo("待转出党支部审核")),
        Awaiting::Committee => {
            let from = crate::orgs::repo::get(conn, row.from_org_id.unwrap_or_default())?;
            let committee = super::service::committee_of(conn, &from)?.map(|c| c.id);
            (RoleKind::Committee, committee, todo("待党委审批"))
        }
        Awaiting::Receiving => (RoleKind::Branch, row.to_org_id, todo("待接收")),
        Awaiting::Receipt => {
            let body = if row.secret {
                "介绍信已办理（涉密，线下办理），请按要求到接收单位报到。".to_string()
            } else {
                format!("介绍信已开具，请在有效期内持介绍信到{}报到。", row.external_org.clone().unwrap_or_default())
            };
            return tell_member(conn, &policy, &row, &key, body, "介绍信已开具");
        }
        Awaiting::Away => {
            return tell_member(conn, &policy, &row, &key, "外出证明已开具，请在党支部领取。".into(), "证明已开具");
        }
        Awaiting::Nobody => {
            if row.kind == TransferKind::In.code() {
                return Ok(0);
            }
            let decided = instance.outcome().map_or("已办结", |o| o.label());
            let body = format!("您的{}已{}。", row.kind()?.label(), decided.trim_start_matches('已'));
            return tell_member(conn, &policy, &row, &key, body, decided);
        }
    };
    match org {
        Some(org) => tell_officials(conn, &policy, kind, org, &key, &notice),
        None => Ok(0),
    }
}
