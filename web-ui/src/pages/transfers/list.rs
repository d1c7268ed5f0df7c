//! `/transfers`: a member's own cases (with 申请转接), or the desk of a branch, 党委 or 政工部门:
//! 待我审批, 待接收, 回执未回 and all cases, filtered by kind and the member's name, kept in the
//! address, with 整建制转接 and 登记转入 beside the title. Each row opens the case.

use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::PageQuery;
use shared::api::transfers::{TransferKind, TransferQuery, TransferQueue, TransferView};
use shared::permissions::{self, Action};
use yew::prelude::*;

use super::{route_line, state_pill};
use crate::components::fields::{SelectField, TextField, code_options};
use crate::components::load::on_submit;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::transfers::{ListTexts, list_of};
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `transfers` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Transfers => html! { <TransfersPage /> },
        _ => Html::default(),
    }
}

/// `?tab=to_approve|to_receive|receipt_pending|all&kind=&q=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct DeskUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tab: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
}

const ALL: &str = "all";

#[component]
fn TransfersPage() -> Html {
    let session = use_session();
    let role = session.me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    if permissions::may(role, Action::RunTransfers) {
        html! { <Desk {role} /> }
    } else {
        html! { <Mine {role} /> }
    }
}

/// One case: who (on the desk) or what kind, its state, the route, the dates and how many rules
/// warn about it.
fn row(t: &ListTexts, v: &TransferView, who: bool) -> Html {
    let title = if who { v.person_name.clone() } else { v.kind_label.clone() };
    html! {
        <li class="transfer-row" key={v.id} data-case={v.id.to_string()} data-awaiting={v.awaiting.code()}>
            <Link to={Route::Transfer { id: v.id }} classes="list-link">
                <span class="list-row">
                    <span class="list-title">{ title }
                        if who { <span class="tag">{ v.kind_label.clone() }</span> }
                        if v.secret { <span class="tag">{ t.secret }</span> }
                    </span>
                    { state_pill(v) }
                </span>
                <span class="list-sub transfer-route">{ route_line(v) }</span>
                <span class="list-meta">
                    { (t.started)(&v.started_on.to_string()) }
                    if let Some(due) = v.due_on { { " · " }{ (t.due)(&due.to_string()) } }
                    if !v.warnings.is_empty() {
                        <span class="count-badge warn-count" title={t.warnings}>{ (t.warning_count)(v.warnings.len()) }</span>
                    }
                </span>
            </Link>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct RoleProps {
    role: RoleKind,
}

/// A member's own cases, newest first, and 申请转接 while none is open.
#[component]
fn Mine(props: &RoleProps) -> Html {
    let t = list_of(use_texts());
    let paged = use_paged((), |_, cursor| async move {
        let query =
            TransferQuery { include_finished: Some(true), page: PageQuery::after(20, cursor), ..Default::default() };
        crate::api::transfers::list(&query).await
    });
    let s = &*paged.state;
    let open = s.items.iter().any(|v| v.status.is_open());
    let may_apply = permissions::may(props.role, Action::RequestTransfer);
    html! {
        <div class="page transfers mine">
            <h1 class="page-title">{ t.title }</h1>
            <section class="card" id="transfer-start">
                <p class="muted">{ t.intro }</p>
                if open {
                    <p class="notice" id="transfer-open">{ t.open_case }</p>
                } else if may_apply && !s.loading {
                    <Link to={Route::TransferNew} classes="button primary wide" >{ t.apply }</Link>
                }
            </section>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={t.mine_empty} />
            } else if !s.items.is_empty() {
                <ul class="list cards" id="transfer-list">{ for s.items.iter().map(|v| row(t, v, false)) }</ul>
            }
            <LoadMore<TransferView> paged={paged.clone()} />
        </div>
    }
}

/// The desk of a branch, 党委 or 政工部门.
#[component]
fn Desk(props: &RoleProps) -> Html {
    let texts = use_texts();
    let t = list_of(texts);
    let navigator = use_navigator();
    let url = use_location().query::<DeskUrl>().unwrap_or_default();
    let tab = url.tab.clone().unwrap_or_else(|| TransferQueue::ToApprove.code().to_string());
    let typed = use_state(|| url.q.clone().unwrap_or_default());
    let paged = use_paged((tab.clone(), url.kind.clone(), url.q.clone()), |(tab, kind, q), cursor| async move {
        let query = TransferQuery {
            kind: kind.as_deref().and_then(TransferKind::from_code),
            queue: TransferQueue::from_code(&tab),
            include_finished: (tab == ALL).then_some(true),
            q,
            page: PageQuery::after(20, cursor),
            ..Default::default()
        };
        crate::api::transfers::list(&query).await
    });
    let tab_link = |code: &'static str, label: &'static str| {
        let query = query_string(&DeskUrl { tab: Some(code.to_string()), ..url.clone() });
        html! {
            <Link to={Route::Transfers} query={Some(query)} classes={classes!("tab", (tab == code).then_some("active"))}>{ label }</Link>
        }
    };
    let on_kind = {
        let (navigator, url) = (navigator.clone(), url.clone());
        Callback::from(move |kind: String| {
            let kind = (!kind.is_empty()).then_some(kind);
            navigator.replace_with_query(&Route::Transfers, &DeskUrl { kind, ..url.clone() });
        })
    };
    let search = {
        let (navigator, url, typed) = (navigator.clone(), url.clone(), typed.clone());
        Callback::from(move |_| {
            navigator.replace_with_query(&Route::Transfers, &DeskUrl { q: super::text(&typed), ..url.clone() })
        })
    };
    let s = &*paged.state;
    html! {
        <div class="page transfers desk">
            <div class="card-head">
                <h1 class="page-title">{ t.title }</h1>
                <div class="toolbar">
                    if props.role == RoleKind::Branch {
                        <Link to={Route::TransferNew} classes="button secondary" >{ t.start_for }</Link>
                    }
                    <Link to={Route::TransferBatchNew} classes="button secondary">{ t.batch }</Link>
                    <Link to={Route::TransferIncoming} classes="button primary" >{ t.register }</Link>
                </div>
            </div>
            <section class="card">
                <nav class="tabs" id="transfer-tabs" aria-label={t.title}>
                    { tab_link(TransferQueue::ToApprove.code(), TransferQueue::ToApprove.label()) }
                    { tab_link(TransferQueue::ToReceive.code(), TransferQueue::ToReceive.label()) }
                    { tab_link(TransferQueue::ReceiptPending.code(), TransferQueue::ReceiptPending.label()) }
                    { tab_link(ALL, texts.all) }
                </nav>
                <form class="filter-main" role="search" onsubmit={on_submit(&search)}>
                    <SelectField label={t.kind} name="transfer_kind_filter" value={url.kind.clone().unwrap_or_default()} onchange={on_kind}
                        options={code_options(TransferKind::ALL, TransferKind::code, TransferKind::label, t.all_kinds)} />
                    <TextField label={t.name} name="transfer_q" value={(*typed).clone()}
                        oninput={let typed = typed.clone(); Callback::from(move |v| typed.set(v))} />
                    <button class="button secondary" type="submit">{ texts.search }</button>
                </form>
            </section>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={if tab == ALL { t.none } else { t.queue_empty }} />
            } else if !s.items.is_empty() {
                <ul class="list cards" id="transfer-list">{ for s.items.iter().map(|v| row(t, v, true)) }</ul>
            }
            <LoadMore<TransferView> paged={paged.clone()} />
        </div>
    }
}
