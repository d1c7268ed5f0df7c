//! Choosing people from a list with checkboxes (the members of a new branch, the 候选人预备人选),
//! filtered by name when the list is long, and the hint on how many seats the rules allow.

use yew::prelude::*;

use crate::api::committees::Person;
use crate::i18n::election_form::{FormTexts, form_of};
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(crate) struct ChecklistProps {
    /// The ids of the inputs start with it.
    pub name: AttrValue,
    pub label: AttrValue,
    pub people: Vec<Person>,
    pub chosen: Vec<i64>,
    pub on_change: Callback<Vec<i64>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Shown beside the label (how many are chosen, how many are needed).
    #[prop_or_default]
    pub summary: Option<String>,
    /// Each person's status shown beside the name.
    #[prop_or_default]
    pub show_status: bool,
}

#[component]
pub(crate) fn Checklist(props: &ChecklistProps) -> Html {
    let f = form_of(use_texts());
    let filter = use_state(String::new);
    let name = props.name.to_string();
    let wanted = filter.trim().to_string();
    let shown = props.people.iter().filter(|p| wanted.is_empty() || p.name.contains(&wanted));
    let toggle = |id: i64| {
        let (chosen, on_change) = (props.chosen.clone(), props.on_change.clone());
        Callback::from(move |_: Event| {
            let mut next = chosen.clone();
            match next.iter().position(|c| *c == id) {
                Some(at) => {
                    next.remove(at);
                }
                None => next.push(id),
            }
            on_change.emit(next);
        })
    };
    html! {
        <fieldset class={classes!("choice", props.error.is_some().then_some("invalid"))} id={format!("{name}-list")}>
            <legend>{ props.label.clone() }</legend>
            if let Some(summary) = &props.summary { <p class="muted" id={format!("{name}-summary")}>{ summary.clone() }</p> }
            if props.people.len() > 8 {
                <div class="field">
                    <label for={format!("{name}-filter")}>{ f.filter_people }</label>
                    <input id={format!("{name}-filter")} type="search" value={(*filter).clone()} autocomplete="off"
                        oninput={let filter = filter.clone(); move |e: InputEvent| filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} />
                </div>
            }
            if props.people.is_empty() { <p class="muted">{ f.nobody }</p> }
            { for shown.map(|p| {
                let checked = props.chosen.contains(&p.id);
                html! {
                    <label class={classes!("choice-option", checked.then_some("active"))} key={p.id}>
                        <input type="checkbox" id={format!("{name}-{}", p.id)} data-person={p.id.to_string()} {checked} onchange={toggle(p.id)} />
                        <span>{ p.name.clone() }
                            if props.show_status { <span class="list-sub">{ p.membership_status.label() }</span> }
                        </span>
                    </label>
                }
            }) }
            if let Some(e) = &props.error { <p class="field-error" id={format!("{name}-error")}>{ e.clone() }</p> }
        </fieldset>
    }
}

/// How many seats the rules allow a branch with `full` 正式党员: a committee of 3 to 7, or only
/// a 书记 and 副书记.
pub(crate) fn seats_hint(f: &FormTexts, full: i64) -> String {
    if full >= 7 { (f.seats_committee)(full) } else { (f.seats_small)(full) }
}

/// The fewest candidates for `seats` at a 差额 of 20% (a 增补 may be 等额).
pub(crate) fn fewest_candidates(seats: u32, by_election: bool) -> u32 {
    if by_election { seats } else { seats + (seats * 20).div_ceil(100) }
}
