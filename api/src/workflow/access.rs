//! Who may see and act on an instance: action rules relative to the subject's org.

use shared::RoleKind;
use shared::permissions::Action;

use super::models::InstanceRow;
use super::process::{ActorRule, Process, StepDef};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;

/// The orgs an instance belongs to: the subject's org and, for two-org processes, the receiving one.
pub struct Scope {
    pub org: OrgRow,
    pub receiving: Option<OrgRow>,
    pub designated: Option<i64>,
}

impl Scope {
    pub fn load<P: Process + ?Sized>(conn: &mut DbConnection, p: &P, row: &InstanceRow) -> Result<Scope, ApiError> {
        let org = crate::orgs::repo::get(conn, row.org_id)?;
        let receiving = match p.receiving_org(&row.record()) {
            Some(id) => Some(crate::orgs::repo::get(conn, id)?),
            None => None,
        };
        Ok(Scope { org, receiving, designated: p.designated(&row.record()) })
    }
}

fn is_subject(actor: &Actor, subject: i64) -> bool {
    actor.person_id.is_some_and(|p| p.0 == subject)
}

/// Whether the actor matches one rule for an instance of `subject` in `scope`. Officials need
/// the process's `action` in the permission table, reaching the org; the rule then says which
/// level of official it is.
pub fn matches_rule(actor: &Actor, action: Action, rule: ActorRule, subject: i64, scope: &Scope) -> bool {
    let org = &scope.org;
    match rule {
        ActorRule::Subject => is_subject(actor, subject),
        ActorRule::SubjectBranch => actor.role.kind == RoleKind::Branch && actor.may(action, &org.path),
        ActorRule::SubjectCommittee => {
            matches!(actor.role.kind, RoleKind::Committee | RoleKind::Department)
                && actor.may(action, &org.path)
                && actor.role.org_path != org.path
        }
        ActorRule::Department => actor.role.kind == RoleKind::Department && actor.may(action, &org.path),
        ActorRule::ReceivingOrg => scope.receiving.as_ref().is_some_and(|r| actor.may(action, &r.path)),
        ActorRule::OwnOrg => actor.role.org_path == org.path && actor.may(action, &org.path),
        ActorRule::Designated => {
            scope.designated == Some(actor.user_id.0) && actor.role.org_path == org.path && actor.may(action, &org.path)
        }
    }
}

pub fn may_act(actor: &Actor, action: Action, step: &StepDef, subject: i64, scope: &Scope) -> bool {
    step.actors.iter().any(|rule| matches_rule(actor, action, *rule, subject, scope))
}

/// The subject, and whoever manages the subject's org or the receiving org.
pub fn may_view(actor: &Actor, row: &InstanceRow, scope: &Scope) -> bool {
    is_subject(actor, row.subject_person_id)
        || actor.manages_path(&scope.org.path)
        || scope.receiving.as_ref().is_some_and(|r| actor.manages_path(&r.path))
}

/// Whether the actor sees the case only as its subject (internal records hidden).
pub fn subject_view(actor: &Actor, row: &InstanceRow, scope: &Scope) -> bool {
    is_subject(actor, row.subject_person_id)
        && !actor.manages_path(&scope.org.path)
        && !scope.receiving.as_ref().is_some_and(|r| actor.manages_path(&r.path))
}

/// Whether the actor may do the instance's current step (now or after its wait).
pub fn can_act<P: Process + ?Sized>(p: &P, actor: &Actor, row: &InstanceRow, scope: &Scope) -> bool {
    row.status().is_open()
        && row.waiting_for.is_none()
        && p.step(row.step).is_some_and(|s| may_act(actor, p.action(), s, row.subject_person_id, scope))
}
