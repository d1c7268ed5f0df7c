//! Every branch's 书记 as an account (the 党支部 role titled 书记), so the reminders reach them
//! and the secretary rule sees who holds the post. One branch in twenty has its post vacant.
//! These accounts have no password yet (an administrator sets one when the secretary first
//! needs to log in); the documented demo logins are made by `insert_accounts`.

use shared::{MembershipStatus, OrgKind, RoleKind};

use super::generate::DemoInstitution;
use crate::auth::models::{NewRole, NewUser};
use crate::auth::repo as auth_repo;
use crate::db::DbConnection;
use crate::error::ApiError;

/// Not a valid password hash: no password opens it.
const NO_PASSWORD: &str = "!";

pub fn insert(
    conn: &mut DbConnection,
    demo: &DemoInstitution,
    org_ids: &[i64],
    person_ids: &[i64],
) -> Result<usize, ApiError> {
    let taken = crate::alerts::repo::findings::branches_with_secretary(conn)?;
    let now = crate::clock::wall_now();
    let mut first_formal = vec![None; demo.orgs.len()];
    for (i, p) in demo.people.iter().enumerate() {
        if p.membership_status == MembershipStatus::Formal && first_formal[p.org].is_none() {
            first_formal[p.org] = Some(i);
        }
    }
    // People who already have a login (the documented demo accounts) keep theirs.
    let candidates: Vec<i64> = first_formal.iter().flatten().map(|p| person_ids[*p]).collect();
    let with_login: std::collections::HashSet<i64> =
        crate::meetings::repo::users_of(conn, &candidates)?.into_iter().filter_map(|(_, p)| p).collect();
    let mut made = 0;
    let branches =
        demo.orgs.iter().enumerate().filter(|(_, o)| matches!(o.kind, OrgKind::Branch | OrgKind::JointBranch));
    for (n, (i, _)) in branches.enumerate() {
        let (Some(person), false) = (first_formal[i], taken.contains(&org_ids[i])) else { continue };
        if n % 20 == 7 || with_login.contains(&person_ids[person]) {
            continue;
        }
        let p = &demo.people[person];
        let username = format!("sj{:04}", n + 1);
        let user_id = auth_repo::insert_user(
            conn,
            &NewUser {
                username: &username,
                phone: p.phone.as_deref(),
                display_name: &p.name,
                password_hash: NO_PASSWORD,
                person_id: Some(person_ids[person]),
                disabled: false,
                created_at: now,
                updated_at: now,
            },
        )?;
        for (kind, title) in [(RoleKind::Branch, Some("书记")), (RoleKind::Member, None)] {
            auth_repo::insert_role(
                conn,
                &NewRole { user_id, kind: kind.code(), org_id: org_ids[i], title, created_at: now },
            )?;
        }
        made += 1;
    }
    Ok(made)
}
