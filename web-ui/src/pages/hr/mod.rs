//! HR sync: upload a roster, pull from a connector, and the history of syncs.

pub mod job;

/// The page of an HR-area route (see `crate::areas`).
pub fn view(route: &crate::routes::Route) -> yew::Html {
    use crate::routes::Route;
    match route {
        Route::Hr => yew::html! { <HrPage /> },
        Route::HrJob { id } => yew::html! { <job::HrJobPage id={*id} /> },
        _ => yew::Html::default(),
    }
}

use shared::api::hr::SyncJobView;
use web_sys::{HtmlInputElement, SubmitEvent};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::load::use_load;
use crate::components::states::{Empty, render};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::{SessionAction, use_session, use_texts};

pub fn when(job: &SyncJobView) -> String {
    shared::time::fmt_china(job.created_at)
}

#[component]
pub fn HrPage() -> Html {
    let texts = use_texts();
    let session = use_session();
    let navigator = use_navigator();
    let file_input = use_node_ref();
    let full_roster = use_state(|| false);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let (jobs, jobs_retry) = use_load((), |_| crate::api::hr::jobs());
    let (connectors, connectors_retry) = use_load((), |_| crate::api::hr::connectors());

    let go_to_job = {
        let (navigator, session, error, busy) = (navigator.clone(), session.clone(), error.clone(), busy.clone());
        Callback::from(move |result: Result<SyncJobView, crate::api::ApiError>| {
            busy.set(false);
            match result {
                Ok(job) => navigator.push(&Route::HrJob { id: job.id.0 }),
                Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                Err(e) => error.set(Some(e.body.message)),
            }
        })
    };
    let onsubmit = {
        let (file_input, full_roster, error, busy, go_to_job) =
            (file_input.clone(), full_roster.clone(), error.clone(), busy.clone(), go_to_job.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let file = file_input.cast::<HtmlInputElement>().and_then(|i| i.files()).and_then(|f| f.get(0));
            let Some(file) = file else { return error.set(Some(crate::i18n::hr::of(texts).choose_first.to_string())) };
            error.set(None);
            busy.set(true);
            let (full, done) = (*full_roster, go_to_job.clone());
            spawn_local(async move { done.emit(crate::api::hr::import(file, full).await) });
        })
    };
    let pull = |id: shared::ConnectorId| {
        let (busy, done) = (busy.clone(), go_to_job.clone());
        Callback::from(move |_| {
            busy.set(true);
            let done = done.clone();
            spawn_local(async move { done.emit(crate::api::hr::pull(id).await) });
        })
    };
    html! {
        <div class="page hr">
            <h1 class="page-title">{ crate::i18n::hr::of(texts).title }</h1>
            <form class="card form" {onsubmit} id="hr-upload">
                <h2>{ crate::i18n::hr::of(texts).upload }</h2>
                <p class="muted">{ crate::i18n::hr::of(texts).upload_hint }</p>
                <div class="field">
                    <label for="hr-file">{ crate::i18n::hr::of(texts).choose_file }</label>
                    <input id="hr-file" type="file" accept=".xlsx,.xls,.csv" ref={file_input} />
                </div>
                <label class="check">
                    <input type="checkbox" checked={*full_roster} onchange={let f = full_roster.clone(); Callback::from(move |_| f.set(!*f))} />
                    { crate::i18n::hr::of(texts).full_roster }
                </label>
                if let Some(message) = &*error {
                    <p class="form-error" role="alert">{ message.clone() }</p>
                }
                <div class="form-actions">
                    <a class="button secondary" href="/api/v1/hr/template.xlsx" download="人员信息导入模板.xlsx">{ crate::i18n::hr::of(texts).template }</a>
                    <button class="button primary" type="submit" id="hr-start" disabled={*busy}>{ if *busy { texts.loading } else { crate::i18n::hr::of(texts).start } }</button>
                </div>
            </form>
            <section class="card">
                <h2>{ crate::i18n::hr::of(texts).connectors }</h2>
                { render(&connectors, &connectors_retry, |list| if list.is_empty() {
                    html! { <Empty text={crate::i18n::hr::of(texts).no_connectors} /> }
                } else {
                    html! { <ul class="list">{ for list.iter().map(|c| html! {
                        <li class="list-row">
                            <span class="list-title">{ c.name.clone() }</span>
                            <button class="button secondary" onclick={pull(c.id)} disabled={*busy}>{ crate::i18n::hr::of(texts).pull_now }</button>
                        </li>
                    }) }</ul> }
                }) }
            </section>
            <section class="card">
                <h2>{ crate::i18n::hr::of(texts).history }</h2>
                { render(&jobs, &jobs_retry, |page| if page.items.is_empty() {
                    html! { <Empty text={crate::i18n::hr::of(texts).no_history} /> }
                } else {
                    html! { <ul class="list" id="hr-history">{ for page.items.iter().map(|job| html! {
                        <li><Link to={Route::HrJob { id: job.id.0 }} classes="list-link">
                            <span class="list-title">{ job.source_name.clone() }<span class="tag">{ job.status.label() }</span></span>
                            <span class="list-sub">{ (crate::i18n::hr::of(texts).job_line)((when(job), job.created_by.clone().unwrap_or_else(|| crate::i18n::hr::of(texts).scheduled.into()), job.counts.new, job.counts.changed, job.counts.invalid)) }</span>
                        </Link></li>
                    }) }</ul> }
                }) }
            </section>
        </div>
    }
}
