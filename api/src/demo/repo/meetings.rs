//! Demo meetings: the past year of organisational life for every branch, with realistic gaps
//! (some branches skip months), attendance for the last three months, and signed records.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::MembershipStatus;
use shared::rules::meetings::MeetingKind;

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{meeting_attendees, meetings};
use crate::demo::generate::DemoInstitution;
use crate::error::ApiError;

fn chance(branch: usize, slot: u64, salt: u64, percent: u64) -> bool {
    let mut x = (branch as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ slot.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ salt;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x ^ (x >> 29)) % 100 < percent
}

struct Planned {
    org: usize,
    kind: MeetingKind,
    starts_at: NaiveDateTime,
}

/// The meetings of one branch; a branch's "diligence" (40–98%) makes leaders and laggards.
fn plan_branch(branch: usize, org: usize, today: NaiveDate) -> Vec<Planned> {
    let diligence = 40 + (chance(branch, 0, 99, 50) as u64) * 30 + (branch as u64 * 7) % 29;
    let first = NaiveDate::from_ymd_opt(today.year() - 1, today.month(), 1).expect("valid");
    let mut out = Vec::new();
    for month in 0..12u32 {
        let start = first.checked_add_months(Months::new(month + 1)).expect("valid");
        let at = |day: u64, hour: u32| {
            let date = (start + Days::new(day)).min(today);
            date.and_hms_opt(hour, 0, 0).expect("valid")
        };
        let slot = u64::from(month);
        let monthly =
            [(MeetingKind::BranchCommittee, 3, 9), (MeetingKind::ThemeDay, 10, 14), (MeetingKind::PartyGroup, 17, 15)];
        for (i, (kind, day, hour)) in monthly.into_iter().enumerate() {
            if chance(branch, slot, i as u64 + 1, diligence) && start + Days::new(day) <= today {
                out.push(Planned { org, kind, starts_at: at(day, hour) });
            }
        }
        if month % 3 == 2 {
            for (i, kind) in [MeetingKind::BranchGeneral, MeetingKind::PartyLecture].into_iter().enumerate() {
                if chance(branch, slot, 10 + i as u64, diligence) && start + Days::new(20) <= today {
                    out.push(Planned { org, kind, starts_at: at(20, 15) });
                }
            }
        }
    }
    // The year's 组织生活会 and 民主评议党员, usually together, by about half the branches so far.
    if chance(branch, 99, 20, diligence / 2 + 20) {
        for (kind, hour) in [(MeetingKind::OrgLife, 9), (MeetingKind::DemocraticReview, 14)] {
            out.push(Planned {
                org,
                kind,
                starts_at: (today - Days::new(40)).and_hms_opt(hour, 30, 0).expect("valid"),
            });
        }
    }
    out
}

pub fn insert_meetings(
    conn: &mut DbConnection,
    demo: &DemoInstitution,
    person_ids: &[i64],
    org_ids: &[i64],
    today: NaiveDate,
) -> Result<usize, ApiError> {
    let branches: Vec<usize> = (0..demo.orgs.len())
        .filter(|i| demo.orgs[*i].kind.holds_members() && demo.people.iter().any(|p| p.org == *i))
        .collect();
    let planned: Vec<Planned> = branches.iter().enumerate().flat_map(|(n, org)| plan_branch(n, *org, today)).collect();
    let now = now();
    let rows: Vec<_> = planned
        .iter()
        .map(|m| {
            let signed = m.starts_at.date() < today - Days::new(7);
            (
                meetings::org_id.eq(org_ids[m.org]),
                meetings::kind.eq(m.kind.code()),
                meetings::topic.eq(format!("{}：学习贯彻党的二十届全会精神", m.kind.label())),
                meetings::starts_at.eq(m.starts_at),
                meetings::held_on.eq(m.starts_at.date()),
                meetings::place.eq(Some("支部活动室")),
                meetings::status.eq(if signed { "signed" } else { "planned" }),
                meetings::minutes
                    .eq(signed.then_some("会议传达学习了有关文件精神，与会党员结合工作实际进行了交流发言。")),
                meetings::version.eq(1),
                meetings::created_at.eq(now),
                meetings::updated_at.eq(now),
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(meetings::table).values(chunk.to_vec()).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(meetings::table).values(chunk.to_vec()).execute(c)?,
        };
    }
    let ids: Vec<i64> = meetings::table.order(meetings::id).select(meetings::id).load(conn)?;
    // Attendance for the last three months: most members come, some are absent.
    let recent = today - Days::new(92);
    let mut members_of: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
    for (p, person) in demo.people.iter().enumerate().filter(|(_, p)| p.membership_status.is_member()) {
        members_of.entry(person.org).or_default().push(p);
    }
    let mut attendees = Vec::new();
    for (meeting_index, (m, id)) in planned.iter().zip(&ids).enumerate() {
        if m.starts_at.date() < recent || m.kind == MeetingKind::BranchCommittee {
            continue;
        }
        for &p in members_of.get(&m.org).map(Vec::as_slice).unwrap_or_default() {
            let person = &demo.people[p];
            let present = chance(p, meeting_index as u64, 7, 88) && m.starts_at.date() < today;
            attendees.push((
                meeting_attendees::meeting_id.eq(*id),
                meeting_attendees::person_id.eq(person_ids[p]),
                meeting_attendees::voting.eq(person.membership_status == MembershipStatus::Formal),
                meeting_attendees::response.eq(if present { "confirmed" } else { "pending" }),
                meeting_attendees::checked_in_at.eq(present.then_some(m.starts_at)),
                meeting_attendees::check_in_method.eq(present.then_some("qr")),
            ));
        }
    }
    for chunk in attendees.chunks(1000) {
        match conn {
            DbConnection::Sqlite(c) => {
                diesel::insert_into(meeting_attendees::table).values(chunk.to_vec()).execute(c)?
            }
            DbConnection::Postgresql(c) => {
                diesel::insert_into(meeting_attendees::table).values(chunk.to_vec()).execute(c)?
            }
        };
    }
    Ok(planned.len())
}
