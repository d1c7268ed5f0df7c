//! The tables of the period (1 January to the report date): 预备党员转正, 出党, 民主评议,
//! 党组织设置与换届, 党费收缴, 组织关系转入转出; each from one or two grouped counts.

use chrono::{Datelike, Months, NaiveDate};
use shared::api::statistics::ReportTable;
use shared::rules::statistics::StatisticsRules;
use shared::{LeaveKind, OrgKind};

use super::layout::{Cube, Group, cols, table};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;
use crate::statistics::buckets;
use crate::statistics::repo::flows::{self, Period};

/// The development milestones written as person events (`development::process`).
pub const FULL_ON_TIME: &str = "full_member_on_time";
pub const FULL_AFTER_EXTENSION: &str = "full_member_after_extension";
pub const EXTENDED: &str = "probation_extended";
pub const CANCELLED: &str = "probation_cancelled";

fn person_dims(r: &StatisticsRules) -> Vec<String> {
    vec![
        "person_events.event_kind".into(),
        "COALESCE(person_events.leave_kind, '')".into(),
        buckets::gender().sql,
        buckets::ethnicity(r).sql,
    ]
}

const EVENT_DIMS: [&str; 4] = ["event", "leave", "gender", "ethnicity"];

/// Rows 合计, 女, 少数民族 for the given columns (each a filter on the event and leave kind).
/// A column: whether an (event kind, leave kind) counts in it.
type Column<'a> = &'a dyn Fn(&str, &str) -> bool;
type RowFilter<'a> = &'a dyn Fn(&super::layout::Keys) -> bool;

fn person_rows(cube: &Cube, columns: &[Column]) -> Vec<(String, Vec<i64>)> {
    let rows: [(&str, RowFilter); 3] =
        [("合计", &|_| true), ("女", &|k| k.is("gender", "female")), ("少数民族", &|k| k.is("ethnicity", "minority"))];
    rows.iter()
        .map(|(label, keep)| {
            let cells =
                columns.iter().map(|col| cube.sum(|k| keep(k) && col(k.get("event"), k.get("leave")))).collect();
            (label.to_string(), cells)
        })
        .collect()
}

pub fn probation(
    conn: &mut DbConnection,
    r: &StatisticsRules,
    path: &str,
    period: Period,
) -> Result<ReportTable, ApiError> {
    let kinds = [FULL_ON_TIME, FULL_AFTER_EXTENSION, EXTENDED, CANCELLED, "leave"];
    let cube = Cube::new(EVENT_DIMS.to_vec(), flows::events_cube(conn, path, period, &kinds, &person_dims(r))?);
    let groups = [
        Group::of("转为正式党员", cols([("on_time", "按期转正"), ("after_extension", "延长预备期后转正")])),
        Group::one("extended", "延长预备期"),
        Group::one("cancelled", "取消预备党员资格"),
    ];
    let cancelled = LeaveKind::ProbationCancelled.code();
    let rows = person_rows(
        &cube,
        &[&|e, _| e == FULL_ON_TIME, &|e, _| e == FULL_AFTER_EXTENSION, &|e, _| e == EXTENDED, &|e, l| {
            e == CANCELLED || (e == "leave" && l == cancelled)
        }],
    );
    Ok(table("t05", "预备党员转正情况", "人", &groups, rows))
}

pub fn exits(
    conn: &mut DbConnection,
    r: &StatisticsRules,
    path: &str,
    period: Period,
) -> Result<ReportTable, ApiError> {
    let cube = Cube::new(EVENT_DIMS.to_vec(), flows::events_cube(conn, path, period, &["leave"], &person_dims(r))?);
    let exit_kinds = [LeaveKind::Withdrawal, LeaveKind::Removal, LeaveKind::Expulsion];
    let groups = [
        Group::one("exits", "出党合计"),
        Group::of("其中", cols(exit_kinds.iter().map(|k| (k.code(), k.label())))),
        Group::one("deceased", "死亡"),
        Group::one("lost_contact", "失去联系"),
    ];
    let is = |kind: LeaveKind| move |_: &str, l: &str| l == kind.code();
    let any_exit = |_: &str, l: &str| exit_kinds.iter().any(|k| k.code() == l);
    let (w, rm, ex, d, lc) = (
        is(LeaveKind::Withdrawal),
        is(LeaveKind::Removal),
        is(LeaveKind::Expulsion),
        is(LeaveKind::Deceased),
        is(LeaveKind::LostContact),
    );
    let rows = person_rows(&cube, &[&any_exit, &w, &rm, &ex, &d, &lc]);
    Ok(table("t06", "党员出党情况", "人", &groups, rows))
}

