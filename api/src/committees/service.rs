//! The committee of an org as data: the view with its composition checks, the upper org's
//! appointment, a member leaving the post, and `install` — the seats an election or an
//! appointment puts in place, with the roles that go with them.

use chrono::NaiveDate;
use shared::api::elections::{
    Appointment, CameIn, CommitteeMemberView, CommitteePost, CommitteeView, PostLeave, TermState, TermView,
};
use shared::permissions::Action;
use shared::rules::RuleViolation;
use shared::rules::elections::ElectionRules;
use shared::rules::reminders::term_end;
use shared::{OrgKind, PersonId, RoleKind};

use super::models::{NewCommitteeMember, NewTerm, SeatRow};
use super::repo;
use crate::audit;
use crate::auth::Actor;
use crate::auth::models::NewRole;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::{ApiError, stored_code};
use crate::orgs::models::OrgRow;

/// The role a committee seat of `org` carries.
pub fn role_kind(org: &OrgRow) -> RoleKind {
    if org.kind == OrgKind::Committee.code() { RoleKind::Committee } else { RoleKind::Branch }
}

/// The state of a term ending on `end`, seen on `today` (半年内届满 from six months before).
pub fn term_state(end: Option<NaiveDate>, today: NaiveDate) -> TermState {
    match end {
        None => TermState::Unset,
        Some(end) if end < today => TermState::Overdue,
        Some(end) if end.checked_sub_months(chrono::Months::new(6)).is_some_and(|d| d <= today) => TermState::Expiring,
        Some(_) => TermState::Running,
    }
}

pub fn term_ends_on(org: &OrgRow) -> Option<NaiveDate> {
    term_end(org.term_started_on?, org.term_years?)
}

/// An official of the org itself (its 党支部 or 党委) may run its elections.
pub fn may_elect(actor: &Actor, org: &OrgRow) -> bool {
    actor.role.org_path == org.path && actor.may(Action::RunElections, &org.path)
}

/// The 党委 above (or the 政工部门) may appoint a 书记 or 副书记.
pub fn may_appoint(actor: &Actor, org: &OrgRow) -> bool {
    matches!(actor.role.kind, RoleKind::Committee | RoleKind::Department)
        && actor.role.org_path != org.path
        && actor.may(Action::RunElections, &org.path)
}

fn member_view(row: &SeatRow, ends: Option<NaiveDate>) -> Result<CommitteeMemberView, ApiError> {
    let s = &row.seat;
    Ok(CommitteeMemberView {
        id: s.id,
        person_id: PersonId(s.person_id),
        name: row.name.clone(),
        post: stored_code(CommitteePost::from_code(&s.post), "committee_members.post", &s.post)?,
        came_in: stored_code(CameIn::from_code(&s.came_in), "committee_members.came_in", &s.came_in)?,
        since: s.since,
        term_ends_on: ends,
        left_on: s.left_on,
        left_reason: s.left_reason.clone(),
        has_account: row.user_id.is_some(),
    })
}

/// What the committee lacks: a secretary, the right size, a filled seat, a secretary's 党龄.
pub fn violations(
    rules: &ElectionRules,
    full_members: i64,
    seats: &[SeatRow],
    elected_seats: Option<i32>,
    today: NaiveDate,
) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    let secretary = seats.iter().find(|s| s.seat.post == CommitteePost::Secretary.code());
    match secretary {
        None => out.push(RuleViolation {
            code: "committee.secretary_vacant".into(),
            rule: "党支部设书记1名".into(),
            source: "《中国共产党支部工作条例（试行）》".into(),
            message: "书记空缺，应尽快选举，或由上级党组织任命".into(),
            earliest: None,
        }),
        Some(s) => out.extend(rules.secretary_violation(&s.name, s.full_member_date, today)),
    }
    let full = u32::try_from(full_members).unwrap_or(0);
    if !seats.is_empty() {
        out.extend(rules.seats_violation(full, seats.len() as u32));
    }
    if let Some(elected) = elected_seats.filter(|n| *n as usize > seats.len()) {
        out.push(RuleViolation {
            code: "committee.vacancy".into(),
            rule: "委员出缺的，应及时补选".into(),
            source: "《中国共产党基层组织选举工作条例》".into(),
            message: format!("本届选出{elected}名，现有{}名，缺额{}名", seats.len(), elected as usize - seats.len()),
            earliest: None,
        });
    }
    out
}

