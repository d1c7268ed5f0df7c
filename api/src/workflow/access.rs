//! Who may see and act on an instance: action rules relative to the subject's org.

use shared::RoleKind;

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
}

impl Scope {
    pub fn load<P: Process + ?Sized>(conn: &mut DbConnection, p: &P, row: &InstanceRow) -> Result<Scope, ApiError> {
        let org = crate::orgs::repo::get(conn, row.org_id)?;
        let receiving = match p.receiving_org(&row.record()) {
            Some(id) => Some(crate::orgs::repo::get(conn, id)?),
            None => None,
        };
        Ok(Scope { org, receiving })
    }
}

fn is_subject(actor: &Actor, subject: i64) -> bool {
    actor.person_id.is_some_and(|p| p.0 == subject)
}

fn officials_of(actor: &Actor, org: &OrgRow) -> bool {
    matches!(actor.role.kind, RoleKind::Branch | RoleKind::Committee | RoleKind::Department)
        && actor.manages_path(&org.path)
}

/// Whether the actor matches one rule for an instance of `subject` in `scope`.
pub fn matches_rule(actor: &Actor, rule: ActorRule, subject: i64, scope: &Scope) -> bool {
    let org = &scope.org;
    match rule {
        ActorRule::Subject => is_subject(actor, subject),
        ActorRule::SubjectBranch => actor.role.kind == RoleKind::Branch && actor.manages_path(&org.path),
        ActorRule::SubjectCommittee => {
            matches!(actor.role.kind, RoleKind::Committee | RoleKind::Department)
                && actor.manages_path(&org.path)
                && actor.role.org_path != org.path
        }
        ActorRule::Department => actor.role.kind == RoleKind::Department,
        ActorRule::ReceivingOrg => scope.receiving.as_ref().is_some_and(|r| officials_of(actor, r)),
    }
}

pub fn may_act(actor: &Actor, step: &StepDef, subject: i64, scope: &Scope) -> bool {
    step.actors.iter().any(|rule| matches_rule(actor, *rule, subject, scope))
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
        && p.step(row.step).is_some_and(|s| may_act(actor, s, row.subject_person_id, scope))
}