pub fn reviews(conn: &mut DbConnection, path: &str, period: Period) -> Result<ReportTable, ApiError> {
    let cube = Cube::new(vec!["rating"], flows::ratings(conn, path, period)?);
    let ratings = shared::api::meetings::Rating::ALL;
    let groups = [
        Group::one("rated", "参加评议党员"),
        Group::of("评定结果", cols(ratings.iter().map(|r| (r.code(), r.label())))),
        Group::one("none", "未评定"),
    ];
    let mut cells = vec![cube.total()];
    cells.extend(ratings.iter().map(|r| cube.sum(|k| k.is("rating", r.code()))));
    cells.push(cube.sum(|k| k.is("rating", "none")));
    Ok(table("t07", "民主评议党员情况", "人", &groups, vec![("合计".into(), cells)]))
}

pub fn organisations(conn: &mut DbConnection, path: &str, period: Period) -> Result<ReportTable, ApiError> {
    let orgs = Cube::new(vec!["kind"], crate::statistics::repo::as_of::orgs_by_kind(conn, path, period.1)?);
    let terms = Cube::new(vec!["kind", "state"], flows::terms(conn, path, period)?);
    let groups = [
        Group::one("orgs", "组织数"),
        Group::of("换届情况", cols([("started", "本年度换届"), ("overdue", "届满未换届"), ("expiring", "半年内届满")])),
    ];
    let line = |kind: Option<&str>| {
        let of = |k: &super::layout::Keys| kind.is_none_or(|kind| k.is("kind", kind));
        let mut cells = vec![orgs.sum(of)];
        cells.extend(["started", "overdue", "expiring"].iter().map(|s| terms.sum(|k| of(k) && k.is("state", s))));
        cells
    };
    let mut rows = vec![("合计".to_string(), line(None))];
    rows.extend(OrgKind::ALL.iter().map(|k| (k.label().to_string(), line(Some(k.code())))));
    Ok(table("t08", "党组织设置和换届情况", "个", &groups, rows))
}

/// 党费收缴 in the months of the period, for the scope and each org directly under it.
pub fn dues(
    conn: &mut DbConnection,
    org: &crate::orgs::models::OrgRow,
    period: Period,
) -> Result<ReportTable, ApiError> {
    let (from, on) = period;
    let until = NaiveDate::from_ymd_opt(on.year(), on.month(), 1)
        .and_then(|m| m.checked_add_months(Months::new(1)))
        .expect("valid date");
    let (lo, hi) = subtree_bounds(&org.path);
    let sums = crate::dues::repo::reports::by_org(conn, (&lo, &hi), from, until)?;
    let paths: Vec<(i64, String)> =
        crate::orgs::repo::subtree(conn, &org.path)?.into_iter().map(|o| (o.id, o.path)).collect();
    let line = |within: &str| {
        let (lo, hi) = subtree_bounds(within);
        let mut c = [0i64; 5];
        for (id, entries, payable, paid, unpaid, owed) in &sums {
            if paths.iter().any(|(o, p)| o == id && *p >= lo && *p < hi) {
                for (slot, v) in c.iter_mut().zip([entries - unpaid, *entries, *payable, *paid, *owed]) {
                    *slot += v;
                }
            }
        }
        vec![c[1], c[0], c[2], c[3], c[4]]
    };
    let groups = [
        Group::of("人次", cols([("entries", "应交人次"), ("paid_entries", "足额交纳人次")])),
        Group::of("金额（元）", cols([("payable", "应交金额"), ("paid", "实交金额"), ("owed", "欠交金额")])),
    ];
    let mut rows = vec![("合计".to_string(), line(&org.path))];
    for child in crate::orgs::repo::children(conn, org.id)? {
        rows.push((child.name.clone(), line(&child.path)));
    }
    let mut t = table("t09", "党费收缴情况", "人次、元", &groups, rows);
    t.decimals = vec![0, 0, 2, 2, 2];
    Ok(t)
}

pub fn transfers(conn: &mut DbConnection, path: &str, period: Period) -> Result<ReportTable, ApiError> {
    let cube = Cube::new(vec!["event", "leave", "from", "to"], flows::crossings(conn, path, period)?);
    let outside_in = cube.sum(|k| k.is("event", "transfer_in") && k.is("to", "in"));
    let moved_in = cube.sum(|k| k.is("event", "move") && k.is("from", "out") && k.is("to", "in"));
    let left_out = cube.sum(|k| k.is("event", "leave") && k.is("leave", "transfer_out") && k.is("from", "in"));
    let moved_out = cube.sum(|k| k.is("event", "move") && k.is("from", "in") && k.is("to", "out"));
    let within = cube.sum(|k| k.is("event", "move") && k.is("from", "in") && k.is("to", "in"));
    let groups = [
        Group::of("转入", cols([("in", "合计"), ("in_external", "从系统外转入"), ("in_internal", "系统内转入")])),
        Group::of("转出", cols([("out", "合计"), ("out_external", "转往系统外"), ("out_internal", "系统内转出")])),
        Group::one("within", "内部调整"),
    ];
    let cells = vec![outside_in + moved_in, outside_in, moved_in, left_out + moved_out, left_out, moved_out, within];
    Ok(table("t10", "组织关系转入转出情况", "人", &groups, vec![("合计".into(), cells)]))
}
