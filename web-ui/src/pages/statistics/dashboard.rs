//! `/dashboard` (`?org_id=`): the members of the org's subtree, then every panel of the server
//! (队伍结构 first, then 业务状态) as a chart with its table; every number opens the list behind
//! it in the app. Prints without the menus.

use shared::api::statistics::{ChartKind, Dashboard, Panel};
use yew::prelude::*;

use super::charts::{chart, colour, kind_code};
use super::heat::HeatTable;
use super::org_pick::OrgPick;
use super::{StatUrl, number, percent, print_button, style};
use crate::components::load::{Load, use_load};
use crate::components::states::{Empty, ErrorBox, Loading};
use crate::i18n::statistics::{StatTexts, of};
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

#[component]
pub(super) fn DashboardPage() -> Html {
    let t = of(use_texts());
    let navigator = use_navigator();
    let url = use_location().query::<StatUrl>().unwrap_or_default();
    let org = url.org();
    let (board, retry) = use_load(org, crate::api::statistics::dashboard);
    let on_pick = Callback::from(move |org: Option<i64>| {
        navigator.push_with_query(&Route::Dashboard, &StatUrl { org_id: org.map(|o| o.to_string()), as_of: None });
    });
    let name = match &*board {
        Load::Ready(d) => Some(AttrValue::from(d.org_name.clone())),
        _ => None,
    };
    let report_query = url.org_id.clone().map(|o| query_string(&StatUrl { org_id: Some(o), as_of: None }));
    html! {
        <div class="page dashboard">
            { style() }
            <div class="card-head">
                <h1 class="page-title">{ t.dashboard }</h1>
                <div class="toolbar no-print">
                    <Link to={Route::Statistics} query={report_query} classes="button secondary">{ t.statistics }</Link>
                    { print_button(t.print) }
                </div>
            </div>
            <OrgPick {name} away={org.is_some()} {on_pick} />
            { match &*board {
                Load::Loading => html! { <Loading /> },
                Load::Failed(error) => html! { <ErrorBox error={error.clone()} on_retry={Some(retry.clone())} /> },
                Load::Ready(d) => board_view(t, d),
            } }
        </div>
    }
}

fn board_view(t: &StatTexts, d: &Dashboard) -> Html {
    let members = format!("/members?org_id={}&status=formal,probationary", d.org_id.0);
    html! {
        <>
            <section class="card" id="dash-head" data-org={d.org_id.0.to_string()}>
                <div class="dash-total">
                    <span id="dash-members">{ number(d.members, Some(&members)) }</span>
                    <span class="muted">{ t.members }</span>
                </div>
                <p class="muted">{ format!("{} · {}", d.org_name, (t.on)(&d.on.to_string())) }</p>
            </section>
            if d.panels.is_empty() {
                <Empty text={t.no_panels} />
            } else {
                <div class="dash-grid" id="panels">{ for d.panels.iter().map(|p| panel(t, p)) }</div>
            }
        </>
    }
}

fn panel(t: &StatTexts, p: &Panel) -> Html {
    let table = match p.chart {
        ChartKind::Figures => Html::default(),
        _ if p.figures.is_empty() => Html::default(),
        kind => figure_table(t, kind, p),
    };
    html! {
        <section class="card panel" id={format!("panel-{}", p.key)} data-chart={kind_code(p.chart)}>
            <h2>{ p.title.clone() }</h2>
            if let Some(note) = &p.note { <p class="muted">{ note.clone() }</p> }
            <div class="panel-body">
                { chart(p.chart, &p.figures) }
                { table }
            </div>
            if let Some(heat) = &p.heat { <HeatTable heat={heat.clone()} /> }
        </section>
    }
}

/// The figures of a chart as a table: the label (with the chart's colour), the number (a link
/// to its list), and its rate when it has a denominator (`of`), else its share of the whole.
fn figure_table(t: &StatTexts, kind: ChartKind, p: &Panel) -> Html {
    let whole: i64 = p.figures.iter().map(|f| f.value.max(0)).sum();
    let rates = p.figures.iter().all(|f| f.of.is_some());
    let swatches = matches!(kind, ChartKind::Bars | ChartKind::Donut);
    html! {
        <table class="table panel-table">
            <thead><tr>
                <th>{ t.label }</th><th class="num">{ t.value }</th><th class="num">{ if rates { t.rate } else { t.share } }</th>
            </tr></thead>
            <tbody>{ for p.figures.iter().enumerate().map(|(i, f)| html! {
                <tr data-key={f.key.clone()}>
                    <td>
                        if swatches { <span class="swatch" style={format!("background:{}", colour(i))}></span> }
                        { f.label.clone() }
                    </td>
                    <td class="num">
                        { number(f.value, f.drill.as_deref()) }
                        if let Some(of) = f.of { { format!(" / {of}") } }
                    </td>
                    <td class="num">{ percent(f.value, f.of.unwrap_or(whole)) }</td>
                </tr>
            }) }</tbody>
        </table>
    }
}
