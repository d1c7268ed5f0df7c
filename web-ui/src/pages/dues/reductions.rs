//! 减免党费审批 for the branch, the 党委 and the 政工部门: the cases in progress within reach
//! (or all of them), each with the member, the org, the amount against the standard, the
//! months, the reason and the step; whoever may decide the step now approves or refuses (with a
//! reason), after a confirmation, and the case is shown as it stands afterwards in place.

use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::PageQuery;
use shared::api::dues::{ReductionDecision, ReductionQuery, ReductionView};
use shared::api::workflow::Decision;
use shared::permissions::{self, Action};
use yew::prelude::*;

use super::reduction::{History, summary};
use super::{field_error, text};
use crate::components::load::use_submit;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::dues::reductions_of;
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `dues_reductions` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::DuesReductions => html! { <ReductionsPage /> },
        Route::DuesReductionNew => html! { <NewReduction /> },
        _ => Html::default(),
    }
}

/// `/dues/reductions/new?person_id=&standard=`: the branch applies for a member (none: the
/// caller for themself); the standard is the hint shown for 减交.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct NewUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
}

/// `/dues?submitted=1`: back on 我的党费 after applying.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct DoneUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<String>,
}

/// The application: the member's own goes back to 我的党费, the branch's to 减免审批.
#[component]
fn NewReduction() -> Html {
    let r = reductions_of(use_texts());
    let url = use_location().query::<NewUrl>().unwrap_or_default();
    let navigator = use_navigator();
    let person = url.person_id;
    let done = {
        let navigator = navigator.clone();
        Callback::from(move |_: ReductionView| match person {
            Some(_) => navigator.push(&Route::DuesReductions),
            None => navigator.push_with_query(&Route::DuesMine, &DoneUrl { submitted: Some("1".into()) }),
        })
    };
    let cancel = Callback::from(move |_| match person {
        Some(id) => navigator.push(&Route::DuesMember { id }),
        None => navigator.push(&Route::DuesMine),
    });
    html! {
        <div class="page dues-reduction-new">
            <section class="card">
                <h1 class="page-title">{ if person.is_some() { r.apply_for } else { r.apply } }</h1>
                <super::reduction::ApplyForm {person} standard={url.standard.clone()} on_done={done} on_cancel={cancel} />
            </section>
        </div>
    }
}

/// `?finished=1` also lists decided cases (kept in the address across reloads).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct CasesUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    finished: Option<String>,
}

#[component]
fn ReductionsPage() -> Html {
    let r = reductions_of(use_texts());
    let session = use_session();
    let kind = session.me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    let finished = use_location().query::<CasesUrl>().unwrap_or_default().finished.as_deref() == Some("1");
    let paged = use_paged(finished, |finished, cursor| async move {
        let query = ReductionQuery {
            person_id: None,
            include_finished: finished.then_some(true),
            page: PageQuery::after(20, cursor),
        };
        crate::api::dues::reductions(&query).await
    });
    // A decided case replaces its row (it may have moved on to the 党委, or be finished).
    let replace = {
        let state = paged.state.clone();
        Callback::from(move |v: ReductionView| {
            let mut next = (*state).clone();
            if let Some(item) = next.items.iter_mut().find(|i| i.id == v.id) {
                *item = v;
            }
            state.set(next);
        })
    };
    let chip = |on: bool, label: &'static str| {
        let query = on.then(|| query_string(&CasesUrl { finished: Some("1".into()) }));
        let active = on == finished;
        html! {
            <Link to={Route::DuesReductions} {query} classes={classes!("chip", active.then_some("active"))}>{ label }</Link>
        }
    };
    let s = &*paged.state;
    html! {
        <div class="page dues-reductions">
            <div class="card-head">
                <h1 class="page-title">{ r.decisions }</h1>
                <div class="toolbar">
                    if kind == RoleKind::Branch {
                        <Link to={Route::DuesLedger} classes="button secondary">{ r.back_to_ledger }</Link>
                    } else if permissions::manages(kind, Action::ViewDues) {
                        <Link to={Route::DuesCollection} classes="button secondary">{ r.collection }</Link>
                    }
                </div>
            </div>
            <div class="toolbar" id="reduction-filter">
                { chip(false, r.open_only) }
                { chip(true, r.include_finished) }
            </div>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={if finished { r.no_cases } else { r.no_open }} />
            } else if !s.items.is_empty() {
                <ul class="list cards" id="reduction-list">{ for s.items.iter().map(|v| html! {
                    <li class="sync-row" key={v.id} data-case={v.id.to_string()} data-step={v.step.to_string()}>
                        { summary(r, v, true) }
                        <History id={v.id} version={v.version} />
                        if v.can_act { <Decide case={v.clone()} on_done={replace.clone()} /> }
                    </li>
                }) }</ul>
            }
            <LoadMore<ReductionView> paged={paged.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DecideProps {
    case: ReductionView,
    on_done: Callback<ReductionView>,
}

/// 同意 or 不同意 (which needs a reason) with an optional comment, each asked again before it
/// is sent; a decision on a case someone else has just decided is refused (409) and says so.
#[component]
fn Decide(props: &DecideProps) -> Html {
    let r = reductions_of(use_texts());
    let comment = use_state(String::new);
    let decision = use_mut_ref(|| Decision::Approve);
    let missing = use_state(|| false);
    let run = {
        let (id, version, comment, decision) = (props.case.id, props.case.version, text(&comment), decision.clone());
        move || {
            let input = ReductionDecision { version, decision: *decision.borrow(), comment: comment.clone() };
            async move { crate::api::dues::decide_reduction(id, &input).await }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let press = |approve: bool| {
        let (submit, decision, missing, comment) = (submit.clone(), decision.clone(), missing.clone(), comment.clone());
        let question = (r.confirm)(approve, &props.case.person_name, &props.case.step_name);
        Callback::from(move |_: MouseEvent| {
            if !approve && comment.trim().is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            let yes = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
            if yes {
                *decision.borrow_mut() = if approve { Decision::Approve } else { Decision::Reject };
                submit.emit(());
            }
        })
    };
    let id = format!("comment-{}", props.case.id);
    let comment_error =
        if *missing { Some(AttrValue::Static(r.reject_needs_reason)) } else { field_error(&error, "comment") };
    let other = error.as_ref().filter(|e| e.fields().is_empty()).map(|e| e.body.message.clone());
    html! {
        <div class="decision-form">
            <div class={classes!("field", comment_error.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{ r.comment }</label>
                <textarea id={id} class="decision-comment" rows="2" maxlength="500" value={(*comment).clone()}
                    aria-invalid={comment_error.is_some().to_string()}
                    oninput={let (s, m) = (comment.clone(), missing.clone()); move |e: InputEvent| {
                        m.set(false);
                        s.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
                    }} />
                if let Some(e) = comment_error { <p class="field-error">{ e }</p> }
            </div>
            if let Some(message) = other { <p class="form-error" role="alert">{ message }</p> }
            <div class="form-actions">
                <button class="button secondary decide-reject" type="button" disabled={*busy} onclick={press(false)}>{ r.reject }</button>
                <button class="button primary decide-approve" type="button" disabled={*busy} onclick={press(true)}>{ r.approve }</button>
            </div>
        </div>
    }
}
