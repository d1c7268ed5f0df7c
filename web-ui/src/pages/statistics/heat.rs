//! 组织生活 as a heat map: months across, branches (or whole sub-committees) down; a branch's cell
//! is green where the month met the rules and red where it did not, a sub-committee's says how
//! many of its branches met them (amber when some did). A row's name opens its compliance
//! report. Long lists show their first rows until asked for all.

use shared::api::statistics::{HeatCell, HeatMap};
use yew::prelude::*;

use super::drill;
use crate::i18n::statistics::{StatTexts, of};
use crate::state::use_texts;

const FIRST_ROWS: usize = 30;

#[derive(Properties, PartialEq)]
pub(super) struct HeatProps {
    pub heat: HeatMap,
}

/// `2026-05` as `5月` (the year is in the column's title).
fn month_label(month: &str) -> String {
    match month.split_once('-') {
        Some((_, m)) => format!("{}月", m.trim_start_matches('0')),
        None => month.to_string(),
    }
}

#[component]
pub(super) fn HeatTable(props: &HeatProps) -> Html {
    let t = of(use_texts());
    let all = use_state(|| false);
    let heat = &props.heat;
    if heat.rows.is_empty() {
        return html! { <p class="muted">{ t.no_rows }</p> };
    }
    let shown = if *all { heat.rows.len() } else { FIRST_ROWS.min(heat.rows.len()) };
    let more = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    html! {
        <>
            <div class="legend">
                <span><span class="swatch" style="background:#e3f4e8"></span>{ t.met }</span>
                <span><span class="swatch" style="background:#fff3d6"></span>{ t.partly_met }</span>
                <span><span class="swatch" style="background:#fdecea"></span>{ t.not_met }</span>
            </div>
            <div class="scroll-x">
                <table class="heat">
                    <thead><tr>
                        <th class="row">{ t.branch }</th>
                        { for heat.months.iter().map(|m| html! { <th title={m.clone()}>{ month_label(m) }</th> }) }
                    </tr></thead>
                    <tbody>{ for heat.rows.iter().take(shown).map(|r| html! {
                        <tr data-org={r.org_id.0.to_string()}>
                            <th class="row" title={r.org_name.clone()}>{ drill(&r.drill, classes!(), html! { r.org_name.clone() }) }</th>
                            { for r.cells.iter().zip(heat.months.iter()).map(|(c, m)| cell(t, c, m)) }
                        </tr>
                    }) }</tbody>
                </table>
            </div>
            if shown < heat.rows.len() {
                <button class="button secondary wide no-print" type="button" onclick={more}>{ (t.show_all_rows)(heat.rows.len()) }</button>
            }
        </>
    }
}

/// One month of one row: ✓ or ✗ for a branch, `met/of` for a row of several branches.
fn cell(t: &StatTexts, c: &HeatCell, month: &str) -> Html {
    let class = match (c.met, c.of) {
        (_, 0) => "",
        (met, of) if met >= of => "met",
        (0, _) => "unmet",
        _ => "partly",
    };
    let text = match c.of {
        0 => "—".to_string(),
        1 => (if c.met >= 1 { "✓" } else { "✗" }).to_string(),
        of => format!("{}/{of}", c.met),
    };
    html! { <td class={class} title={(t.heat_cell)(month, c.met, c.of)}>{ text }</td> }
}
