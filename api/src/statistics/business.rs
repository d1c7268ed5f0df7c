//! The 业务状态 panels of the dashboard: the development funnel, organisational life (a heat map
//! of months × branches), attendance, dues collection, transfers, terms and open alerts.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use shared::api::elections::TermState;
use shared::api::statistics::{ChartKind, Figure, HeatCell, HeatMap, HeatRow, Panel};
use shared::rules::meetings::MeetingKind;
use shared::rules::statistics::{month_met, months_ending};

use super::dashboard::{Settings, member_drill};
use super::repo::current;
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;
use crate::orgs::models::OrgRow;

type Build = fn(&mut DbConnection, &Settings, &OrgRow, NaiveDate) -> Result<Panel, ApiError>;

pub const PANELS: [Build; 7] = [pipeline, org_life, attendance, dues, transfers, terms, alerts];

fn panel(key: &str, title: &str, chart: ChartKind, figures: Vec<Figure>, note: Option<String>) -> Panel {
    Panel { key: key.into(), title: title.into(), chart, figures, heat: None, note }
}

fn figure(key: &str, label: &str, value: i64, of: Option<i64>, drill: Option<String>) -> Figure {
    Figure { key: key.into(), label: label.into(), value, of, drill }
}

fn pipeline(conn: &mut DbConnection, _: &Settings, org: &OrgRow, _: NaiveDate) -> Result<Panel, ApiError> {
    let stages = [
        ("applicant", "入党申请人"),
        ("activist", "入党积极分子"),
        ("development_target", "发展对象"),
        ("probationary", "预备党员"),
    ];
    let codes: Vec<&str> = stages.iter().map(|(c, _)| *c).collect();
    let counts = current::people_by(conn, &org.path, &codes, "people.membership_status")?;
    let count = |code: &str| counts.iter().find(|(k, _)| k == code).map_or(0, |(_, n)| *n);
    let figures = stages
        .iter()
        .map(|(code, label)| figure(code, label, count(code), None, Some(member_drill(org, code, None))))
        .collect();
    Ok(panel("pipeline", "发展党员工作", ChartKind::Funnel, figures, None))
}

fn org_life(conn: &mut DbConnection, s: &Settings, org: &OrgRow, today: NaiveDate) -> Result<Panel, ApiError> {
    let months = months_ending(today, s.statistics.heat_months);
    let branches = current::branches(conn, &org.path)?;
    let mut held: HashSet<(i64, MeetingKind, NaiveDate)> = HashSet::new();
    for (id, kind, month) in crate::meetings::repo::compliance::held_months(conn, &org.path, months[0], today)? {
        let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok();
        if let (Some(kind), Some(first)) = (MeetingKind::from_code(&kind), first) {
            held.insert((id, kind, first));
        }
    }
    let met = |branch: i64, month: NaiveDate| month_met(&s.meetings, month, &|k, m| held.contains(&(branch, k, m)));
    // One row per branch, or per child org (summing its branches) when there are too many.
    let groups: Vec<(i64, String, Vec<i64>)> = if branches.len() <= s.statistics.heat_max_rows {
        branches.iter().map(|(id, name, _)| (*id, name.clone(), vec![*id])).collect()
    } else {
        crate::orgs::repo::children(conn, org.id)?
            .into_iter()
            .map(|child| {
                let (lo, hi) = subtree_bounds(&child.path);
                let ids = branches.iter().filter(|(_, _, p)| *p >= lo && *p < hi).map(|(id, _, _)| *id).collect();
                (child.id, child.name, ids)
            })
            .filter(|(_, _, ids): &(i64, String, Vec<i64>)| !ids.is_empty())
            .collect()
    };
    let rows = groups
        .into_iter()
        .map(|(id, name, ids)| HeatRow {
            org_id: shared::OrgId(id),
            org_name: name,
            cells: months
                .iter()
                .map(|m| HeatCell { met: ids.iter().filter(|b| met(**b, *m)).count() as i64, of: ids.len() as i64 })
                .collect(),
            drill: format!("/meetings/compliance?org_id={id}"),
        })
        .collect();
    let labels = months.iter().map(|m| format!("{:04}-{:02}", m.year(), m.month())).collect();
    let met_now = branches.iter().filter(|(id, _, _)| months.last().is_some_and(|m| met(*id, *m))).count() as i64;
    let figures = vec![figure(
        "met_this_month",
        "本月按规定开展组织生活的支部",
        met_now,
        Some(branches.len() as i64),
        Some(format!("/meetings/compliance?org_id={}", org.id)),
    )];
    let mut p =
        panel("org_life", "组织生活开展情况", ChartKind::HeatMap, figures, Some(format!("近{}个月", months.len())));
    p.heat = Some(HeatMap { months: labels, rows });
    Ok(p)
}

