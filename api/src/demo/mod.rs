//! `dangjian demo`: loads a deterministic, realistic institution and one login per role.

mod committees;
mod development;
mod elections;
mod generate;
pub mod province;
mod repo;
pub mod requests;
mod secretaries;
mod statistics;
mod transfers;

pub use repo::database_is_empty;
pub use repo::transfers::actor as demo_actor;

use chrono::NaiveDate;
use std::time::Instant;

use shared::{MembershipStatus, OrgKind, RoleKind};

use crate::auth::models::{NewRole, NewUser};
use crate::auth::{password, repo as auth_repo};
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::orgs::repo as orgs_repo;

pub const DEMO_SEED: u64 = 2026;
pub const DEMO_PASSWORD: &str = "dangjian-demo";

#[derive(Debug)]
pub struct DemoSummary {
    pub orgs: usize,
    pub people: usize,
    pub accounts: Vec<(String, String)>,
    pub seconds: f64,
}

/// Loads the demo institution as it stands on `today` (dates of meetings, cases and
/// deadlines are laid out around it).
pub fn load(db: &Db, seed: u64, today: NaiveDate) -> Result<DemoSummary, String> {
    let started = Instant::now();
    if !database_is_empty(db).map_err(|e| e.message)? {
        return Err("数据库中已有数据，拒绝加载演示数据（请使用空数据库，例如删除 data/dangjian.db 后重试）".into());
    }
    let institution = generate::generate(seed, today);
    let password_hash = password::hash_password(DEMO_PASSWORD).map_err(|e| e.message)?;
    let accounts = db
        .write_blocking(|conn| {
            let org_ids = repo::insert_orgs(conn, &institution.orgs)?;
            let person_ids = repo::insert_people(conn, &institution, &org_ids)?;
            crate::statistics::repo::history::open_missing(conn)?;
            development::insert_instances(conn, &institution, &person_ids, &org_ids, today)?;
            repo::meetings::insert_meetings(conn, &institution, &person_ids, &org_ids, today)?;
            let accounts = insert_accounts(conn, &institution, &org_ids, &person_ids, &password_hash)?;
            secretaries::insert(conn, &institution, &org_ids, &person_ids)?;
            committees::seat(conn)?;
            repo::dues::insert(conn, today)?;
            repo::dues_reductions::insert(conn, today)?;
            transfers::insert(conn, today)?;
            statistics::insert(conn, today)?;
            // This morning's reminders and analysis, as the schedules would have made them.
            crate::notify::reminders::run_on(conn, &shared::rules::reminders::ReminderRules::default(), today)?;
            let rules = crate::alerts::evaluate::Rules {
                thresholds: &shared::rules::alerts::AlertThresholds::default(),
                meetings: &shared::rules::meetings::MeetingRules::default(),
                development: &shared::rules::development::DevelopmentRules::default(),
                dues: &shared::rules::dues::DuesRules::default(),
                elections: &shared::rules::elections::ElectionRules::default(),
            };
            crate::alerts::evaluate::evaluate(conn, &rules, today)?;
            Ok(accounts)
        })
        .map_err(|e| e.message)?;
    db.analyze().map_err(|e| e.message)?;
    Ok(DemoSummary {
        orgs: institution.orgs.len(),
        people: institution.people.len(),
        accounts,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// One login per role kind; the branch secretary and the committee secretary also hold a 党员 role.
fn insert_accounts(
    conn: &mut DbConnection,
    demo: &generate::DemoInstitution,
    org_ids: &[i64],
    person_ids: &[i64],
    password_hash: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    let committee = (1..demo.orgs.len())
        .find(|&i| demo.orgs[i].parent == Some(0) && demo.orgs[i].kind == OrgKind::Committee)
        .unwrap_or(0);
    let under = |i: usize, ancestor: usize| {
        let mut cur = Some(i);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = demo.orgs[c].parent;
        }
        false
    };
    let people_in = |org: usize, status: MembershipStatus| {
        demo.people
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.org == org && p.membership_status == status)
            .map(|(i, _)| i)
    };
    let branch = (0..demo.orgs.len())
        .find(|&i| {
            demo.orgs[i].kind == OrgKind::Branch
                && under(i, committee)
                && people_in(i, MembershipStatus::Formal).count() >= 10
        })
        .ok_or_else(|| ApiError::internal("demo data has no suitable branch"))?;
    let mut formal = people_in(branch, MembershipStatus::Formal);
    let secretary = formal.next().unwrap_or(0);
    let member = formal.next().unwrap_or(0);
    let committee_secretary = demo
        .people
        .iter()
        .position(|p| p.membership_status == MembershipStatus::Formal && p.org != branch && under(p.org, committee))
        .unwrap_or(0);
    let applicant = demo.people.iter().position(|p| p.membership_status == MembershipStatus::Applicant).unwrap_or(0);

    // (login, person index, roles as (kind, org index, title))
    type Roles<'a> = &'a [(RoleKind, usize, Option<&'a str>)];
    let plan: [(&str, Option<usize>, Roles); 5] = [
        ("admin", None, &[(RoleKind::Department, 0, Some("组织部管理员"))]),
        (
            "dangwei",
            Some(committee_secretary),
            &[
                (RoleKind::Committee, committee, Some("书记")),
                (RoleKind::Member, demo.people[committee_secretary].org, None),
            ],
        ),
        ("zhibu", Some(secretary), &[(RoleKind::Branch, branch, Some("书记")), (RoleKind::Member, branch, None)]),
        ("dangyuan", Some(member), &[(RoleKind::Member, branch, None)]),
        ("qunzhong", Some(applicant), &[(RoleKind::Masses, demo.people[applicant].org, None)]),
    ];
    let now = crate::clock::wall_now();
    let mut accounts = Vec::new();
    for (username, person, roles) in plan {
        let display_name = person.map_or("系统管理员".to_string(), |p| demo.people[p].name.clone());
        let user_id = auth_repo::insert_user(
            conn,
            &NewUser {
                username,
                phone: person.and_then(|p| demo.people[p].phone.as_deref()),
                display_name: &display_name,
                password_hash,
                person_id: person.map(|p| person_ids[p]),
                disabled: false,
                created_at: now,
                updated_at: now,
            },
        )?;
        for (kind, org, title) in roles {
            auth_repo::insert_role(
                conn,
                &NewRole { user_id, kind: kind.code(), org_id: org_ids[*org], title: *title, created_at: now },
            )?;
        }
        let description = roles
            .iter()
            .map(|(kind, org, _)| format!("{}（{}）", kind.label(), demo.orgs[*org].name))
            .collect::<Vec<_>>()
            .join("、");
        accounts.push((username.to_string(), format!("{display_name}: {description}")));
    }
    let _ = orgs_repo::get(conn, org_ids[0])?;
    Ok(accounts)
}
