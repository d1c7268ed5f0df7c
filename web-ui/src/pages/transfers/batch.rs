//! `/transfers/batch/{id}`: one 整建制转接 as its viewer may see it: the kind, where from and
//! to, how many members and how far their cases are, the one 介绍信 with its list (PDF), and
//! each member's case with its state and step (each opens the case). When the caller may do the
//! step the open cases are at, the step is done for all of them at once (`batch_act`).

use shared::api::transfers::{TransferKind, TransferView};
use shared::api::workflow::InstanceStatus;
use yew::prelude::*;

use super::batch_act::BatchAction;
use super::{route_line, state_pill};
use crate::components::load::{Load, use_load};
use crate::components::states::{Empty, render};
use crate::i18n::transfer_batch::{BatchTexts, batch_of};
use crate::i18n::transfer_case::case_of;
use crate::router::Link;
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `transfer_batch` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::TransferBatch { id } => html! { <BatchPage id={*id} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    id: i64,
}

#[component]
fn BatchPage(props: &PageProps) -> Html {
    let (loaded, retry) = use_load(props.id, crate::api::transfers::batch);
    // A step done for the batch answers with its cases as they now stand.
    let on_done = {
        let loaded = loaded.clone();
        Callback::from(move |cases: Vec<TransferView>| loaded.set(Load::Ready(cases)))
    };
    html! {
        <div class="page transfer-case transfer-batch">
            { render(&loaded, &retry, |cases| html! {
                <Batch id={props.id} cases={cases.clone()} on_done={on_done.clone()} on_refresh={retry.clone()} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BatchProps {
    id: i64,
    cases: Vec<TransferView>,
    on_done: Callback<Vec<TransferView>>,
    on_refresh: Callback<()>,
}

fn kv(label: &'static str, value: String) -> Html {
    html! { <div class="kv"><dt>{ label }</dt><dd>{ value }</dd></div> }
}

/// One member's case: who, its state, the step it is at while open, the first rule that warns
/// about it (and how many do).
fn row(b: &BatchTexts, v: &TransferView) -> Html {
    html! {
        <li class="transfer-row" key={v.id} data-case={v.id.to_string()} data-awaiting={v.awaiting.code()} data-step={v.step.to_string()}>
            <Link to={Route::Transfer { id: v.id }} classes="list-link">
                <span class="list-row">
                    <span class="list-title">{ v.person_name.clone() }</span>
                    { state_pill(v) }
                </span>
                if v.status.is_open() {
                    <span class="list-sub">{ (b.step_of)(v.step, &v.step_name) }</span>
                }
                if let Some(w) = v.warnings.first() {
                    <span class="list-meta batch-warning" data-rule={w.code.clone()}>{ w.message.clone() }
                        if v.warnings.len() > 1 { <span class="count-badge warn-count">{ v.warnings.len() }</span> }
                    </span>
                }
            </Link>
        </li>
    }
}

#[component]
fn Batch(props: &BatchProps) -> Html {
    let texts = use_texts();
    let (b, t) = (batch_of(texts), case_of(texts));
    // In the order they were started, as on the letter's list.
    let mut cases = props.cases.clone();
    cases.sort_by_key(|c| c.id);
    // The letter (issued at the 党委's step) is the batch's, shown with its first case; it is
    // asked for again whenever a case has moved.
    let moved: i64 = cases.iter().map(|c| i64::from(c.version)).sum();
    let (letter, _) = use_load((props.id, moved), |(id, _)| crate::api::transfers::detail(id));
    let Some(first) = cases.first() else { return html! { <Empty text={b.none} /> } };
    let open = cases.iter().filter(|c| c.status.is_open()).count();
    let done = cases.iter().filter(|c| c.status == InstanceStatus::Completed).count();
    let ended = cases.len() - open - done;
    // The step the caller may do, and how many open cases are at it.
    let actionable = cases.iter().find(|c| c.status.is_open() && c.can_act).cloned();
    let at_step =
        actionable.as_ref().map_or(0, |a| cases.iter().filter(|c| c.status.is_open() && c.step == a.step).count());
    let waiting = cases.iter().find(|c| c.status.is_open()).map(|c| c.awaiting_label.clone());
    let letter_pdf = matches!(&*letter, Load::Ready(d) if d.letter_pdf);
    let offline = first.secret && first.kind != TransferKind::Within;
    html! {
        <>
            <div class="toolbar"><Link to={Route::Transfers} classes="link-button">{ t.back }</Link></div>
            <section class="card" id="batch-head" data-batch={props.id.to_string()} data-open={open.to_string()}>
                <h1 class="page-title" id="batch-title">{ b.title }<span class="tag">{ first.kind_label.clone() }</span>
                    if first.secret { <span class="tag">{ t.secret }</span> }
                </h1>
                <p class="muted" id="batch-route">{ route_line(first) }</p>
                <dl class="kv-list">
                    { kv(b.people, (b.count)(cases.len())) }
                    { kv(b.progress, (b.progress_counts)(open, done, ended)) }
                    { kv(t.reason, first.reason.clone()) }
                    { kv(t.started_on, first.started_on.to_string()) }
                </dl>
                if offline {
                    <p class="notice" id="letter-offline">{ t.secret_offline }</p>
                } else if letter_pdf {
                    <div class="form-actions">
                        <a class="button secondary" id="batch-letter-pdf" href={crate::api::transfers::letter_href(props.id)} target="_blank" rel="noopener">{ b.letter_pdf }</a>
                    </div>
                }
            </section>
            if let Some(case) = actionable {
                <BatchAction key={format!("{}-{moved}", case.step)} batch={props.id} case={case.clone()} count={at_step}
                    on_done={props.on_done.clone()} on_refresh={props.on_refresh.clone()} />
            } else if let Some(awaiting) = waiting {
                <p class="notice" id="batch-waiting">{ (b.waiting)(&awaiting) }</p>
            }
            <section class="card">
                <h2>{ b.members }</h2>
                <ul class="list" id="batch-cases">{ for cases.iter().map(|c| row(b, c)) }</ul>
            </section>
        </>
    }
}
