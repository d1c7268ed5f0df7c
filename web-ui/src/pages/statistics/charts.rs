//! The dashboard's charts, drawn as plain SVG (no chart library): horizontal bars, a donut, a
//! funnel, rates as bars on a 0–100 % track. Every bar or ring segment with a list behind it
//! is a link into the app. Figures (plain numbers) are tiles instead of a chart.

use shared::api::statistics::{ChartKind, Figure};
use yew::prelude::*;

use super::{drill, number, percent};

/// Colours of the segments and bars, in figure order (the table repeats them as swatches).
pub(super) const PALETTE: [&str; 8] =
    ["#b71c1c", "#c9a227", "#5f6670", "#e57373", "#1b7f3b", "#8e6bb8", "#2a7ab0", "#d98c3f"];

pub(super) fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// The chart of a panel (none for a heat map, which is its own table).
pub(super) fn chart(kind: ChartKind, figures: &[Figure]) -> Html {
    if figures.is_empty() {
        return Html::default();
    }
    match kind {
        ChartKind::Bars => bars(figures, false),
        ChartKind::Rates => bars(figures, true),
        ChartKind::Donut => donut(figures),
        ChartKind::Funnel => funnel(figures),
        ChartKind::Figures => tiles(figures),
        ChartKind::HeatMap => Html::default(),
    }
}

/// The code of a chart kind, for `data-chart`.
pub(super) fn kind_code(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Bars => "bars",
        ChartKind::Donut => "donut",
        ChartKind::Funnel => "funnel",
        ChartKind::Rates => "rates",
        ChartKind::Figures => "figures",
        ChartKind::HeatMap => "heat_map",
    }
}

/// `shape` wrapped in a link to the figure's list when it has one.
fn linked(figure: &Figure, shape: Html) -> Html {
    match &figure.drill {
        Some(href) => drill(href, classes!("bar-link"), shape),
        None => shape,
    }
}

/// A label cut to fit beside the bars (the table below has it whole).
fn short(label: &str) -> String {
    if label.chars().count() > 7 {
        format!("{}…", label.chars().take(6).collect::<String>())
    } else {
        label.to_string()
    }
}

const ROW: i64 = 24;
const LABEL_W: i64 = 96;
const BAR_W: i64 = 170;

/// One bar per figure; for rates the bar is `value / of` on a grey track and says the rate.
fn bars(figures: &[Figure], rates: bool) -> Html {
    let max = figures.iter().map(|f| f.value).max().unwrap_or(0).max(1);
    let height = ROW * figures.len() as i64 + 4;
    html! {
        <svg class="chart bars" viewBox={format!("0 0 320 {height}")} role="img" aria-hidden="true">
            { for figures.iter().enumerate().map(|(i, f)| {
                let y = ROW * i as i64 + 2;
                let of = f.of.unwrap_or(0);
                let width = if rates { f.value.clamp(0, of.max(0)) * BAR_W / of.max(1) } else { f.value.max(0) * BAR_W / max };
                let text = if rates { percent(f.value, of) } else { f.value.to_string() };
                html! {
                    <g data-key={f.key.clone()}>
                        <text x="0" y={(y + 15).to_string()}>{ short(&f.label) }</text>
                        if rates {
                            <rect x={LABEL_W.to_string()} y={(y + 3).to_string()} width={BAR_W.to_string()} height="16" rx="3" fill="#e3e5e8" />
                        }
                        { linked(f, html! {
                            <rect x={LABEL_W.to_string()} y={(y + 3).to_string()} width={width.max(1).to_string()} height="16" rx="3"
                                fill={if rates { "#b71c1c" } else { colour(i) }} />
                        }) }
                        <text x={(LABEL_W + if rates { BAR_W } else { width } + 4).to_string()} y={(y + 15).to_string()}>{ text }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// A ring of shares; the circle's circumference is 1000 units, so each segment's length is its
/// share in permille, starting at the top.
fn donut(figures: &[Figure]) -> Html {
    let total: i64 = figures.iter().map(|f| f.value.max(0)).sum();
    let mut start = 0i64;
    html! {
        <svg class="chart donut" viewBox="0 0 420 420" role="img" aria-hidden="true">
            <circle cx="210" cy="210" r="159.155" fill="none" stroke="#e3e5e8" stroke-width="56" />
            { for figures.iter().enumerate().filter(|(_, f)| f.value > 0 && total > 0).map(|(i, f)| {
                let length = f.value * 1000 / total;
                let offset = 250 - start;
                start += length;
                linked(f, html! {
                    <circle cx="210" cy="210" r="159.155" fill="none" stroke={colour(i)} stroke-width="56"
                        stroke-dasharray={format!("{length} {}", 1000 - length)} stroke-dashoffset={offset.to_string()} data-key={f.key.clone()} />
                })
            }) }
            <text class="big" x="210" y="230" text-anchor="middle">{ total }</text>
        </svg>
    }
}

/// Stages from wide to narrow, centred, each as wide as its share of the first.
fn funnel(figures: &[Figure]) -> Html {
    let max = figures.iter().map(|f| f.value).max().unwrap_or(0).max(1);
    let height = 30 * figures.len() as i64 + 4;
    html! {
        <svg class="chart funnel" viewBox={format!("0 0 320 {height}")} role="img" aria-hidden="true">
            { for figures.iter().enumerate().map(|(i, f)| {
                let width = (f.value.max(0) * 300 / max).max(2);
                let y = 30 * i as i64 + 2;
                let tint = ["#f3c4c4", "#efb0b0", "#ea9c9c", "#e48888", "#de7474", "#d86060"][i.min(5)];
                html! {
                    <g data-key={f.key.clone()}>
                        { linked(f, html! {
                            <rect x={((320 - width) / 2).to_string()} y={y.to_string()} width={width.to_string()} height="26" rx="3" fill={tint} />
                        }) }
                        <text x="160" y={(y + 18).to_string()} text-anchor="middle">{ format!("{} {}", f.label, f.value) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// Plain numbers as tiles, each number a link to its list.
fn tiles(figures: &[Figure]) -> Html {
    html! {
        <div class="tiles">{ for figures.iter().map(|f| html! {
            <div class="stat" data-key={f.key.clone()}>
                <span class="stat-value">{ number(f.value, f.drill.as_deref()) }</span>
                <span class="stat-label">{ f.label.clone() }</span>
            </div>
        }) }</div>
    }
}
