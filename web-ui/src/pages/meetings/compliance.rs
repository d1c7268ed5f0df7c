//! 三会一课 落实情况: branches of the subtree for a period, most behind first.

use chrono::Datelike;
use yew::prelude::*;

use crate::components::fields::TextField;
use crate::components::load::use_load;
use crate::components::states::render;

#[component]
pub fn CompliancePage() -> Html {
    let today = crate::pages::members::edit::today();
    let period = use_state(|| format!("{}-Q{}", today.year(), today.month0() / 3 + 1));
    let (report, retry) = use_load((*period).clone(), |p| async move { crate::api::meetings::compliance(&p).await });
    let (members, members_retry) =
        use_load((*period).clone(), |p| async move { crate::api::member_attendance(&p).await });
    html! {
        <div class="page compliance">
            <h1 class="page-title">{ "组织生活落实情况" }</h1>
            <section class="card">
                <TextField label="期间（如 2026、2026-Q3、2026-11）" name="period" value={(*period).clone()} oninput={let s = period.clone(); Callback::from(move |v| s.set(v))} />
            </section>
            { render(&report, &retry, |r| html! {
                <section class="card">
                    <p class="muted">{ format!("{} 至 {}，共 {} 个支部，按缺项从多到少排列", r.period_start, r.period_end, r.rows.len()) }</p>
                    <ul class="list" id="compliance-rows">{ for r.rows.iter().take(200).map(|row| html! {
                        <li class="sync-row">
                            <span class="list-title">{ row.org_name.clone() }<span class={classes!("tag", (!row.missing.is_empty()).then_some("overdue"))}>{ format!("应开 {} 已开 {}", row.required, row.held) }</span></span>
                            <span class="list-sub">{ row.attendance_rate.map(|r| format!("出席率 {:.0}%", r * 100.0)).unwrap_or_else(|| "暂无出席记录".into()) }</span>
                            if !row.missing.is_empty() {
                                <span class="field-error">{ format!("缺：{}", row.missing.iter().map(|m| format!("{}（{}–{}）", m.kind.label(), m.from.format("%m-%d"), m.to.format("%m-%d"))).collect::<Vec<_>>().join("、")) }</span>
                            }
                        </li>
                    }) }</ul>
                </section>
            }) }
            { render(&members, &members_retry, |rows| if rows.is_empty() { html! {} } else { html! {
                <section class="card">
                    <h2>{ "党员出勤（出勤率从低到高）" }</h2>
                    <ul class="list" id="member-attendance">{ for rows.iter().map(|r| html! {
                        <li class="list-row"><span class="list-title">{ r.name.clone() }</span>
                            <span class="list-sub">{ format!("应参加 {} 次，参加 {} 次，请假 {} 次", r.expected, r.attended, r.on_leave) }</span></li>
                    }) }</ul>
                </section>
            } }) }
        </div>
    }
}
