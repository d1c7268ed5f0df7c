//! What the upper org's approval does: the new committee and its term take effect (换届), the
//! elected join the committee for the rest of its term (增补), or the new branch is created in
//! the tree with its members, committee and term (成立), and the result is filed (备案).

use shared::api::elections::{CameIn, ElectionKind};
use shared::{OrgKind, OrgStatus};

use super::record::ElectionRecord;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::committees::service::{Install, install};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::members::models::NewPersonEvent;
use crate::orgs::models::NewOrg;

pub fn take_effect(conn: &mut DbConnection, actor: &Actor, r: &ElectionRecord) -> Result<(), ApiError> {
    let on = r.voted_on.unwrap_or(r.planned_on);
    let (org, came_in, new_term) = match r.kind {
        ElectionKind::Founding => (found(conn, actor, r, on)?, CameIn::Founding, true),
        ElectionKind::Reelection => (crate::orgs::repo::get(conn, r.org_id)?, CameIn::Reelection, true),
        ElectionKind::ByElection => (crate::orgs::repo::get(conn, r.org_id)?, CameIn::ByElection, false),
    };
    let seats: Vec<_> = r.posts.clone();
    install(
        conn,
        actor,
        &Install { org: &org, seats: &seats, came_in, on, election_id: Some(r.election_id), new_term },
    )?;
    let new_org = (r.kind == ElectionKind::Founding).then_some(org.id);
    super::repo::close(conn, r.election_id, new_org)?;
    super::notices::filed(conn, r, &org)
}

/// The new branch under the upper 党委, and its members moved in.
fn found(
    conn: &mut DbConnection,
    actor: &Actor,
    r: &ElectionRecord,
    on: chrono::NaiveDate,
) -> Result<crate::orgs::models::OrgRow, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let parent = crate::orgs::repo::get(conn, r.to_org_id)?;
    let source = crate::orgs::repo::get(conn, r.org_id)?;
    let name = r.new_org_name.clone().unwrap_or_default();
    let kind = OrgKind::Branch;
    let id = crate::orgs::repo::insert(
        conn,
        Some(&parent),
        NewOrg {
            parent_id: Some(parent.id),
            path: &format!("{}pending-{}/", parent.path, crate::auth::session::new_token()),
            depth: parent.depth + 1,
            name: &name,
            kind: kind.code(),
            sector: &source.sector,
            founded_on: Some(on),
            term_years: kind.default_term_years(),
            term_started_on: None,
            status: OrgStatus::Active.code(),
            version: 1,
            created_at: now(),
            updated_at: now(),
        },
    )?;
    let org = crate::orgs::repo::get(conn, id)?;
    crate::audit::record(conn, Some(actor), "create", "org", id, None::<&()>, Some(&org))?;
    for person in &r.member_ids {
        let before = crate::members::repo::get(conn, *person)?;
        if before.left_on.is_some() {
            continue;
        }
        crate::members::repo::move_to(conn, *person, before.version, id, None)?;
        crate::workflow::repo::move_subject(conn, *person, id)?;
        let event = NewPersonEvent {
            person_id: *person,
            event_kind: "move",
            leave_kind: None,
            on_date: on,
            reason: "成立党支部",
            from_org_id: Some(before.org_id),
            to_org_id: Some(id),
            recorded_by: Some(actor.user_id.0),
            created_at: now(),
        };
        crate::members::repo::insert_event(conn, &event)?;
        let after = crate::members::repo::get(conn, *person)?;
        crate::audit::record(conn, Some(actor), "found_branch_move", "person", *person, Some(&before), Some(&after))?;
    }
    Ok(org)
}
