//! Step 6, 选举书记、副书记并分工: the committee's first meeting gives each elected member a
//! post (one 书记, usually one 副书记, then 组织、宣传、纪检、青年委员 or 委员). A branch without a
//! committee has only a 书记 and a 副书记. Then the result goes to the 党委 above for approval.

use shared::api::elections::{CommitteePost, ElectionKind};
use yew::prelude::*;

use super::step::StepProps;
use super::{field_error, problem};
use crate::api::ApiError;
use crate::components::fields::SelectField;
use crate::components::load::{on_submit, use_submit};
use crate::i18n::election_case::case_of;
use crate::state::use_texts;

#[component]
pub(super) fn Posts(props: &StepProps) -> Html {
    let texts = use_texts();
    let t = case_of(texts);
    let d = &props.detail;
    let e = &d.election;
    let chosen = use_state(|| {
        let post = |id: i64| d.posts.iter().find(|p| p.person_id == id).map(|p| p.post.code().to_string());
        d.elected.iter().map(|c| post(c.person_id).unwrap_or_default()).collect::<Vec<_>>()
    });
    let attempted = use_state(|| false);
    let people: Vec<i64> = d.elected.iter().map(|c| c.person_id).collect();
    let run = {
        let (id, version, chosen, attempted, people) =
            (e.id, e.version, chosen.clone(), attempted.clone(), people.clone());
        move || {
            attempted.set(true);
            let posts: Vec<(i64, CommitteePost)> = people
                .iter()
                .zip(chosen.iter())
                .filter_map(|(p, c)| CommitteePost::from_code(c).map(|post| (*p, post)))
                .collect();
            let complete = posts.len() == people.len();
            async move {
                if !complete {
                    return Err(ApiError::local(t.fix_errors));
                }
                crate::api::elections::posts(id, version, &posts).await
            }
        }
    };
    let (submit, busy, error) = use_submit(run, props.on_done.reform(|_: crate::api::elections::Ack| ()));
    // Two or fewer elected at a 换届 or founding: no committee, only 书记 and 副书记.
    let small = people.len() <= 2 && e.kind != ElectionKind::ByElection;
    let offered: &[CommitteePost] =
        if small { &[CommitteePost::Secretary, CommitteePost::Deputy] } else { CommitteePost::ALL };
    let mut options = vec![(String::new(), t.choose_post.to_string())];
    options.extend(offered.iter().map(|p| (p.code().to_string(), p.label().to_string())));
    html! {
        <form class="card form" id="posts-form" novalidate=true onsubmit={on_submit(&submit)} data-step="6">
            <h2>{ (t.step_heading)(e.step, &e.step_name) }</h2>
            <p class="muted">{ if small { t.posts_small } else { t.posts_hint } }</p>
            <div class="form-grid">{ for d.elected.iter().enumerate().map(|(i, c)| {
                let person = c.person_id;
                let value = chosen[i].clone();
                let missing = (*attempted && value.is_empty()).then_some(AttrValue::Static(t.need_post));
                let onchange = {
                    let chosen = chosen.clone();
                    Callback::from(move |v: String| {
                        let mut next = (*chosen).clone();
                        next[i] = v;
                        chosen.set(next);
                    })
                };
                html! {
                    <SelectField label={c.name.clone()} name={format!("post-{person}")} options={options.clone()} {value} {onchange} error={missing} />
                }
            }) }</div>
            if let Some(e) = field_error(&error, "posts") { <p class="field-error" id="posts-field-error">{ e }</p> }
            { problem(&error, "posts-error", t.conflict) }
            <div class="form-actions">
                <button class="button primary" type="submit" id="posts-submit" disabled={*busy}>{ if *busy { texts.loading } else { t.posts_submit } }</button>
            </div>
        </form>
    }
}
