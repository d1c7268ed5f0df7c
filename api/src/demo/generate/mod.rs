//! Deterministic generation of a realistic demo institution (a large research academy): the
//! org tree, its members and the people in the development pipeline. Pure: no I/O, no
//! database, no clock — the same `seed` and `today` always give exactly the same output.

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use shared::validate::id_card_check_char;
use shared::{Education, Gender, MembershipStatus, Occupation, OrgKind, Sector};

#[derive(Debug, Clone)]
pub struct DemoOrg {
    /// Index of the parent in `DemoInstitution::orgs`; parents always come before children.
    /// `None` only for index 0 (the root).
    pub parent: Option<usize>,
    pub name: String,
    pub kind: OrgKind,
    pub sector: Sector,
    pub founded_on: NaiveDate,
    /// `OrgKind::default_term_years()`.
    pub term_years: Option<i32>,
    /// Within the last `term_years` years; `None` for party groups.
    pub term_started_on: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct DemoPerson {
    /// Index into `orgs` of the org holding the formal relationship: always a Branch or JointBranch.
    pub org: usize,
    /// Index into `orgs` of a PartyGroup under `org`, for some members of large branches.
    pub party_group: Option<usize>,
    pub name: String,
    pub gender: Gender,
    pub ethnicity: String,
    pub birth_date: NaiveDate,
    pub id_card_number: String,
    pub phone: Option<String>,
    pub education: Education,
    pub occupation: Occupation,
    pub work_unit: String,
    pub department: Option<String>,
    pub employee_number: Option<String>,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    pub membership_status: MembershipStatus,
}

#[derive(Debug, Clone)]
pub struct DemoInstitution {
    pub orgs: Vec<DemoOrg>,
    pub people: Vec<DemoPerson>,
}

mod data;
mod orgs;
mod people;
mod rng;
#[cfg(test)]
mod tests;

use data::*;
use rng::Rng;

/// Chinese numeral for 1..=99: 一, 十二, 二十三.
fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

fn words(s: &'static str) -> Vec<&'static str> {
    s.split(' ').collect()
}

/// What kind of people a branch holds; drives age, occupation and education.
#[derive(Clone, Copy, PartialEq)]
enum Cat {
    Research,
    Admin,
    Student { grade: i32, phd: bool },
    Retired,
    Logistics,
    Publisher,
    Hospital,
}

struct Branch {
    org: usize,
    cat: Cat,
    unit: &'static str,
    dept: Option<String>,
    size: usize,
}

struct Builder {
    rng: Rng,
    today: NaiveDate,
    latest_grade: i32,
    /// Work unit of the second-level org being built.
    unit: &'static str,
    orgs: Vec<DemoOrg>,
    branches: Vec<Branch>,
    surnames: Vec<char>,
    male: Vec<char>,
    female: Vec<char>,
    ethnic: Vec<&'static str>,
    regions: Vec<&'static str>,
    prefixes: Vec<&'static str>,
    ids: HashSet<String>,
    phones: HashSet<String>,
    employee_seq: u64,
}

/// Deterministic for a given seed and `today`.
pub fn generate(seed: u64, today: NaiveDate) -> DemoInstitution {
    let mut b = Builder {
        rng: Rng(seed),
        today,
        latest_grade: if today.month() >= 9 { today.year() } else { today.year() - 1 },
        unit: "",
        orgs: Vec::new(),
        branches: Vec::new(),
        surnames: SURNAMES.chars().collect(),
        male: MALE.chars().collect(),
        female: FEMALE.chars().collect(),
        ethnic: words(ETHNIC),
        regions: words(REGIONS),
        prefixes: words(PHONE_PREFIXES),
        ids: HashSet::new(),
        phones: HashSet::new(),
        employee_seq: 0,
    };
    b.build_orgs();
    b.size_branches();
    let people = b.people();
    let mut orgs = b.orgs;
    overdue_terms(&mut orgs, today);
    DemoInstitution { orgs, people }
}

/// One branch in forty has let its committee's term run out by one to five months (换届 is
/// overdue), so the reminders and alerts have real cases.
fn overdue_terms(orgs: &mut [DemoOrg], today: NaiveDate) {
    let branches = orgs.iter_mut().filter(|o| matches!(o.kind, OrgKind::Branch | OrgKind::JointBranch));
    for (n, org) in branches.enumerate().filter(|(n, _)| n % 40 == 13) {
        if let Some(years) = org.term_years {
            let ended = today - Months::new(1 + (n as u32 / 40) % 5);
            let started = ended - Months::new(12 * years as u32);
            if started >= org.founded_on {
                org.term_started_on = Some(started);
            }
        }
    }
}
