//! The working-day calendar for 公示 periods: the 政工部门 marks holidays and 调休 workdays.

use shared::api::development::{CalendarEdit, RulesView};
use shared::rules::calendar::DayKind;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::states::render;

#[component]
pub fn CalendarCard() -> Html {
    let t = crate::i18n::development::of(crate::state::use_texts());
    let (calendar, retry) = use_load((), |_| crate::api::calendar::get());
    let day = use_state(crate::pages::members::edit::today_string);
    let kind = use_state(|| "holiday".to_string());
    let note = use_state(String::new);
    let message = use_state(|| None::<String>);
    let saved = {
        let (day, message, retry) = (day.clone(), message.clone(), retry.clone());
        Callback::from(move |_: RulesView| {
            message.set(Some((t.calendar_saved)((*day).clone())));
            retry.emit(());
        })
    };
    let (save, busy, error) = use_submit(
        {
            let (day, kind, note) = (day.clone(), kind.clone(), note.clone());
            move || {
                let edit = shared::time::parse_date(&day).map(|day| CalendarEdit {
                    day,
                    kind: (*kind).clone(),
                    note: Some((*note).clone()).filter(|n| !n.is_empty()),
                });
                async move {
                    match edit {
                        Some(edit) => crate::api::calendar::edit(&edit).await,
                        None => Err(ApiError::local(t.calendar_bad_date)),
                    }
                }
            }
        },
        saved,
    );
    html! {
        <section class="card" id="calendar-card">
            <h2>{ t.calendar_title }</h2>
            <form class="form-grid" onsubmit={on_submit(&save)}>
                <TextField label={t.calendar_day} name="calendar_day" input_type="date" value={(*day).clone()} oninput={let s = day.clone(); Callback::from(move |v| s.set(v))} />
                <SelectField label={t.calendar_kind} name="calendar_kind" value={(*kind).clone()}
                    options={vec![("holiday".into(), t.calendar_holiday.into()), ("workday".into(), t.calendar_workday.into()), ("normal".into(), t.calendar_normal.into())]}
                    onchange={let s = kind.clone(); Callback::from(move |v| s.set(v))} />
                <TextField label={t.calendar_note} name="calendar_note" value={(*note).clone()} oninput={let s = note.clone(); Callback::from(move |v| s.set(v))} />
                <div class="form-actions"><button class="button primary" type="submit" disabled={*busy}>{ t.calendar_save }</button></div>
            </form>
            if let Some(e) = &*error { <p class="form-error" role="alert">{ e.body.message.clone() }</p> }
            else if let Some(text) = &*message { <p class="notice">{ text.clone() }</p> }
            { render(&calendar, &retry, |view| html! {
                <ul class="list">{ for view.calendar.iter().map(|year| {
                    let holidays = year.days.values().filter(|k| **k == DayKind::Holiday).count();
                    let workdays = year.days.values().filter(|k| **k == DayKind::Workday).count();
                    html! { <li class="sync-row"><span class="list-title">{ (t.calendar_year)(year.year) }
                        if !year.confirmed { <span class="tag">{ t.calendar_tentative }</span> }</span>
                        <span class="list-sub">{ (t.calendar_year_counts)((holidays, workdays, year.source.clone())) }</span></li> }
                }) }</ul>
            }) }
        </section>
    }
}
