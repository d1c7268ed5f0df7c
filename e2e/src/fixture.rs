//! A small institution for the API tests, written straight into the fresh database:
//!
//! ```text
//! 院党委 (root)
//! ├── 一所党委 (A)
//! │   ├── 一所第一党支部 (A1) ── 第一党小组 (A1g)
//! │   └── 一所第二党支部 (A2)
//! └── 二所党委 (B)
//!     └── 二所第一党支部 (B1)
//! ```
//! Logins (password `FIXTURE_PASSWORD`): admin (政工部门), dangwei_a (党委 A + 党员 A1),
//! zhibu_a1 (党支部 A1 + 党员 A1), zhibu_b1 (党支部 B1), dangyuan_a1 (党员 A1), qunzhong_a1 (群众 A1).

use std::sync::OnceLock;

use chrono::NaiveDate;
use dangjian_api::auth::models::{NewRole, NewUser};
use dangjian_api::auth::{password, repo as auth_repo};
use dangjian_api::db::DbConnection;
use dangjian_api::error::ApiError;
use dangjian_api::members::models::PersonFields;
use dangjian_api::members::repo as members_repo;
use dangjian_api::orgs::models::NewOrg;
use dangjian_api::orgs::repo as orgs_repo;
use shared::validate::id_card_check_char;
use shared::{MembershipStatus, OrgKind, OrgStatus, RoleKind, Sector};

use crate::TestApp;

pub const FIXTURE_PASSWORD: &str = "Fixture-Passw0rd";

#[derive(Debug, Clone)]
pub struct Fixture {
    pub root: i64,
    pub a: i64,
    pub a1: i64,
    pub a1_group: i64,
    pub a2: i64,
    pub b: i64,
    pub b1: i64,
    /// People ids per branch (members first).
    pub a1_people: Vec<i64>,
    pub a2_people: Vec<i64>,
    pub b1_people: Vec<i64>,
    /// The person linked to dangyuan_a1.
    pub dangyuan_person: i64,
    pub applicant_person: i64,
}

/// A valid 身份证 number for a serial number `n` (birth 1980-01-01 + n days, odd/even = gender).
pub fn id_card(n: u32, male: bool) -> String {
    let birth = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Days::new(u64::from(n % 9000));
    let seq = (n % 50) * 10 + if male { 1 } else { 2 } + 100;
    let first17 = format!("110105{}{seq:03}", birth.format("%Y%m%d"));
    format!("{first17}{}", id_card_check_char(&first17).unwrap())
}

fn hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash_password(FIXTURE_PASSWORD).unwrap())
}

