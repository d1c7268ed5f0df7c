//! Evaluates every alert rule for `today`: each rule yields its findings (subject, org, person,
//! detail), and `store::sync` opens, refreshes and resolves the stored alerts to match.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use shared::rules::alerts::{AlertThresholds, RULES};
use shared::rules::development::DevelopmentRules;
use shared::rules::dues::DuesRules;
use shared::rules::meetings::{Frequency, MeetingKind, MeetingRules, Period, missing_buckets};
use shared::rules::reminders::term_end;

use super::repo::{self as store, findings as queries};
use crate::db::DbConnection;
use crate::error::ApiError;

pub struct Finding {
    pub subject_key: String,
    pub org_id: i64,
    pub person_id: Option<i64>,
    pub detail: String,
}

fn about_org(org_id: i64, detail: String) -> Finding {
    Finding { subject_key: format!("org:{org_id}"), org_id, person_id: None, detail }
}

/// The rule sets the evaluation reads.
pub struct Rules<'a> {
    pub thresholds: &'a AlertThresholds,
    pub meetings: &'a MeetingRules,
    pub development: &'a DevelopmentRules,
    pub dues: &'a DuesRules,
    pub elections: &'a shared::rules::elections::ElectionRules,
}

/// Per rule: (opened, still open, resolved) after the run.
pub type Outcome = Vec<(&'static str, store::Synced)>;

pub fn evaluate(conn: &mut DbConnection, rules: &Rules, today: NaiveDate) -> Result<Outcome, ApiError> {
    let mut findings: HashMap<&'static str, Vec<Finding>> = HashMap::new();
    branch_shape(conn, rules.thresholds, rules.elections, &mut findings)?;
    meetings(conn, rules, today, &mut findings)?;
    people(conn, rules, today, &mut findings)?;
    dues(conn, rules, today, &mut findings)?;
    let mut outcome = Vec::new();
    for rule in RULES.iter().filter(|r| !r.needs_dues) {
        let found = findings.remove(rule.code).unwrap_or_default();
        outcome.push((rule.code, store::sync(conn, rule.code, found, today)?));
    }
    store::mark_evaluated(conn, today)?;
    Ok(outcome)
}

/// Members behind on dues (`crate::dues::arrears`): the 批评教育 flag and the 自行脱党 suggestion.
fn dues(
    conn: &mut DbConnection,
    rules: &Rules,
    today: NaiveDate,
    out: &mut HashMap<&'static str, Vec<Finding>>,
) -> Result<(), ApiError> {
    use crate::dues::arrears;
    let about = |(person, org, count, oldest): arrears::Behind, detail: fn(i64, NaiveDate) -> String| Finding {
        subject_key: format!("person:{person}"),
        org_id: org,
        person_id: Some(person),
        detail: detail(count, oldest),
    };
    for behind in arrears::warned(conn, rules.dues, today)? {
        out.entry("dues_arrears_3").or_default().push(about(behind, arrears::warn_detail));
    }
    let lapsed = arrears::lapsed(conn, rules.dues, today)?;
    // 失联: six months behind on dues and at no meeting in those months either.
    let since = shared::rules::dues_payment::add_months(shared::rules::dues_payment::month_of(today), -6);
    let attended = arrears::attended_since(conn, &lapsed.iter().map(|b| b.0).collect::<Vec<_>>(), since)?;
    for behind in lapsed {
        if !attended.contains(&behind.0) {
            out.entry("lost_contact").or_default().push(about(behind, arrears::lost_detail));
        }
        out.entry("dues_arrears_6").or_default().push(about(behind, arrears::lapse_detail));
    }
    Ok(())
}

/// Size, committee, secretary and term of each branch.
fn branch_shape(
    conn: &mut DbConnection,
    thresholds: &AlertThresholds,
    election_rules: &shared::rules::elections::ElectionRules,
    out: &mut HashMap<&'static str, Vec<Finding>>,
) -> Result<(), ApiError> {
    let mut counts: HashMap<i64, (i64, i64)> = HashMap::new();
    for (org, status, n) in queries::member_counts(conn)? {
        let entry = counts.entry(org).or_default();
        if status == shared::MembershipStatus::Formal.code() {
            entry.0 += n;
        }
        entry.1 += n;
    }
    let with_secretary: HashSet<i64> = queries::branches_with_secretary(conn)?.into_iter().collect();
    let seats: HashMap<i64, i64> = crate::committees::repo::seat_counts(conn)?.into_iter().collect();
    let elected: HashMap<i64, i32> = crate::committees::repo::open_terms(conn)?.into_iter().collect();
    for (id, _, _) in queries::branches(conn)? {
        let (formal, members) = counts.get(&id).copied().unwrap_or_default();
        let seated = seats.get(&id).copied().unwrap_or(0);
        // A committee is on record when three or more seats are filled (domain.md §4.2).
        let has_committee = seated >= 3;
        for (rule, flagged) in thresholds.size_findings(formal, members, has_committee) {
            if flagged {
                let detail = format!("正式党员 {formal} 人，党员（含预备党员）{members} 人");
                out.entry(rule).or_default().push(about_org(id, detail));
            }
        }
        if !with_secretary.contains(&id) {
            out.entry("secretary_vacant").or_default().push(about_org(id, "未登记在任的支部书记".into()));
        }
        if let Some(elected) = elected.get(&id).map(|e| i64::from(*e)).filter(|e| *e > seated && seated > 0) {
            let detail = format!("本届选出 {elected} 名，现有 {seated} 名，缺额 {} 名", elected - seated);
            out.entry("committee_vacancy").or_default().push(about_org(id, detail));
        }
        let full = u32::try_from(formal).unwrap_or(0);
        if has_committee && let Some(v) = election_rules.seats_violation(full, seated as u32) {
            out.entry("committee_composition").or_default().push(about_org(id, v.message));
        }
    }
    Ok(())
}

/// The last complete month or quarter before `today` (the period a required meeting of that
/// frequency was due in).
fn last_period(frequency: Frequency, today: NaiveDate) -> Option<Period> {
    let months = match frequency {
        Frequency::Monthly => 1,
        Frequency::Quarterly => 3,
        _ => return None,
    };
    let current = NaiveDate::from_ymd_opt(today.year(), today.month0() / months * months + 1, 1)?;
    Some(Period { start: current.checked_sub_months(Months::new(months))?, end: current.pred_opt()? })
}

/// Required meetings missing in the last complete period; from the configured quarter on, the
/// year's 组织生活会 / 民主评议 not held yet.
fn meetings(
    conn: &mut DbConnection,
    rules: &Rules,
    today: NaiveDate,
    out: &mut HashMap<&'static str, Vec<Finding>>,
) -> Result<(), ApiError> {
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = last_period(Frequency::Quarterly, today).map_or(year_start, |p| p.start.min(year_start));
    let mut held: HashMap<(i64, &str), Vec<NaiveDate>> = HashMap::new();
    for (org, kind, month) in crate::meetings::repo::compliance::held_months(conn, "/", from, today)? {
        let Some(kind) = MeetingKind::from_code(&kind) else { continue };
        let Some(day) = shared::time::parse_date(&format!("{month}-01")) else { continue };
        held.entry((org, kind.code())).or_default().push(day);
    }
    let this_year = Period { start: year_start, end: today };
    let review_due = today.month0() / 3 + 1 >= rules.thresholds.annual_review_quarter;
    for (id, _, _) in queries::branches(conn)? {
        let mut missing = Vec::new();
        let mut reviews = Vec::new();
        for (kind, frequency) in &rules.meetings.frequencies {
            let dates = held.get(&(id, kind.code())).map(Vec::as_slice).unwrap_or_default();
            if *frequency == Frequency::Yearly {
                if review_due && !missing_buckets(&this_year, *frequency, dates, today).is_empty() {
                    reviews.push(kind.label());
                }
            } else if let Some(period) = last_period(*frequency, today)
                && !missing_buckets(&period, *frequency, dates, today).is_empty()
            {
                missing.push(format!("{}（{} 至 {}）", kind.label(), period.start, period.end));
            }
        }
        if !missing.is_empty() {
            out.entry("meetings_missing").or_default().push(about_org(id, format!("未召开：{}", missing.join("、"))));
        }
        if !reviews.is_empty() {
            out.entry("annual_review_missing")
                .or_default()
                .push(about_org(id, format!("{}年尚未召开：{}", today.year(), reviews.join("、"))));
        }
    }
    Ok(())
}

/// Terms, probation and development deadlines.
fn people(
    conn: &mut DbConnection,
    rules: &Rules,
    today: NaiveDate,
    out: &mut HashMap<&'static str, Vec<Finding>>,
) -> Result<(), ApiError> {
    for (id, _, start, years) in queries::terms(conn)? {
        if let Some(end) = term_end(start, years).filter(|end| *end <= today) {
            let detail = format!("任期于 {end} 届满，已逾期 {} 天", (today - end).num_days());
            out.entry("term_expired").or_default().push(about_org(id, detail));
        }
    }
    let probation = Months::new(rules.development.probation_months);
    if let Some(joined_by) = today.checked_sub_months(probation) {
        for (person, org, _, joined) in queries::probation_ended(conn, joined_by)? {
            let ended = joined.checked_add_months(probation).unwrap_or(joined);
            out.entry("probation_ended").or_default().push(Finding {
                subject_key: format!("person:{person}"),
                org_id: org,
                person_id: Some(person),
                detail: format!("{joined} 接收为预备党员，预备期已于 {ended} 届满"),
            });
        }
    }
    for (instance, person, org, step, due) in queries::development_overdue(conn, today)? {
        out.entry("development_overdue").or_default().push(Finding {
            subject_key: format!("case:{instance}"),
            org_id: org,
            person_id: Some(person),
            detail: format!(
                "「{}」应于 {due} 前办理，已逾期 {} 天",
                crate::development::steps::name_of(step),
                (today - due).num_days()
            ),
        });
    }
    Ok(())
}