pub fn view(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    org_id: i64,
) -> Result<CommitteeView, ApiError> {
    let org = crate::orgs::repo::get(conn, org_id)?;
    if !actor.manages_path(&org.path) {
        return Err(actor.denial());
    }
    let ends = term_ends_on(&org);
    let (full, probationary) = repo::member_counts(conn, org.id)?;
    let seats = repo::current(conn, org.id)?;
    let former_rows = repo::former(conn, org.id)?;
    let terms = repo::terms(conn, org.id)?;
    let open_term_seats = terms.iter().find(|t| t.ended_on.is_none()).map(|t| t.seats);
    let violations = violations(rules, full, &seats, open_term_seats, today);
    let in_term = |r: &&SeatRow| org.term_started_on.is_some_and(|start| r.seat.left_on.is_some_and(|l| l > start));
    Ok(CommitteeView {
        org_id: shared::OrgId(org.id),
        org_name: org.name.clone(),
        term_years: org.term_years,
        term_started_on: org.term_started_on,
        term_ends_on: ends,
        term_state: term_state(ends, today),
        full_members: full,
        probationary_members: probationary,
        has_committee: rules.has_committee(u32::try_from(full).unwrap_or(0)),
        members: seats.iter().map(|s| member_view(s, ends)).collect::<Result<_, _>>()?,
        former: former_rows.iter().filter(in_term).map(|s| member_view(s, None)).collect::<Result<_, _>>()?,
        violations,
        vacancies: open_term_seats.map_or(0, |n| (n.max(0) as usize).saturating_sub(seats.len()) as u32),
        terms: terms
            .iter()
            .map(|t| TermView {
                started_on: t.started_on,
                years: t.years,
                ends_on: t.ends_on,
                ended_on: t.ended_on,
                election_id: t.election_id,
            })
            .collect(),
        open_election: crate::elections::repo::open_for_org(conn, org.id)?,
        may_elect: may_elect(actor, &org),
        may_appoint: may_appoint(actor, &org),
    })
}

/// Seats put in place together: by an election (with a new term for 换届 and 成立) or an appointment.
pub struct Install<'a> {
    pub org: &'a OrgRow,
    pub seats: &'a [(i64, CommitteePost)],
    pub came_in: CameIn,
    pub on: NaiveDate,
    pub election_id: Option<i64>,
    /// 换届 and 成立 start a term and replace the committee; 增补 and 任命 add to it.
    pub new_term: bool,
}

/// Puts the seats in place: ends the old committee (换届), grants the 党支部 (or 党委) role
/// titled with the post to each new member with an account, carries over the role of those
/// re-elected, and revokes the roles of those who leave.
pub fn install(conn: &mut DbConnection, actor: &Actor, i: &Install) -> Result<(), ApiError> {
    let kind = role_kind(i.org);
    let mut carried: Vec<(i64, i64)> = Vec::new(); // (person, role)
    if i.new_term {
        let staying = |person: i64| i.seats.iter().any(|(p, _)| *p == person);
        for old in repo::current(conn, i.org.id)? {
            match old.seat.role_assignment_id.filter(|_| staying(old.seat.person_id)) {
                Some(role) => {
                    carried.push((old.seat.person_id, role));
                    let mut kept = old.seat.clone();
                    kept.role_assignment_id = None;
                    repo::end(conn, &kept, i.on, "换届")?;
                }
                None => repo::end(conn, &old.seat, i.on, "换届")?,
            }
        }
        // Posts held as titled roles before committees were recorded.
        for (role, _, person) in repo::titled_roles(conn, i.org.id, kind.code())? {
            if carried.iter().any(|(_, r)| *r == role) {
                continue;
            }
            match person.filter(|p| staying(*p)) {
                Some(p) if !carried.iter().any(|(q, _)| *q == p) => carried.push((p, role)),
                _ => repo::revoke_role(conn, role)?,
            }
        }
    }
    for (person, post) in i.seats {
        let role = match carried.iter().find(|(p, _)| p == person) {
            Some((_, role)) => {
                repo::set_role_title(conn, *role, post.label())?;
                Some(*role)
            }
            None => match repo::user_of(conn, *person)? {
                Some(user_id) => Some(crate::auth::repo::insert_role(
                    conn,
                    &NewRole {
                        user_id,
                        kind: kind.code(),
                        org_id: i.org.id,
                        title: Some(post.label()),
                        created_at: now(),
                    },
                )?),
                None => None,
            },
        };
        let new = NewCommitteeMember {
            org_id: i.org.id,
            person_id: *person,
            post: post.code(),
            came_in: i.came_in.code(),
            since: i.on,
            election_id: i.election_id,
            role_assignment_id: role,
            created_at: now(),
        };
        repo::insert(conn, &new).map_err(|e| match e.code {
            shared::error::ErrorCode::Duplicate => {
                ApiError::invalid_state("该党员已在本届委员会中任职，或书记尚未离任")
            }
            _ => e,
        })?;
    }
    if i.new_term {
        let years =
            i.org.term_years.or(OrgKind::from_code(&i.org.kind).and_then(OrgKind::default_term_years)).unwrap_or(3);
        let ends_on = term_end(i.on, years).ok_or_else(|| ApiError::internal("任期计算溢出"))?;
        let new = NewTerm {
            org_id: i.org.id,
            started_on: i.on,
            years,
            ends_on,
            seats: i.seats.len() as i32,
            election_id: i.election_id,
            created_at: now(),
        };
        repo::start_term(conn, &new)?;
    }
    let after: Vec<(i64, &str)> = i.seats.iter().map(|(p, post)| (*p, post.code())).collect();
    audit::record(conn, Some(actor), "committee_install", "org", i.org.id, None::<&()>, Some(&after))
}

