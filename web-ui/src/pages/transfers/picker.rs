//! Choosing a branch that can take a member (党支部, 联合党支部, 党总支): search by name across
//! the institution (`/transfers/branches`), or give the branch's 组织编号 as the receiving
//! branch told it; the server checks it. For the branch a 整建制转接 starts from, only the
//! branches within the caller's reach are searched (`/orgs/search`), without the number.

use shared::api::orgs::OrgSearchHit;
use shared::{OrgKind, OrgStatus};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n::transfers::form_of;
use crate::state::use_texts;

/// A chosen branch: its id and how to name it.
pub(crate) type Picked = Option<(i64, String)>;

#[derive(Properties, PartialEq)]
pub(crate) struct BranchPickerProps {
    pub label: AttrValue,
    /// The request field (`to_org_id`); the inputs are named after it.
    pub name: AttrValue,
    pub value: Picked,
    pub on_change: Callback<Picked>,
    /// Not offered (the member's own branch).
    #[prop_or_default]
    pub exclude: Option<i64>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Only the branches the caller manages (the sending side), without the 组织编号 fallback.
    #[prop_or_default]
    pub within_reach: bool,
}

/// What a search for `text` found (none while nothing is typed); only the answer to the latest
/// text is kept.
#[hook]
pub(crate) fn use_search<T, F, Fut>(text: String, fetch: F) -> UseStateHandle<Option<Vec<T>>>
where
    T: 'static,
    F: Fn(String) -> Fut + 'static,
    Fut: std::future::Future<Output = Vec<T>> + 'static,
{
    let hits = use_state(|| None::<Vec<T>>);
    let latest = use_mut_ref(|| 0u32);
    {
        let hits = hits.clone();
        use_effect_with(text, move |text| {
            let text = text.trim().to_string();
            let ticket = {
                let mut latest = latest.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            if text.is_empty() {
                hits.set(None);
            } else {
                let answer = fetch(text);
                spawn_local(async move {
                    let found = answer.await;
                    if *latest.borrow() == ticket {
                        hits.set(Some(found));
                    }
                });
            }
            || ()
        });
    }
    hits
}

fn takes_members(hit: &OrgSearchHit) -> bool {
    matches!(hit.kind, OrgKind::Branch | OrgKind::JointBranch | OrgKind::GeneralBranch)
        && hit.status == OrgStatus::Active
}

#[component]
pub(crate) fn BranchPicker(props: &BranchPickerProps) -> Html {
    let f = form_of(use_texts());
    let typed = use_state(String::new);
    let (exclude, within_reach) = (props.exclude, props.within_reach);
    let hits = use_search((*typed).clone(), move |text| async move {
        let found = if within_reach {
            crate::api::search_orgs(&text).await
        } else {
            crate::api::transfers::branches(&text).await
        };
        found.unwrap_or_default().into_iter().filter(|h| takes_members(h) && Some(h.id.0) != exclude).collect()
    });
    let number = use_state(String::new);
    let number_error = use_state(|| false);
    let name = props.name.to_string();
    let error_id = format!("{name}-error");
    if let Some((id, label)) = &props.value {
        let (on_change, typed) = (props.on_change.clone(), typed.clone());
        let clear = Callback::from(move |_: MouseEvent| {
            typed.set(String::new());
            on_change.emit(None);
        });
        return html! {
            <div class="field picker" id={format!("{name}-picker")}>
                <span class="picker-label">{ props.label.clone() }</span>
                <div class="picked" id={format!("{name}-picked")} data-org={id.to_string()}>
                    <span class="list-title">{ label.clone() }</span>
                    <button class="link-button" type="button" onclick={clear}>{ f.change }</button>
                </div>
            </div>
        };
    }
    let choose = |hit: &OrgSearchHit| {
        let on_change = props.on_change.clone();
        let picked = (hit.id.0, hit.name.clone());
        Callback::from(move |_: MouseEvent| on_change.emit(Some(picked.clone())))
    };
    let use_number = {
        let (on_change, number, number_error) = (props.on_change.clone(), number.clone(), number_error.clone());
        Callback::from(move |_: MouseEvent| match number.trim().parse::<i64>() {
            Ok(id) if id > 0 => {
                number_error.set(false);
                on_change.emit(Some((id, (f.org_number_label)(id))));
            }
            _ => number_error.set(true),
        })
    };
    let input_id = format!("field-{name}_search");
    html! {
        <div class={classes!("field", "picker", props.error.is_some().then_some("invalid"))} id={format!("{name}-picker")}>
            <label for={input_id.clone()}>{ props.label.clone() }</label>
            <input id={input_id} type="search" value={(*typed).clone()} placeholder={f.search_branch} autocomplete="off"
                aria-invalid={props.error.is_some().to_string()} aria-describedby={error_id.clone()}
                oninput={let typed = typed.clone(); move |e: InputEvent| typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} />
            if let Some(error) = &props.error { <p class="field-error" id={error_id}>{ error.clone() }</p> }
            if let Some(found) = &*hits {
                if found.is_empty() {
                    <p class="muted" id={format!("{name}-none")}>{ if within_reach { f.no_own_branch } else { f.no_branch_found } }</p>
                } else {
                    <ul class="list picker-hits">{ for found.iter().take(12).map(|h| html! {
                        <li><button type="button" class="list-button picker-hit" data-org={h.id.0.to_string()} onclick={choose(h)}>
                            <span class="list-title">{ h.name.clone() }<span class="tag">{ h.kind.label() }</span></span>
                            <span class="list-sub">{ h.parent_names.clone() }</span>
                        </button></li>
                    }) }</ul>
                }
            }
            if !within_reach {
                <details class="picker-number" open={hits.as_ref().is_some_and(|h| h.is_empty())}>
                    <summary>{ f.by_number }</summary>
                    <p class="muted">{ f.number_hint }</p>
                    <div class="searchbar">
                        <div class={classes!("field", number_error.then_some("invalid"))}>
                            <label for={format!("field-{name}_number")}>{ f.org_number }</label>
                            <input id={format!("field-{name}_number")} type="text" inputmode="numeric" value={(*number).clone()}
                                oninput={let number = number.clone(); move |e: InputEvent| number.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} />
                        </div>
                        <button class="button secondary" type="button" id={format!("{name}-use-number")} onclick={use_number}>{ f.use_number }</button>
                    </div>
                    if *number_error { <p class="field-error">{ f.bad_number }</p> }
                </details>
            }
        </div>
    }
}
