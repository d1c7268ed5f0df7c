//! `/statistics` (`?org_id=&as_of=`): 党内统计报表 of an org as of a date (today by default):
//! 预览 shows every table of the set, 数据检查 lists what would make it wrong with where to fix
//! it, 生成报表 makes the XLSX and PDF in the background; below, the sets made so far.

use chrono::NaiveDate;
use yew::prelude::*;

use super::exports::Exports;
use super::org_pick::OrgPick;
use super::{StatUrl, print_button, style, tables};
use crate::api::ApiError;
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::{ErrorBox, Loading};
use crate::i18n::statistics::of;
use crate::pages::members::edit::today;
use crate::router::{use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// What was asked for last, and with which org and date; `n` makes a repeated click ask again.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shown {
    Preview { org: Option<i64>, as_of: NaiveDate, n: u32 },
    Check { org: Option<i64>, as_of: NaiveDate, n: u32 },
}

/// The typed date, if it is one and not after today.
fn checked_date(text: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    let t = of(crate::i18n::stored());
    let text = text.trim();
    if text.is_empty() {
        return Err(t.date_missing);
    }
    match text.parse::<NaiveDate>() {
        Ok(date) if date > today => Err(t.date_future),
        Ok(date) => Ok(date),
        Err(_) => Err(crate::i18n::stored().date_format_hint),
    }
}

