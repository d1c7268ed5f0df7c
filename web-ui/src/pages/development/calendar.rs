//! The working-day calendar for 公示 periods: the 政工部门 marks holidays and 调休 workdays.

use shared::rules::calendar::DayKind;
use web_sys::SubmitEvent;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::fields::{SelectField, TextField};
use crate::components::load::use_load;
use crate::components::states::render;

#[component]
pub fn CalendarCard() -> Html {
    let (calendar, retry) = use_load((), |_| crate::api::calendar::get());
    let day = use_state(crate::pages::members::edit::today_string);
    let kind = use_state(|| "holiday".to_string());
    let note = use_state(String::new);
    let message = use_state(|| None::<String>);
    let onsubmit = {
        let (day, kind, note, message, retry) =
            (day.clone(), kind.clone(), note.clone(), message.clone(), retry.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (day, kind, note, message, retry) =
                ((*day).clone(), (*kind).clone(), (*note).clone(), message.clone(), retry.clone());
            spawn_local(async move {
                let edit = crate::api::calendar::Edit {
                    day: &day,
                    kind: &kind,
                    note: Some(note.as_str()).filter(|n| !n.is_empty()),
                };
                match crate::api::calendar::edit(&edit).await {
                    Ok(_) => {
                        message.set(Some(format!("已保存：{day}")));
                        retry.emit(());
                    }
                    Err(e) => message.set(Some(e.body.message)),
                }
            });
        })
    };
    html! {
        <section class="card" id="calendar-card">
            <h2>{ "工作日历（公示期按此计算）" }</h2>
            <form class="form-grid" {onsubmit}>
                <TextField label="日期" name="calendar_day" input_type="date" value={(*day).clone()} oninput={let s = day.clone(); Callback::from(move |v| s.set(v))} />
                <SelectField label="类型" name="calendar_kind" value={(*kind).clone()}
                    options={vec![("holiday".into(), "放假".into()), ("workday".into(), "调休上班".into()), ("normal".into(), "恢复默认".into())]}
                    onchange={let s = kind.clone(); Callback::from(move |v| s.set(v))} />
                <TextField label="说明" name="calendar_note" value={(*note).clone()} oninput={let s = note.clone(); Callback::from(move |v| s.set(v))} />
                <div class="form-actions"><button class="button primary" type="submit">{ "保存" }</button></div>
            </form>
            if let Some(text) = &*message { <p class="notice">{ text.clone() }</p> }
            { render(&calendar, &retry, |view| html! {
                <ul class="list">{ for view.calendar.iter().map(|year| {
                    let holidays = year.days.values().filter(|k| **k == DayKind::Holiday).count();
                    let workdays = year.days.values().filter(|k| **k == DayKind::Workday).count();
                    html! { <li class="sync-row"><span class="list-title">{ format!("{} 年", year.year) }
                        if !year.confirmed { <span class="tag">{ "暂定" }</span> }</span>
                        <span class="list-sub">{ format!("放假 {holidays} 天，调休上班 {workdays} 天 · {}", year.source) }</span></li> }
                }) }</ul>
            }) }
        </section>
    }
}