fn attendance(conn: &mut DbConnection, s: &Settings, org: &OrgRow, today: NaiveDate) -> Result<Panel, ApiError> {
    let from = months_ending(today, s.statistics.heat_months)[0];
    let rows = crate::meetings::repo::compliance::attendance(conn, &org.path, from, today)?;
    let (expected, present) = rows.iter().fold((0, 0), |(e, p), (_, e2, p2)| (e + e2, p + p2));
    let drill = Some(format!("/meetings/compliance?org_id={}", org.id));
    let figures = vec![figure("attendance", "组织生活出勤率", present, Some(expected), drill)];
    Ok(panel("attendance", "组织生活出勤", ChartKind::Rates, figures, Some(format!("{from} 起"))))
}

fn dues(conn: &mut DbConnection, _: &Settings, org: &OrgRow, today: NaiveDate) -> Result<Panel, ApiError> {
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("valid date");
    let next_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|m| m.checked_add_months(Months::new(1)))
        .expect("valid date");
    let (lo, hi) = subtree_bounds(&org.path);
    let sums = crate::dues::repo::reports::by_org(conn, (&lo, &hi), year_start, next_month)?;
    let (entries, payable, paid, unpaid) =
        sums.iter().fold((0, 0, 0, 0), |(e, a, b, u), r| (e + r.1, a + r.2, b + r.3, u + r.4));
    let drill = Some(format!("/dues/collection?org_id={}", org.id));
    let figures = vec![
        // In whole 元: the rate is the same, and the numbers read as money.
        figure("amount", "党费收缴率（按金额，元）", paid / 100, Some(payable / 100), drill.clone()),
        figure("entries", "按月足额交纳（人次）", entries - unpaid, Some(entries), drill),
    ];
    Ok(panel("dues", "党费收缴", ChartKind::Rates, figures, Some(format!("{} 年截至本月", today.year()))))
}

fn transfers(conn: &mut DbConnection, s: &Settings, org: &OrgRow, today: NaiveDate) -> Result<Panel, ApiError> {
    let from = months_ending(today, s.statistics.heat_months)[0];
    let (into, out) = current::crossings(conn, &org.path, from, today)?;
    let open = current::open_transfers(conn, &org.path)?;
    let drill = Some("/transfers".to_string());
    let figures = vec![
        figure("in", "转入", into, None, drill.clone()),
        figure("out", "转出", out, None, drill.clone()),
        figure("open", "办理中", open, None, drill),
    ];
    Ok(panel("transfers", "组织关系转接", ChartKind::Figures, figures, Some(format!("{from} 起"))))
}

fn terms(conn: &mut DbConnection, _: &Settings, org: &OrgRow, today: NaiveDate) -> Result<Panel, ApiError> {
    let mut figures = Vec::new();
    for state in [TermState::Overdue, TermState::Expiring, TermState::Unset, TermState::Running] {
        let n = crate::elections::repo::terms_count(conn, subtree_bounds(&org.path), state, today)?;
        let drill = Some(format!("/elections?tab=terms&state={}", state.code()));
        figures.push(figure(state.code(), state.label(), n, None, drill));
    }
    Ok(panel("terms", "换届情况", ChartKind::Figures, figures, None))
}

fn alerts(conn: &mut DbConnection, _: &Settings, org: &OrgRow, _: NaiveDate) -> Result<Panel, ApiError> {
    let (lo, hi) = subtree_bounds(&org.path);
    let counts: HashMap<String, i64> = crate::alerts::repo::open_counts(conn, (&lo, &hi))?.into_iter().collect();
    let figures = shared::rules::alerts::RULES
        .iter()
        .filter_map(|r| counts.get(r.code).map(|n| figure(r.code, r.title, *n, None, Some("/alerts".into()))))
        .collect();
    Ok(panel("alerts", "分析提醒（未处理）", ChartKind::Bars, figures, None))
}
