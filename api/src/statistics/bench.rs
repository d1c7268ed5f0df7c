//! `dangjian bench-statistics`: each dashboard panel at the root and at the busiest branch,
//! next to the hand-written SQL `GROUP BY` of the same rows run directly (the floor), the whole
//! dashboard, and the report set (JSON, XLSX, PDF) at the root. Medians of five runs.

use std::time::Instant;

use chrono::{Datelike, NaiveDate};

use super::buckets;
use super::dashboard::{self, Settings};
use super::repo::bench as repo;
use crate::config::Config;
use crate::db::{Db, subtree_bounds};
use crate::orgs::models::OrgRow;

const RUNS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// The floor of each panel: the same rows grouped by hand, with a plain join on the path range.
fn floors(settings: &Settings, org: &OrgRow, today: NaiveDate) -> Vec<(String, String)> {
    let (lo, hi) = subtree_bounds(&org.path);
    let scope = format!("orgs.path >= '{lo}' AND orgs.path < '{hi}'");
    let members = format!("FROM people JOIN orgs ON orgs.id = people.org_id WHERE {scope} AND people.left_on IS NULL");
    let mut out: Vec<(String, String)> = buckets::structure(&settings.statistics, today)
        .into_iter()
        .map(|d| {
            let sql = format!(
                "SELECT {e} AS k, COUNT(*) AS n {members} AND people.membership_status IN ('formal', 'probationary') GROUP BY {e}",
                e = d.sql
            );
            (d.key.to_string(), sql)
        })
        .collect();
    let year = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("valid date");
    let from = shared::rules::statistics::months_ending(today, settings.statistics.heat_months)[0];
    let meetings = format!(
        "FROM meetings JOIN orgs ON orgs.id = meetings.org_id WHERE {scope} AND meetings.held_on >= '{from}' AND meetings.status <> 'cancelled'"
    );
    out.extend([
        ("pipeline".into(), format!("SELECT people.membership_status, COUNT(*) {members} GROUP BY people.membership_status")),
        ("org_life".into(), format!("SELECT meetings.org_id, meetings.kind, substr(CAST(meetings.held_on AS TEXT), 1, 7) AS m, COUNT(*) AS n {meetings} GROUP BY meetings.org_id, meetings.kind, substr(CAST(meetings.held_on AS TEXT), 1, 7)")),
        ("attendance".into(), format!("SELECT COUNT(*) AS n, COUNT(meeting_attendees.checked_in_at) AS present FROM meeting_attendees JOIN meetings ON meetings.id = meeting_attendees.meeting_id JOIN orgs ON orgs.id = meetings.org_id WHERE {scope} AND meetings.held_on >= '{from}' AND meetings.status <> 'cancelled' AND meeting_attendees.response <> 'leave_approved'")),
        ("dues".into(), format!("SELECT COUNT(*) AS n, SUM(dues_months.payable_fen) AS payable, SUM(dues_months.paid_fen) AS paid FROM dues_months JOIN orgs ON orgs.id = dues_months.org_id WHERE {scope} AND dues_months.month >= '{year}'")),
        ("transfers".into(), format!("SELECT person_events.event_kind, COUNT(*) AS n FROM person_events JOIN orgs ON orgs.id = person_events.to_org_id WHERE {scope} AND person_events.on_date >= '{from}' GROUP BY person_events.event_kind")),
        ("terms".into(), format!("SELECT orgs.term_years, COUNT(*) AS n FROM orgs WHERE {scope} AND orgs.status = 'active' GROUP BY orgs.term_years")),
        ("alerts".into(), format!("SELECT alerts.rule_code, COUNT(*) AS n FROM alerts JOIN orgs ON orgs.id = alerts.org_id WHERE {scope} AND alerts.resolved_on IS NULL GROUP BY alerts.rule_code")),
    ]);
    out
}

fn scope(db: &Db, settings: &Settings, org: &OrgRow, today: NaiveDate) -> Result<(), String> {
    let mut panel_times: Vec<Vec<f64>> = Vec::new();
    let mut keys = Vec::new();
    let mut totals = Vec::new();
    for _ in 0..RUNS {
        // As the endpoint does it: the two halves at once, each on its own connection.
        let started = Instant::now();
        let halves: Vec<_> = std::thread::scope(|s| {
            let running: Vec<_> = dashboard::HALVES
                .map(|range| {
                    s.spawn(move || db.read_blocking(|conn| dashboard::panels(conn, settings, org, today, range)))
                })
                .into_iter()
                .collect();
            running.into_iter().map(|h| h.join().expect("panel thread")).collect()
        });
        totals.push(ms(started));
        let mut timed = Vec::new();
        for half in halves {
            timed.extend(half.map_err(|e| e.message)?);
        }
        keys = timed.iter().map(|(p, _)| p.key.clone()).collect();
        panel_times.resize(timed.len(), Vec::new());
        for (i, (_, t)) in timed.iter().enumerate() {
            panel_times[i].push(*t);
        }
    }
    let floors = floors(settings, org, today);
    println!("{:<12} {:>10} {:>10} {:>7}", "panel", "panel ms", "floor ms", "ratio");
    for (key, times) in keys.iter().zip(panel_times) {
        let sql = &floors.iter().find(|(k, _)| k == key).ok_or("no floor")?.1;
        let mut floor = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            db.read_blocking(|conn| repo::rows_of(conn, sql)).map_err(|e| e.message)?;
            floor.push(ms(started));
        }
        let (p, f) = (median(times), median(floor));
        println!("{key:<12} {p:>10.1} {f:>10.1} {:>7.1}", p / f.max(0.01));
    }
    println!("whole dashboard: {:.1} ms (median of {RUNS})", median(totals));
    Ok(())
}

pub fn run(db: &Db, config: &Config) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    if crate::demo::database_is_empty(db).map_err(|e| e.message)? {
        crate::demo::load(db, crate::demo::DEMO_SEED, today)?;
    }
    let settings = Settings { statistics: config.statistics_rules.clone(), meetings: config.meeting_rules.clone() };
    let (root, branch) = db
        .read_blocking(|conn| {
            let root = crate::orgs::repo::root_id(conn)?.ok_or_else(|| crate::error::ApiError::not_found("院党委"))?;
            let branch = repo::busiest_branch(conn)?;
            Ok((crate::orgs::repo::get(conn, root)?, crate::orgs::repo::get(conn, branch)?))
        })
        .map_err(|e| e.message)?;
    for (label, org) in [("root", &root), ("branch", &branch)] {
        println!("--- {label}: {}", org.name);
        scope(db, &settings, org, today)?;
    }
    let rules = &settings.statistics;
    let mut json = Vec::new();
    let mut xlsx = Vec::new();
    let mut report = None;
    for _ in 0..3 {
        let started = Instant::now();
        let r = db
            .read_blocking(|conn| super::report::build(conn, rules, &root, today, &mut |_| Ok(())))
            .map_err(|e| e.message)?;
        json.push(ms(started));
        let started = Instant::now();
        super::report::xlsx::workbook(&r).map_err(|e| e.message)?;
        xlsx.push(ms(started) + json.last().copied().unwrap_or(0.0));
        report = Some(r);
    }
    let started = Instant::now();
    super::report::pdf::document(&report.ok_or("no report")?).map_err(|e| e.message)?;
    let pdf = ms(started);
    println!(
        "--- report set at the root (10 tables): tables {:.0} ms, with XLSX {:.0} ms, PDF typesetting {pdf:.0} ms",
        median(json),
        median(xlsx)
    );
    Ok(())
}