fn reason_ok(reason: &str, label: &str) -> Result<(), ApiError> {
    let n = reason.trim().chars().count();
    if n == 0 {
        return Err(ApiError::field("reason", "required", format!("请填写{label}")));
    }
    if n > 200 {
        return Err(ApiError::field("reason", "too_long", format!("{label}不能超过200个字")));
    }
    Ok(())
}

fn person_in_org(
    conn: &mut DbConnection,
    person: i64,
    org: &OrgRow,
) -> Result<crate::members::models::PersonRow, ApiError> {
    let p = crate::members::repo::get(conn, person)?;
    if p.org_id != org.id || p.left_on.is_some() {
        return Err(ApiError::field("person_id", "not_in_org", format!("{}的组织关系不在{}", p.name, org.name)));
    }
    Ok(p)
}

/// The upper org appoints a 书记 or 副书记 (上级任命); the term is the committee's.
pub fn appoint(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    org_id: i64,
    a: &Appointment,
) -> Result<(), ApiError> {
    let org = crate::orgs::repo::get(conn, org_id)?;
    if !may_appoint(actor, &org) {
        return Err(ApiError::forbidden("书记、副书记由上级党组织任命"));
    }
    if !matches!(a.post, CommitteePost::Secretary | CommitteePost::Deputy) {
        return Err(ApiError::field("post", "not_appointable", "上级党组织只任命书记、副书记；委员应由党员大会选举"));
    }
    reason_ok(&a.reason, "任命事由")?;
    if a.on > today {
        return Err(ApiError::field("on", "in_future", "任命日期不能晚于今天"));
    }
    let person = person_in_org(conn, a.person_id.0, &org)?;
    if let Some(v) = rules.secretary_violation(&person.name, person.full_member_date, a.on) {
        return Err(ApiError::rule(v));
    }
    let seats = [(person.id, a.post)];
    let seated = Install {
        org: &org,
        seats: &seats,
        came_in: CameIn::Appointment,
        on: a.on,
        election_id: None,
        new_term: false,
    };
    install(conn, actor, &seated)
}

/// A member leaves the post before the term ends (退休、调离、处分、辞职): the seat is vacant.
pub fn leave(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    org_id: i64,
    seat_id: i64,
    l: &PostLeave,
) -> Result<(), ApiError> {
    let org = crate::orgs::repo::get(conn, org_id)?;
    if !may_elect(actor, &org) && !may_appoint(actor, &org) {
        return Err(actor.denial());
    }
    let seat = repo::seat(conn, seat_id)?;
    if seat.org_id != org.id {
        return Err(ApiError::not_found("委员"));
    }
    if seat.left_on.is_some() {
        return Err(ApiError::invalid_state("该委员已离任"));
    }
    reason_ok(&l.reason, "离任原因")?;
    if l.on > today {
        return Err(ApiError::field("on", "in_future", "离任日期不能晚于今天"));
    }
    repo::end(conn, &seat, l.on, l.reason.trim())?;
    audit::record(conn, Some(actor), "committee_leave", "committee_member", seat.id, None::<&()>, Some(l))
}