fn org(conn: &mut DbConnection, parent: Option<i64>, name: &str, kind: OrgKind) -> Result<i64, ApiError> {
    let parent_row = parent.map(|p| orgs_repo::get(conn, p)).transpose()?;
    let now = dangjian_api::clock::wall_now();
    orgs_repo::insert(
        conn,
        parent_row.as_ref(),
        NewOrg {
            parent_id: parent,
            path: &format!("/pending-{name}/"),
            depth: parent_row.as_ref().map_or(0, |p| p.depth + 1),
            name,
            kind: kind.code(),
            sector: Sector::PublicInstitution.code(),
            founded_on: NaiveDate::from_ymd_opt(2000, 7, 1),
            term_years: kind.default_term_years(),
            term_started_on: NaiveDate::from_ymd_opt(2024, 7, 1),
            status: OrgStatus::Active.code(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )
}

pub fn person(
    conn: &mut DbConnection,
    org_id: i64,
    n: u32,
    name: &str,
    status: MembershipStatus,
) -> Result<i64, ApiError> {
    let male = n % 2 == 1;
    let id_card = id_card(n, male);
    let birth = NaiveDate::parse_from_str(&id_card[6..14], "%Y%m%d").unwrap();
    let (join, full) = match status {
        MembershipStatus::Formal => (NaiveDate::from_ymd_opt(2010, 6, 1), NaiveDate::from_ymd_opt(2011, 6, 1)),
        MembershipStatus::Probationary => (NaiveDate::from_ymd_opt(2026, 6, 1), None),
        _ => (None, None),
    };
    members_repo::insert(
        conn,
        org_id,
        &PersonFields {
            name: name.into(),
            gender: if male { "male" } else { "female" }.into(),
            ethnicity: "汉族".into(),
            birth_date: birth,
            id_card_number: id_card,
            phone: Some(format!("139{:08}", 10_000 + n)),
            education: Some("bachelor".into()),
            occupation: Some("professional".into()),
            work_unit: Some("测试研究院".into()),
            department: None,
            employee_number: Some(format!("T{n:05}")),
            membership_status: status.code().into(),
            join_date: join,
            full_member_date: full,
            party_group_id: None,
        },
    )
}

fn user(
    conn: &mut DbConnection,
    username: &str,
    person: Option<i64>,
    phone: Option<&str>,
    roles: &[(RoleKind, i64)],
) -> Result<i64, ApiError> {
    let now = dangjian_api::clock::wall_now();
    let id = auth_repo::insert_user(
        conn,
        &NewUser {
            username,
            phone,
            display_name: username,
            password_hash: hash(),
            person_id: person,
            disabled: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    for (kind, org) in roles {
        auth_repo::insert_role(
            conn,
            &NewRole { user_id: id, kind: kind.code(), org_id: *org, title: None, created_at: now },
        )?;
    }
    Ok(id)
}

impl Fixture {
    pub fn load(app: &TestApp) -> Fixture {
        Fixture::load_into(&app.db)
    }

    /// The same data written straight into a database (e.g. one that `dangjian serve` uses).
    pub fn load_into(db: &dangjian_api::db::Db) -> Fixture {
        db.write_blocking(|conn| {
            let root = org(conn, None, "院党委", OrgKind::Committee)?;
            let a = org(conn, Some(root), "一所党委", OrgKind::Committee)?;
            let a1 = org(conn, Some(a), "一所第一党支部", OrgKind::Branch)?;
            let a1_group = org(conn, Some(a1), "第一党小组", OrgKind::PartyGroup)?;
            let a2 = org(conn, Some(a), "一所第二党支部", OrgKind::Branch)?;
            let b = org(conn, Some(root), "二所党委", OrgKind::Committee)?;
            let b1 = org(conn, Some(b), "二所第一党支部", OrgKind::Branch)?;
            use MembershipStatus::*;
            let a1_people = vec![
                person(conn, a1, 1, "张建国", Formal)?,
                person(conn, a1, 2, "李秀英", Formal)?,
                person(conn, a1, 3, "王志强", Formal)?,
                person(conn, a1, 4, "赵丽", Probationary)?,
                person(conn, a1, 5, "陈小明", Applicant)?,
            ];
            let a2_people = vec![person(conn, a2, 11, "刘洋", Formal)?, person(conn, a2, 12, "孙静", Formal)?];
            let b1_people = vec![person(conn, b1, 21, "周杰", Formal)?, person(conn, b1, 22, "吴敏", Formal)?];
            user(conn, "admin", None, None, &[(RoleKind::Department, root)])?;
            user(conn, "dangwei_a", Some(a1_people[0]), None, &[(RoleKind::Committee, a), (RoleKind::Member, a1)])?;
            user(
                conn,
                "zhibu_a1",
                Some(a1_people[1]),
                Some("13900010002"),
                &[(RoleKind::Branch, a1), (RoleKind::Member, a1)],
            )?;
            user(conn, "zhibu_b1", Some(b1_people[0]), None, &[(RoleKind::Branch, b1)])?;
            user(conn, "dangyuan_a1", Some(a1_people[2]), None, &[(RoleKind::Member, a1)])?;
            user(conn, "qunzhong_a1", Some(a1_people[4]), None, &[(RoleKind::Masses, a1)])?;
            Ok(Fixture {
                root,
                a,
                a1,
                a1_group,
                a2,
                b,
                b1,
                dangyuan_person: a1_people[2],
                applicant_person: a1_people[4],
                a1_people,
                a2_people,
                b1_people,
            })
        })
        .expect("fixture loads")
    }
}

/// Starts a server with the fixture loaded.
/// The fixture on a server whose clock is pinned on `date`.
pub fn spawn_with_fixture_at(date: chrono::NaiveDate) -> (TestApp, Fixture) {
    let app = TestApp::spawn_at(date);
    let fixture = Fixture::load(&app);
    (app, fixture)
}

pub fn spawn_with_fixture() -> (TestApp, Fixture) {
    let app = TestApp::spawn();
    let fixture = Fixture::load(&app);
    (app, fixture)
}
