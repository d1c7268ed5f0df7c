//! Member development: an applicant's own application, a secretary's or committee's pipeline.

pub mod calendar;
pub mod instance;
pub mod meeting;

/// The page of a development-area route (see `crate::areas`); one case is `instance::view`.
pub fn view(route: &crate::routes::Route) -> yew::Html {
    use crate::routes::Route;
    match route {
        Route::Development => yew::html! { <DevelopmentPage /> },
        Route::DevMeeting => yew::html! { <meeting::DevMeetingPage /> },
        _ => yew::Html::default(),
    }
}

use shared::api::development::{
    ApplicationRequest, InstanceDetail, InstanceListQuery, InstanceStatus, InstanceSummary,
};
use shared::permissions::{self, Action};
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::fields::TextField;
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::{Empty, render};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

pub fn instance_line(i: &InstanceSummary) -> Html {
    let t = crate::i18n::development::of(crate::i18n::stored());
    let deadline = match i.status {
        InstanceStatus::Waiting => i.ready_on.map(|d| (t.again_from)(d.to_string())).unwrap_or_default(),
        InstanceStatus::Active => i.due_on.map(|d| (t.deadline)(d.to_string())).unwrap_or_default(),
        _ => i.outcome.map(|o| format!(" · {}", o.label())).unwrap_or_default(),
    };
    html! {
        <Link to={Route::DevInstance { id: i.id }} classes="list-link">
            <span class="list-title">{ i.person_name.clone() }
                if i.overdue { <span class="tag overdue">{ t.overdue_tag }</span> }
                if i.status != InstanceStatus::Active { <span class="tag">{ i.status.label() }</span> }
                <span class="tag">{ (t.step_no)(i.step) }</span>
            </span>
            <span class="list-sub">{ format!("{} · {}{}", i.step_name, i.org_name, deadline) }</span>
        </Link>
    }
}

#[component]
pub fn DevelopmentPage() -> Html {
    let session = use_session();
    let kind = session.me.as_ref().map(|m| m.active_role.kind);
    match kind {
        Some(kind) if !permissions::manages(kind, Action::ViewDevelopment) => html! { <MyApplication /> },
        Some(kind) if permissions::may(kind, Action::EditCalendar) => {
            html! { <><Pipeline /><calendar::CalendarCard /></> }
        }
        _ => html! { <Pipeline /> },
    }
}

/// The applicant's own view: apply, or follow the timeline.
#[component]
fn MyApplication() -> Html {
    let texts = use_texts();
    let navigator = use_navigator();
    let (mine, retry) = use_load((), |_| async {
        crate::api::development::instances(&InstanceListQuery { include_finished: Some(true), ..Default::default() })
            .await
    });
    let applied_on = use_state(crate::pages::members::edit::today_string);
    let opened = Callback::from(move |d: InstanceDetail| navigator.push(&Route::DevInstance { id: d.summary.id }));
    let (apply, busy, error) = use_submit(
        {
            let applied_on = applied_on.clone();
            move || {
                let date = shared::time::parse_date(&applied_on);
                async move {
                    match date {
                        Some(applied_on) => {
                            crate::api::development::apply(&ApplicationRequest { applied_on, person_id: None }).await
                        }
                        None => Err(ApiError::local(crate::i18n::development::of(texts).bad_date)),
                    }
                }
            }
        },
        opened,
    );
    html! {
        <div class="page development">
            <h1 class="page-title">{ crate::i18n::development::of(texts).my_application }</h1>
            { render(&mine, &retry, |page| if let Some(first) = page.items.first() {
                html! { <section class="card"><ul class="list">{ for page.items.iter().map(|i| html! { <li>{ instance_line(i) }</li> }) }</ul>
                    <Link to={Route::DevInstance { id: first.id }} classes="button primary">{ crate::i18n::development::of(texts).timeline }</Link></section> }
            } else {
                html! {
                    <form class="card form" onsubmit={on_submit(&apply)} id="dev-apply">
                        <p class="muted">{ crate::i18n::development::of(texts).no_application }</p>
                        <TextField label={crate::i18n::development::of(texts).applied_on} name="applied_on" input_type="date" value={(*applied_on).clone()}
                            oninput={let s = applied_on.clone(); Callback::from(move |v| s.set(v))} />
                        if let Some(e) = &*error { <p class="form-error" role="alert">{ e.body.message.clone() }</p> }
                        <button class="button primary wide" type="submit" disabled={*busy}>{ crate::i18n::development::of(texts).apply }</button>
                    </form>
                }
            }) }
        </div>
    }
}

/// The secretary's / committee's pipeline: figures, then the cases, overdue first if asked.
#[component]
fn Pipeline() -> Html {
    let texts = use_texts();
    let stage = use_state(String::new);
    let overdue = use_state(|| false);
    let (summary, summary_retry) = use_load((), |_| crate::api::development::summary());
    let paged = use_paged(((*stage).clone(), *overdue), |(stage, overdue), cursor| async move {
        let query = InstanceListQuery {
            stage: stage.parse().ok(),
            overdue: overdue.then_some(true),
            limit: Some(50),
            cursor,
            ..Default::default()
        };
        crate::api::development::instances(&query).await
    });
    let list = &paged.state;
    let stages = ["", "1", "2", "3", "4", "5"];
    html! {
        <div class="page development">
            <div class="card-head"><h1 class="page-title">{ crate::i18n::development::of(texts).pipeline }</h1>
                <Link to={Route::DevMeeting} classes="button secondary">{ crate::i18n::development::of(texts).meeting }</Link></div>
            <section class="card">
                { render(&summary, &summary_retry, |s| html! {
                    <div class="stats" id="dev-summary">
                        <div class="stat"><span class="stat-value">{ s.due_talks }</span><span class="stat-label">{ crate::i18n::development::of(texts).due_talks }</span></div>
                        <div class="stat"><span class="stat-value">{ s.ready_candidates }</span><span class="stat-label">{ crate::i18n::development::of(texts).ready }</span></div>
                        <div class="stat"><span class="stat-value">{ s.overdue }</span><span class="stat-label">{ crate::i18n::development::of(texts).overdue }</span></div>
                        <div class="stat"><span class="stat-value">{ s.awaiting_committee }</span><span class="stat-label">{ crate::i18n::development::of(texts).awaiting }</span></div>
                    </div>
                }) }
            </section>
            <section class="card">
                <div class="tabs" role="tablist">
                    { for stages.iter().enumerate().map(|(i, code)| {
                        let label = if i == 0 { texts.all.to_string() } else { crate::i18n::development::of(texts).stage_names[i - 1].to_string() };
                        let (stage, code) = (stage.clone(), code.to_string());
                        html! { <button class={classes!("tab", (*stage == code).then_some("active"))} onclick={Callback::from(move |_| stage.set(code.clone()))}>{ label }</button> }
                    }) }
                </div>
                <label class="check"><input type="checkbox" id="dev-overdue" checked={*overdue} onchange={let o = overdue.clone(); Callback::from(move |_| o.set(!*o))} />{ crate::i18n::development::of(texts).only_overdue }</label>
                if list.items.is_empty() && !list.loading && list.error.is_none() {
                    <Empty text={crate::i18n::development::of(texts).none} />
                } else {
                    <ul class="list" id="dev-list">{ for list.items.iter().map(|i| html! { <li>{ instance_line(i) }</li> }) }</ul>
                }
                <LoadMore<InstanceSummary> paged={paged.clone()} />
            </section>
        </div>
    }
}
