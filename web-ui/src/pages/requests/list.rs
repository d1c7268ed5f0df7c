//! `/requests`: the 请示 desk: 待我办理, 本级请示 and 收到的请示 as tabs, filtered by stage and
//! title (kept in the address), with 起草请示 and the links to the templates and the 档案 beside
//! the title. Each row opens the request.

use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::PageQuery;
use shared::api::requests::{RequestQuery, RequestQueue, RequestStage, RequestView};
use shared::permissions::{self, Action};
use yew::prelude::*;

use super::stage_pill;
use crate::components::fields::{SelectField, TextField, code_options};
use crate::components::load::on_submit;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::requests::{ListTexts, list_of};
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `requests` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Requests => html! { <RequestsPage /> },
        _ => Html::default(),
    }
}

/// `?tab=to_do|mine|received&stage=&q=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct DeskUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tab: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
}

fn row(t: &ListTexts, v: &RequestView, queue: RequestQueue) -> Html {
    let other = if queue == RequestQueue::Received { (t.from_org)(&v.org.name) } else { (t.to_org)(&v.to_org.name) };
    html! {
        <li class="request-row" key={v.id} data-request={v.id.to_string()}>
            <Link to={Route::Request { id: v.id }} classes="list-link">
                <span class="list-row">
                    <span class="list-title">{ v.title.clone() }</span>
                    { stage_pill(v.stage) }
                </span>
                <span class="list-sub">
                    { other }
                    if let Some(n) = &v.doc_number { { " · " }{ n.clone() } }
                </span>
                <span class="list-meta">
                    <span class="tag">{ v.template_name.clone() }</span>
                    if v.archived { <span class="tag">{ t.archived }</span> }
                    if v.overdue { <span class="tag overdue">{ t.overdue }</span> }
                    { " " }
                    if let Some(due) = v.due_on { { (t.due)(&due.to_string()) }{ " · " } }
                    { (t.updated)(&shared::time::fmt_china(v.updated_at)) }
                </span>
            </Link>
        </li>
    }
}

#[component]
fn RequestsPage() -> Html {
    let texts = use_texts();
    let t = list_of(texts);
    let session = use_session();
    let role = session.me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    let navigator = use_navigator();
    let url = use_location().query::<DeskUrl>().unwrap_or_default();
    let queue = url.tab.as_deref().and_then(RequestQueue::from_code).unwrap_or(RequestQueue::ToDo);
    let typed = use_state(|| url.q.clone().unwrap_or_default());
    let paged = use_paged((queue, url.stage.clone(), url.q.clone()), |(queue, stage, q), cursor| async move {
        let query = RequestQuery {
            queue: Some(queue),
            stage: stage.as_deref().and_then(RequestStage::from_code),
            q,
            page: PageQuery::after(20, cursor),
        };
        crate::api::requests::list(&query).await
    });
    let tab_link = |q: RequestQueue| {
        let query = query_string(&DeskUrl { tab: Some(q.code().to_string()), ..url.clone() });
        html! {
            <Link to={Route::Requests} query={Some(query)} classes={classes!("tab", (queue == q).then_some("active"))}>{ q.label() }</Link>
        }
    };
    let on_stage = {
        let (navigator, url) = (navigator.clone(), url.clone());
        Callback::from(move |stage: String| {
            let stage = (!stage.is_empty()).then_some(stage);
            navigator.replace_with_query(&Route::Requests, &DeskUrl { stage, ..url.clone() });
        })
    };
    let search = {
        let (navigator, url, typed) = (navigator.clone(), url.clone(), typed.clone());
        Callback::from(move |_| {
            let q = crate::pages::transfers::text(&typed);
            navigator.replace_with_query(&Route::Requests, &DeskUrl { q, ..url.clone() })
        })
    };
    let empty = match queue {
        RequestQueue::ToDo => t.empty_to_do,
        RequestQueue::Mine => t.empty_mine,
        RequestQueue::Received => t.empty_received,
    };
    let may_draft = matches!(role, RoleKind::Branch | RoleKind::Committee);
    let s = &*paged.state;
    html! {
        <div class="page requests desk">
            <div class="card-head">
                <h1 class="page-title">{ t.title }</h1>
                <div class="toolbar">
                    if permissions::may(role, Action::ViewArchive) {
                        <Link to={Route::Archive} classes="button secondary">{ t.archive }</Link>
                    }
                    if permissions::may(role, Action::ManageRequestTemplates) {
                        <Link to={Route::RequestTemplates} classes="button secondary">{ t.templates }</Link>
                    }
                    if may_draft {
                        <Link to={Route::RequestNew} classes="button primary">{ t.new }</Link>
                    }
                </div>
            </div>
            <section class="card">
                <nav class="tabs" id="request-tabs" aria-label={t.title}>
                    { tab_link(RequestQueue::ToDo) }
                    { tab_link(RequestQueue::Mine) }
                    { tab_link(RequestQueue::Received) }
                </nav>
                <form class="filter-main" role="search" onsubmit={on_submit(&search)}>
                    <SelectField label={t.stage} name="request_stage" value={url.stage.clone().unwrap_or_default()} onchange={on_stage}
                        options={code_options(RequestStage::ALL, RequestStage::code, RequestStage::label, t.all_stages)} />
                    <TextField label={t.search_label} name="request_q" value={(*typed).clone()} placeholder={t.search_hint}
                        oninput={let typed = typed.clone(); Callback::from(move |v| typed.set(v))} />
                    <button class="button secondary" type="submit">{ texts.search }</button>
                </form>
            </section>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={empty} />
            } else if !s.items.is_empty() {
                <ul class="list cards" id="request-list">{ for s.items.iter().map(|v| row(t, v, queue)) }</ul>
            }
            <LoadMore<RequestView> paged={paged.clone()} />
        </div>
    }
}
