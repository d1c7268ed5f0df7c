//! `dangjian bench-dues`: on the demo institution (loaded first if the database is empty),
//! generates next month's ledger for everyone three times (removing it in between), and times
//! the collection overview at the root for this month and this year.

use std::time::Instant;

use shared::rules::dues_payment::{add_months, fmt_month, month_of};
use shared::rules::meetings::Period;

use crate::db::Db;

fn millis(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

pub fn run(db: &Db) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    if crate::demo::database_is_empty(db).map_err(|e| e.message)? {
        crate::demo::load(db, crate::demo::DEMO_SEED, today)?;
    }
    let next = add_months(month_of(today), 1);
    for run in 1..=3 {
        let started = Instant::now();
        let added = db.write_blocking(|conn| super::ledger::generate(conn, next, None)).map_err(|e| e.message)?;
        println!("run {run}: ledger of {} generated for {added} members in {:.0} ms", fmt_month(next), millis(started));
        db.write_blocking(|conn| super::repo::months::delete_month(conn, next)).map_err(|e| e.message)?;
    }
    let root = db.read_blocking(crate::orgs::repo::root_id).map_err(|e| e.message)?.ok_or("no root org")?;
    for text in [fmt_month(month_of(today)), chrono::Datelike::year(&today).to_string()] {
        let period = Period::parse(&text).ok_or("bad period")?;
        let mut times = Vec::new();
        let mut report = None;
        for _ in 0..5 {
            let started = Instant::now();
            report = Some(
                db.read_blocking(|conn| {
                    let org = crate::orgs::repo::get(conn, root)?;
                    super::handlers::reports::collection_report(conn, org, &text, period)
                })
                .map_err(|e| e.message)?,
            );
            times.push(millis(started));
        }
        times.sort_by(f64::total_cmp);
        let report = report.ok_or("no report")?;
        println!(
            "collection overview at the root, {}: median {:.1} ms (best {:.1}); {} entries, payable {} paid {} ({}), {} orgs below",
            report.period_label,
            times[2],
            times[0],
            report.totals.entries,
            report.totals.payable,
            report.totals.paid,
            report.totals.rate,
            report.children.len()
        );
    }
    Ok(())
}
