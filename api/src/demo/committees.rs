//! Demo committees and their terms: every org's current term in the history, each titled 书记
//! role as the 书记's seat, and in branches with seven or more 正式党员 a committee of three to
//! five (the 书记 and the next members in the roll as 委员 with posts).

use chrono::NaiveDate;
use shared::OrgKind;
use shared::rules::reminders::term_end;

use super::repo::committees as q;
use crate::clock::wall_now as now;
use crate::committees::models::{NewCommitteeMember, NewTerm};
use crate::committees::repo;
use crate::db::DbConnection;
use crate::error::ApiError;

const POSTS: [&str; 4] = ["organization", "propaganda", "discipline", "deputy"];

pub fn seat(conn: &mut DbConnection) -> Result<usize, ApiError> {
    let orgs = q::orgs_with_terms(conn)?;
    let roles = q::titled_roles(conn)?;
    let formal = q::formal_members(conn)?;
    let mut by_org: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (person, org) in formal {
        by_org.entry(org).or_default().push(person);
    }
    let mut seated = 0;
    for (org, kind, started, years) in orgs {
        if kind == OrgKind::PartyGroup.code() {
            continue;
        }
        let seat = |conn: &mut DbConnection, person: i64, post: &str, role: Option<i64>| {
            repo::insert(
                conn,
                &NewCommitteeMember {
                    org_id: org,
                    person_id: person,
                    post,
                    came_in: "record",
                    since: started,
                    election_id: None,
                    role_assignment_id: role,
                    created_at: now(),
                },
            )
        };
        let mut seats: Vec<i64> = Vec::new();
        if let Some((role, _, person)) = roles.iter().find(|r| r.1 == org) {
            seat(conn, *person, "secretary", Some(*role))?;
            seats.push(*person);
        }
        let members = by_org.get(&org).map(Vec::as_slice).unwrap_or(&[]);
        let is_branch = kind == OrgKind::Branch.code() || kind == OrgKind::JointBranch.code();
        if is_branch && members.len() >= 7 && !seats.is_empty() {
            // Three to five seats; one branch in six has lost a member this term (a vacancy).
            let size = 3 + (org % 3) as usize;
            let filled = if org % 6 == 1 { size - 1 } else { size };
            let others: Vec<i64> = members.iter().copied().filter(|p| !seats.contains(p)).collect();
            for (post, person) in POSTS.iter().zip(others.iter()) {
                if seats.len() >= filled {
                    break;
                }
                seat(conn, *person, post, None)?;
                seats.push(*person);
            }
            insert_term(conn, org, started, years, size as i32)?;
        } else {
            insert_term(conn, org, started, years, seats.len() as i32)?;
        }
        seated += seats.len();
    }
    Ok(seated)
}

fn insert_term(conn: &mut DbConnection, org: i64, started: NaiveDate, years: i32, seats: i32) -> Result<(), ApiError> {
    let ends_on = term_end(started, years).unwrap_or(started);
    repo::start_term(
        conn,
        &NewTerm { org_id: org, started_on: started, years, ends_on, seats, election_id: None, created_at: now() },
    )
}
