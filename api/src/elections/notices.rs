//! Who hears of an election, in the app: the upper 党委 when the result awaits its approval, the
//! electing org when it is approved, returned or refused, and the 政工部门 when the result is
//! filed (备案).

use shared::RoleKind;
use shared::api::workflow::InstanceStatus;

use super::process::APPROVAL;
use super::record::ElectionRecord;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::notify::reminders::repo::officers;
use crate::notify::send::{self, Notice, Policy, To};
use crate::orgs::models::OrgRow;
use crate::workflow::InstanceRow;

fn officials(conn: &mut DbConnection, org: i64) -> Result<Vec<(i64, bool)>, ApiError> {
    let mut out: Vec<(i64, bool)> = Vec::new();
    for kind in [RoleKind::Branch, RoleKind::Committee] {
        for (_, user, _, email) in officers(conn, kind, &[org])? {
            if !out.iter().any(|(u, _)| *u == user) {
                out.push((user, email));
            }
        }
    }
    Ok(out)
}

fn tell(conn: &mut DbConnection, users: &[(i64, bool)], key: &str, notice: &Notice) -> Result<(), ApiError> {
    let policy = Policy::load(conn)?;
    for (user, email) in users {
        send::once(conn, &policy, key, To { user: Some(*user), sms: None, email: email.then_some(*user) }, notice)?;
    }
    Ok(())
}

fn what(r: &ElectionRecord) -> String {
    r.new_org_name.clone().map_or_else(|| r.kind.label().to_string(), |n| format!("成立{n}"))
}

/// After each step: the upper org when the result awaits approval; the electing org when the
/// case was returned or ended.
pub fn after_step(conn: &mut DbConnection, instance: &InstanceRow, r: &ElectionRecord) -> Result<(), ApiError> {
    let key = format!("election:{}:v{}", r.election_id, instance.version);
    let link = Some(format!("/elections/{}", r.election_id));
    let status = instance.status();
    if status.is_open() && instance.step == APPROVAL {
        let users = officials(conn, r.to_org_id)?;
        let notice = Notice {
            title: "选举结果待批准".into(),
            body: format!("{}的选举结果已报送，请审批。", what(r)),
            link,
            sms: None,
        };
        return tell(conn, &users, &key, &notice);
    }
    if status == InstanceStatus::Ended {
        let users = officials(conn, r.org_id)?;
        let notice =
            Notice {
                title: "选举已终止".into(), body: format!("{}已终止，详见办理记录。", what(r)), link, sms: None
            };
        return tell(conn, &users, &key, &notice);
    }
    Ok(())
}

/// The result took effect: the electing org (and the new branch) and the 政工部门 (备案).
pub fn filed(conn: &mut DbConnection, r: &ElectionRecord, org: &OrgRow) -> Result<(), ApiError> {
    let key = format!("election:{}:filed", r.election_id);
    let mut users = officials(conn, r.org_id)?;
    for u in officials(conn, org.id)? {
        if !users.contains(&u) {
            users.push(u);
        }
    }
    for u in crate::notify::repo::department_users(conn)? {
        if !users.iter().any(|(x, _)| *x == u) {
            users.push((u, false));
        }
    }
    let notice = Notice {
        title: "选举结果已批准并备案".into(),
        body: format!("{}的选举结果已经上级党组织批准，新一届委员会自即日起任职，并已备案。", org.name),
        link: Some(format!("/orgs/{}/committee", org.id)),
        sms: None,
    };
    tell(conn, &users, &key, &notice)
}