#[component]
pub(super) fn StatisticsPage() -> Html {
    let t = of(use_texts());
    let session = use_session();
    let navigator = use_navigator();
    let url = use_location().query::<StatUrl>().unwrap_or_default();
    let home = session.me.as_ref().map_or(0, |m| m.active_role.org_id.0);
    let org = url.org();
    let today = today();
    let date = use_state(|| url.as_of.clone().unwrap_or_else(|| today.to_string()));
    let date_error = use_state(|| None::<&'static str>);
    let shown = use_state(|| None::<Shown>);
    let refresh = use_state(|| 0u32);
    let (org_view, _) = use_load(org.unwrap_or(home), crate::api::org);
    let name = match &*org_view {
        Load::Ready(o) => Some(AttrValue::from(o.name.clone())),
        _ => None,
    };
    let on_pick = {
        let (navigator, date) = (navigator.clone(), date.clone());
        Callback::from(move |org: Option<i64>| {
            let query = StatUrl { org_id: org.map(|o| o.to_string()), as_of: Some((*date).clone()) };
            navigator.push_with_query(&Route::Statistics, &query);
        })
    };
    // The date checked, the address updated (a reload shows the same), then `then` with it.
    let ask = |then: fn(Option<i64>, NaiveDate, u32) -> Shown| {
        let (date, date_error, shown, navigator) = (date.clone(), date_error.clone(), shown.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| match checked_date(&date, today) {
            Err(message) => date_error.set(Some(message)),
            Ok(as_of) => {
                date_error.set(None);
                let query = StatUrl { org_id: org.map(|o| o.to_string()), as_of: Some(as_of.to_string()) };
                navigator.replace_with_query(&Route::Statistics, &query);
                let n = match *shown {
                    Some(Shown::Preview { n, .. } | Shown::Check { n, .. }) => n + 1,
                    None => 0,
                };
                shown.set(Some(then(org, as_of, n)));
            }
        })
    };
    let preview = ask(|org, as_of, n| Shown::Preview { org, as_of, n });
    let check = ask(|org, as_of, n| Shown::Check { org, as_of, n });
    let started = use_state(|| false);
    let (generate, busy, generate_error) = {
        let (date, started, refresh) = (date.clone(), started.clone(), refresh.clone());
        let export_org = org.unwrap_or(home);
        let done = Callback::from(move |_| {
            started.set(true);
            refresh.set(*refresh + 1);
        });
        use_submit(
            move || {
                let as_of = (*date).trim().parse::<NaiveDate>();
                async move {
                    let as_of =
                        as_of.map_err(|_| crate::api::ApiError::local(of(crate::i18n::stored()).date_missing))?;
                    crate::api::statistics::create_export(export_org, as_of).await
                }
            },
            done,
        )
    };
    let on_generate = {
        let (date, date_error, generate, started) =
            (date.clone(), date_error.clone(), generate.clone(), started.clone());
        Callback::from(move |()| {
            started.set(false);
            match checked_date(&date, today) {
                Err(message) => date_error.set(Some(message)),
                Ok(_) => {
                    date_error.set(None);
                    generate.emit(());
                }
            }
        })
    };
    let oninput = {
        let date = date.clone();
        Callback::from(move |e: InputEvent| date.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    html! {
        <div class="page statistics">
            { style() }
            <div class="card-head">
                <h1 class="page-title">{ t.statistics }</h1>
                <div class="toolbar no-print">{ print_button(t.print) }</div>
            </div>
            <OrgPick {name} away={org.is_some()} {on_pick} />
            <form class="card date-form no-print" id="statistics-form" novalidate=true onsubmit={on_submit(&on_generate)}>
                <div class={classes!("field", date_error.is_some().then_some("invalid"))}>
                    <label for="as-of">{ t.as_of }</label>
                    <input id="as-of" type="date" value={(*date).clone()} max={today.to_string()} {oninput}
                        aria-invalid={date_error.is_some().to_string()} aria-describedby="as-of-error" />
                </div>
                <button class="button secondary" type="button" id="preview" onclick={preview}>{ t.preview }</button>
                <button class="button secondary" type="button" id="check-data" onclick={check}>{ t.check }</button>
                <button class="button primary" type="submit" id="generate" disabled={*busy}>{ t.generate }</button>
                if let Some(message) = *date_error { <p class="field-error" id="as-of-error">{ message }</p> }
            </form>
            if let Some(error) = &*generate_error { <ErrorBox error={said(error)} /> }
            if *started { <div class="notice ok" id="generate-started">{ t.started }</div> }
            { match *shown {
                Some(Shown::Preview { org, as_of, n }) => html! { <Preview {org} {as_of} {n} /> },
                Some(Shown::Check { org, as_of, n }) => html! { <Check {org} {as_of} {n} /> },
                None => Html::default(),
            } }
            <Exports refresh={*refresh} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AskProps {
    org: Option<i64>,
    as_of: NaiveDate,
    n: u32,
}

#[component]
fn Preview(props: &AskProps) -> Html {
    let t = of(use_texts());
    let (report, retry) =
        use_load((props.org, props.as_of, props.n), |(org, as_of, _)| crate::api::statistics::report(org, as_of));
    shown(&report, &retry, |r| {
        let file = |format| crate::api::statistics::report_href(r.org_id.0, r.as_of, format);
        html! {
            <>
                <div class="toolbar no-print" id="report-files">
                    <a class="button secondary" id="report-xlsx" href={file("xlsx")} download="">{ t.download_xlsx }</a>
                    <a class="button secondary" id="report-pdf" href={file("pdf")} download="">{ t.download_pdf }</a>
                </div>
                { tables::report(t, r) }
            </>
        }
    })
}

#[component]
fn Check(props: &AskProps) -> Html {
    let t = of(use_texts());
    let (check, retry) =
        use_load((props.org, props.as_of, props.n), |(org, as_of, _)| crate::api::statistics::check(org, as_of));
    shown(&check, &retry, |c| tables::problems(t, c))
}

/// The server's refusal as it says it: a 422 names what is wrong with each field (`截止日期不能
/// 晚于今天（…）`), which says more than its summary.
fn said(error: &ApiError) -> ApiError {
    let fields = error.fields();
    let mut error = error.clone();
    if !fields.is_empty() {
        error.body.message = fields.into_iter().map(|f| f.message).collect::<Vec<_>>().join("；");
    }
    error
}

/// Like `states::render`, with the server's own words on a refusal.
fn shown<T>(load: &Load<T>, retry: &Callback<()>, content: impl FnOnce(&T) -> Html) -> Html {
    match load {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => html! { <ErrorBox error={said(error)} on_retry={Some(retry.clone())} /> },
        Load::Ready(value) => content(value),
    }
}
