//! 三会一课 落实情况: branches of the subtree for a period, most behind first.

use chrono::Datelike;
use yew::prelude::*;

use crate::components::fields::TextField;
use crate::components::load::use_load;
use crate::components::states::render;
use crate::state::use_texts;

#[component]
pub fn CompliancePage() -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let today = crate::pages::members::edit::today();
    let period = use_state(|| format!("{}-Q{}", today.year(), today.month0() / 3 + 1));
    let (report, retry) = use_load((*period).clone(), |p| async move { crate::api::meetings::compliance(&p).await });
    let (members, members_retry) =
        use_load((*period).clone(), |p| async move { crate::api::member_attendance(&p).await });
    html! {
        <div class="page compliance">
            <h1 class="page-title">{ t.compliance_title }</h1>
            <section class="card">
                <TextField label={t.period_label} name="period" value={(*period).clone()} oninput={let s = period.clone(); Callback::from(move |v| s.set(v))} />
            </section>
            { render(&report, &retry, |r| html! {
                <section class="card">
                    <p class="muted">{ (t.compliance_intro)((r.period_start.to_string(), r.period_end.to_string(), r.rows.len())) }</p>
                    <ul class="list" id="compliance-rows">{ for r.rows.iter().take(200).map(|row| html! {
                        <li class="sync-row">
                            <span class="list-title">{ row.org_name.clone() }<span class={classes!("tag", (!row.missing.is_empty()).then_some("overdue"))}>{ (t.required_held)((row.required, row.held)) }</span></span>
                            <span class="list-sub">{ row.attendance_rate.map(|r| (t.attendance_rate)((r * 100.0).round() as i64)).unwrap_or_else(|| t.no_attendance.into()) }</span>
                            if !row.missing.is_empty() {
                                <span class="field-error">{ (t.missing)(row.missing.iter().map(|m| format!("{}（{}–{}）", m.kind.label(), shared::time::fmt_month_day(m.from), shared::time::fmt_month_day(m.to))).collect::<Vec<_>>().join("、")) }</span>
                            }
                        </li>
                    }) }</ul>
                </section>
            }) }
            { render(&members, &members_retry, |rows| if rows.is_empty() { html! {} } else { html! {
                <section class="card">
                    <h2>{ t.member_attendance_title }</h2>
                    <ul class="list" id="member-attendance">{ for rows.iter().map(|r| html! {
                        <li class="list-row"><span class="list-title">{ r.name.clone() }</span>
                            <span class="list-sub">{ (t.member_attendance_line)((r.expected, r.attended, r.on_leave)) }</span></li>
                    }) }</ul>
                </section>
            } }) }
        </div>
    }
}
