//! The box that asks before something that cannot be undone (submitting a count, ending a case,
//! a member leaving a post), with the reason typed in it when one is needed.

use yew::prelude::*;

use crate::i18n::election_case::case_of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(crate) struct ConfirmProps {
    pub id: AttrValue,
    pub question: AttrValue,
    /// What is asked and what follows, under the question.
    #[prop_or_default]
    pub detail: Option<Html>,
    /// The label of the reason's box; no box when none.
    #[prop_or_default]
    pub reason: Option<AttrValue>,
    pub confirm: AttrValue,
    pub busy: bool,
    /// Called with the reason typed (empty when none is asked for).
    pub on_confirm: Callback<String>,
    pub on_cancel: Callback<()>,
}

#[component]
pub(crate) fn Confirm(props: &ConfirmProps) -> Html {
    let texts = use_texts();
    let t = case_of(texts);
    let reason = use_state(String::new);
    let missing = use_state(|| false);
    let confirm = {
        let (reason, missing, on_confirm, asks) =
            (reason.clone(), missing.clone(), props.on_confirm.clone(), props.reason.is_some());
        Callback::from(move |_: MouseEvent| {
            if asks && reason.trim().is_empty() {
                missing.set(true);
                return;
            }
            on_confirm.emit(reason.trim().to_string());
        })
    };
    let id = props.id.to_string();
    let error = missing.then_some(t.need_reason);
    html! {
        <div class="reject-box confirm-box" role="dialog" aria-labelledby={format!("{id}-question")} id={id.clone()}>
            <p class="list-title" id={format!("{id}-question")}>{ props.question.clone() }</p>
            if let Some(detail) = &props.detail { { detail.clone() } }
            if let Some(label) = &props.reason {
                <div class={classes!("field", error.is_some().then_some("invalid"))}>
                    <label for={format!("{id}-reason")}>{ label.clone() }</label>
                    <textarea id={format!("{id}-reason")} rows="3" maxlength="500" value={(*reason).clone()}
                        aria-invalid={error.is_some().to_string()}
                        oninput={let (r, m) = (reason.clone(), missing.clone()); move |e: InputEvent| {
                            m.set(false);
                            r.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
                        }} />
                    if let Some(e) = error { <p class="field-error" id={format!("{id}-reason-error")}>{ e }</p> }
                </div>
            }
            <div class="form-actions">
                <button class="button secondary" type="button" id={format!("{id}-cancel")}
                    onclick={let c = props.on_cancel.clone(); move |_| c.emit(())}>{ texts.cancel }</button>
                <button class="button primary" type="button" id={format!("{id}-yes")} disabled={props.busy} onclick={confirm}>
                    { if props.busy { texts.loading } else { props.confirm.as_str() } }
                </button>
            </div>
        </div>
    }
}
