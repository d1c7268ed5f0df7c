//! 数据看板 (`dashboard` area: every panel as a small SVG chart with its table, each number
//! opening the list behind it) and 党内统计报表 (`statistics` area: the preview of the set as of a
//! date, its consistency check, the exports made in the background). The pieces below are
//! shared by both.

mod charts;
mod dashboard;
mod exports;
mod heat;
mod org_pick;
mod report;
mod tables;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::router::Link;
use crate::routes::Route;

/// The page of the `dashboard` area.
pub fn dashboard_view(_route: &Route) -> Html {
    html! { <dashboard::DashboardPage /> }
}

/// The page of the `statistics` area.
pub fn report_view(_route: &Route) -> Html {
    html! { <report::StatisticsPage /> }
}

/// `?org_id=&as_of=` of both pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct StatUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

impl StatUrl {
    pub fn org(&self) -> Option<i64> {
        self.org_id.as_deref().and_then(|o| o.trim().parse().ok())
    }
}

/// A link to an SPA path with its query as the server wrote it (`/members?org_id=3&gender=female`),
/// followed inside the app.
pub(crate) fn drill(href: &str, classes: Classes, content: Html) -> Html {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let query = (!query.is_empty()).then(|| query.to_string());
    html! { <Link to={Route::recognize(path)} {query} {classes}>{ content }</Link> }
}

/// A number, as a link when it has a list behind it.
pub(crate) fn number(value: i64, to: Option<&str>) -> Html {
    match to {
        Some(href) => drill(href, classes!("num-link"), html! { value }),
        None => html! { value },
    }
}

/// `value` of `of` as a percentage with one decimal (`37.5%`), without floating point.
pub(crate) fn percent(value: i64, of: i64) -> String {
    if of <= 0 {
        return "—".into();
    }
    let permille = (value * 1000 + of / 2) / of;
    format!("{}.{}%", permille / 10, permille % 10)
}

/// Prints the page (the browser's dialog; the print styles drop the menus).
pub(crate) fn print_button(label: &'static str) -> Html {
    let onclick = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! { <button class="button secondary no-print" type="button" id="print" {onclick}>{ label }</button> }
}

/// The styles of both areas, carried by their own code rather than the entry's style sheet:
/// charts, tables that scroll sideways on a phone, the heat map, and printing without menus.
pub(crate) const STYLE: &str = "\
.dash-grid{display:grid;gap:.75rem}\
@media(min-width:1024px){.dash-grid{grid-template-columns:repeat(2,minmax(0,1fr))}.dash-grid>[data-chart=heat_map]{grid-column:1/-1}}\
.dash-total{display:flex;align-items:baseline;gap:.5rem;flex-wrap:wrap}\
.dash-total a{font-size:2.4rem;font-weight:700}\
.panel-body{display:grid;gap:.5rem}\
@media(min-width:1400px){.panel-body{grid-template-columns:minmax(0,1fr) minmax(0,1fr);align-items:start}}\
.chart{display:block;width:100%;max-width:440px;height:auto;margin:0 auto}\
.chart text{font-size:12px;fill:#1f2328}\
.chart text.big{font-size:64px;font-weight:700}\
.chart.donut{max-width:200px}\
.chart a:hover rect,.chart a:hover circle{opacity:.8}\
.panel-table{font-size:.85rem}\
.panel-table th,.panel-table td{padding:.35rem .5rem}\
.num,.panel-table .num,.panel-table td+td,.report td{text-align:right;font-variant-numeric:tabular-nums}\
.swatch{display:inline-block;width:.75em;height:.75em;border-radius:2px;margin-right:.35em}\
.scroll-x{overflow-x:auto;max-width:100%;contain:inline-size}\
.content{min-width:0}\
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(7rem,1fr));gap:.5rem}\
.tiles a{color:inherit}\
.heat{border-collapse:collapse;font-size:.8rem}\
.heat th,.heat td{border:1px solid #fff;padding:.2rem .4rem;text-align:center;white-space:nowrap}\
.heat th.row{text-align:left;max-width:9rem;overflow:hidden;text-overflow:ellipsis}\
.heat .met{background:#e3f4e8;color:#1b7f3b}.heat .unmet{background:#fdecea;color:#c62828}.heat .partly{background:#fff3d6;color:#7a4a00}\
.legend{display:flex;gap:1rem;font-size:.8rem;margin:.4rem 0}\
.report{font-size:.8rem;white-space:nowrap}\
.report th,.report td{border:1px solid var(--line);padding:.3rem .45rem}\
.report thead th{text-align:center}\
.report tr.total{font-weight:700;background:#faf7f5}\
.date-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}\
.problems li{padding:.4rem 0;border-bottom:1px solid var(--line)}\
.list-title .status-pill{margin-left:.4rem}\
@media print{.topbar,.sidenav,.tabbar,.no-print,.offline-notice{display:none!important}\
.shell{padding:0;min-height:0}.content{max-width:none;padding:0}body{background:#fff}\
.card{box-shadow:none;border:1px solid #ddd;break-inside:avoid}\
.dash-grid{grid-template-columns:1fr 1fr}.panel-body{grid-template-columns:1fr}\
.scroll-x{overflow:visible;contain:none}a{color:inherit}}";

/// The areas' style element.
pub(crate) fn style() -> Html {
    html! { <style>{ STYLE }</style> }
}
