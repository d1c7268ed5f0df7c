//! `GET /dashboard`: the 队伍结构 panels (one SQL aggregate each) and the 业务状态 panels
//! (`business`), for the active role's org or an org within its reach.

use std::time::Instant;

use chrono::NaiveDate;
use shared::api::statistics::{ChartKind, Dashboard, Figure, Panel};
use shared::permissions::Action;
use shared::rules::meetings::MeetingRules;
use shared::rules::statistics::StatisticsRules;

use super::buckets::{self, Dimension};
use super::repo::current;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;

#[derive(Clone)]
pub struct Settings {
    pub statistics: StatisticsRules,
    pub meetings: MeetingRules,
}

/// The org the statistics are for: the given one (within the actor's reach) or the active
/// role's own.
pub fn scope(conn: &mut DbConnection, actor: &Actor, org_id: Option<i64>) -> Result<OrgRow, ApiError> {
    let org = crate::orgs::repo::get(conn, org_id.unwrap_or(actor.role.org_id.0))?;
    actor.require(Action::ViewStatistics, &org.path)?;
    Ok(org)
}

/// The member list of the org, narrowed by `filter`.
pub fn member_drill(org: &OrgRow, statuses: &str, filter: Option<&str>) -> String {
    let mut drill = format!("/members?org_id={}&status={statuses}", org.id);
    if let Some(f) = filter {
        if f.starts_with("status=") {
            drill = format!("/members?org_id={}&{f}", org.id);
        } else {
            drill += &format!("&{f}");
        }
    }
    drill
}

/// One figure per bucket of the dimension, in the rules' order (the unknown bucket last, and
/// only when it has people), from the grouped counts.
pub fn figures(org: &OrgRow, dimension: &Dimension, counts: &[(String, i64)], statuses: &str) -> Vec<Figure> {
    let count = |key: &str| counts.iter().filter(|(k, _)| k == key).map(|(_, n)| n).sum::<i64>();
    let mut figures: Vec<Figure> = dimension
        .buckets
        .iter()
        .map(|b| Figure {
            key: b.key.clone(),
            label: b.label.clone(),
            value: count(&b.key),
            of: None,
            drill: b.filter.as_deref().map(|f| member_drill(org, statuses, Some(f))),
        })
        .collect();
    let known: i64 = figures.iter().map(|f| f.value).sum();
    let all: i64 = counts.iter().map(|(_, n)| n).sum();
    if all > known && !dimension.buckets.iter().any(|b| b.key == buckets::UNKNOWN) {
        figures.push(Figure {
            key: buckets::UNKNOWN.into(),
            label: "未填写".into(),
            value: all - known,
            of: None,
            drill: None,
        });
    }
    figures.retain(|f| f.key != buckets::UNKNOWN || f.value > 0);
    figures
}

fn chart_of(key: &str) -> ChartKind {
    match key {
        "gender" | "ethnicity" | "category" => ChartKind::Donut,
        _ => ChartKind::Bars,
    }
}

/// The structure panel of one dimension.
pub fn structure_panel(conn: &mut DbConnection, org: &OrgRow, dimension: &Dimension) -> Result<Panel, ApiError> {
    let counts = current::members_by(conn, &org.path, &dimension.sql)?;
    Ok(Panel {
        key: dimension.key.into(),
        title: format!("{}结构", dimension.title),
        chart: chart_of(dimension.key),
        figures: figures(org, dimension, &counts, "formal,probationary"),
        heat: None,
        note: None,
    })
}

/// Each panel with the milliseconds it took (for the benchmark).
pub type Timed = Vec<(Panel, f64)>;

/// The panels are built in two halves of about equal cost, each on its own connection, so the
/// whole dashboard takes about as long as the slower half: the eight structure panels with the
/// funnel and the heat map, then the other business panels.
pub const HALVES: [std::ops::Range<usize>; 2] = [0..10, 10..15];

/// The panels numbered `range` (structure dimensions first, then `business::PANELS`).
pub fn panels(
    conn: &mut DbConnection,
    settings: &Settings,
    org: &OrgRow,
    today: NaiveDate,
    range: std::ops::Range<usize>,
) -> Result<Timed, ApiError> {
    let structure = buckets::structure(&settings.statistics, today);
    let mut out = Vec::new();
    for i in range {
        let started = Instant::now();
        let panel = match structure.get(i) {
            Some(dimension) => structure_panel(conn, org, dimension)?,
            None => super::business::PANELS[i - structure.len()](conn, settings, org, today)?,
        };
        out.push((panel, started.elapsed().as_secs_f64() * 1000.0));
    }
    Ok(out)
}

pub fn assemble(org: OrgRow, today: NaiveDate, halves: Vec<Timed>) -> Dashboard {
    let panels: Vec<Panel> = halves.into_iter().flatten().map(|(p, _)| p).collect();
    let members = panels.iter().find(|p| p.key == "category").map_or(0, |p| p.figures.iter().map(|f| f.value).sum());
    Dashboard { org_id: shared::OrgId(org.id), org_name: org.name, on: today, members, panels }
}
