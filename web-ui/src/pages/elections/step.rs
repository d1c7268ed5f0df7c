//! `/elections/step/{id}`: the forms of 确定候选人预备人选 (step 3) and of the posts (step 6) on a
//! page of their own (phone first), back to the case once saved, which shows what was recorded.
//! In the `election_form` area with starting an election (`/elections/new`); the count of the
//! 党员大会 (step 5) is typed on the case's own page.

use yew::prelude::*;

use super::nominate::Nominate;
use super::posts::Posts;
use super::title_of;
use crate::api::elections::StepDetail;
use crate::components::load::use_load;
use crate::components::states::render;
use crate::i18n::election_case::{CaseTexts, case_of};
use crate::router::{Link, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `election_form` area.
pub fn form_view(route: &Route) -> Html {
    match route {
        Route::ElectionStep { id } => html! { <StepPage id={*id} /> },
        other => super::new::view(other),
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct StepProps {
    pub detail: StepDetail,
    /// Saved: back to the case.
    pub on_done: Callback<()>,
}

#[derive(Properties, PartialEq)]
struct PageProps {
    id: i64,
}

/// The case's title and step above the form, or why there is no form here.
fn page(t: &CaseTexts, id: i64, d: &StepDetail, form: Option<Html>) -> Html {
    let e = &d.election;
    let open = e.can_act && e.status.is_open();
    html! {
        <>
            <div class="toolbar"><Link to={Route::Election { id }} classes="link-button">{ t.back_case }</Link></div>
            <section class="card" id="step-head" data-step={e.step.to_string()}>
                <h1 class="page-title">{ title_of(e) }</h1>
                <p class="muted">{ (t.step_now)(e.step, &e.step_name) }</p>
            </section>
            if let (Some(form), true) = (form, open) {
                { form }
            } else {
                <p class="notice" id="step-none">{ t.step_elsewhere }</p>
            }
        </>
    }
}

#[component]
fn StepPage(props: &PageProps) -> Html {
    let t = case_of(use_texts());
    let id = props.id;
    let (loaded, retry) = use_load(id, crate::api::elections::step_detail);
    let navigator = use_navigator();
    let on_done = Callback::from(move |_| navigator.push(&Route::Election { id }));
    html! {
        <div class="page election-step">
            { render(&loaded, &retry, |d| {
                let key = format!("{}-{}", d.election.step, d.election.version);
                let (detail, on_done) = (d.clone(), on_done.clone());
                let form = match d.election.step {
                    3 => Some(html! { <Nominate {key} {detail} {on_done} /> }),
                    6 => Some(html! { <Posts {key} {detail} {on_done} /> }),
                    _ => None,
                };
                page(t, id, d, form)
            }) }
        </div>
    }
}
