//! One table of the report set as laid out officially: the multi-level header with its spans,
//! the unit, the rows (the first is the total, 合计). Wide tables scroll sideways on a phone.

use shared::api::statistics::{ConsistencyReport, ReportTable, StatisticsReport};
use yew::prelude::*;

use super::drill;
use crate::i18n::statistics::StatTexts;

pub(super) fn report(t: &StatTexts, r: &StatisticsReport) -> Html {
    html! {
        <div class="page" id="report" data-org={r.org_id.0.to_string()} data-as-of={r.as_of.to_string()}>
            <p class="muted" id="report-head">{ (t.report_head)(&r.org_name, &r.period_from.to_string(), &r.as_of.to_string()) }</p>
            { for r.tables.iter().map(|table| report_table(t, table)) }
        </div>
    }
}

fn span(n: i32) -> Option<AttrValue> {
    (n > 1).then(|| AttrValue::from(n.to_string()))
}

/// A cell kept as an integer scaled by 10^`decimals` (amounts in 分 for 元), written out.
fn scaled(n: i64, decimals: u8) -> String {
    if decimals == 0 {
        return n.to_string();
    }
    let unit = 10i64.pow(u32::from(decimals));
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let unit = unit.unsigned_abs();
    format!("{sign}{}.{:0width$}", n / unit, n % unit, width = usize::from(decimals))
}

fn report_table(t: &StatTexts, table: &ReportTable) -> Html {
    html! {
        <section class="card report-table" id={format!("table-{}", table.code)}>
            <h2>{ table.title.clone() }</h2>
            <p class="muted">{ (t.unit)(&table.unit) }</p>
            <div class="scroll-x">
                <table class="report">
                    <thead>{ for table.header.iter().map(|row| html! {
                        <tr>{ for row.iter().map(|c| html! {
                            <th colspan={span(c.cols)} rowspan={span(c.rows)}>{ c.text.clone() }</th>
                        }) }</tr>
                    }) }</thead>
                    <tbody>{ for table.rows.iter().enumerate().map(|(i, row)| html! {
                        <tr class={classes!((i == 0).then_some("total"))}>
                            <th scope="row">{ row.label.clone() }</th>
                            { for row.cells.iter().enumerate().map(|(i, n)| html! {
                                <td>{ scaled(*n, table.decimals.get(i).copied().unwrap_or(0)) }</td>
                            }) }
                        </tr>
                    }) }</tbody>
                </table>
            </div>
        </section>
    }
}

/// 数据检查: how many people were checked and each problem with the page where it is fixed.
pub(super) fn problems(t: &StatTexts, c: &ConsistencyReport) -> Html {
    html! {
        <section class="card" id="check" data-problems={c.problems.len().to_string()}>
            <h2>{ t.check }</h2>
            <p class="muted" id="check-summary">{ (t.checked)(c.checked_people, c.problems.len()) }</p>
            if c.problems.is_empty() {
                <div class="notice ok" id="check-ok">{ t.no_problems }</div>
            } else {
                <ul class="list problems">{ for c.problems.iter().map(|p| html! {
                    <li data-code={p.code.clone()}>
                        <span>{ p.message.clone() }</span>{ " " }
                        { drill(&p.link, classes!("more-link"), html! { format!("{} ›", t.fix) }) }
                    </li>
                }) }</ul>
            }
        </section>
    }
}
