//! The live preview beside the drafting form: filled in here at once on every keystroke (the
//! same placeholder rule as the server, `shared::rules::requests::fill`), then checked by the
//! server ~400 ms after typing stops (`POST /requests/preview`), whose title and body win while
//! the draft is unchanged since.

use std::time::Duration;

use shared::api::requests::{ComposeInfo, DraftInput, DraftPreview};
use shared::rules::requests::fill;
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use super::draft::{Draft, check, input_of};
use super::paper::Paper;
use crate::i18n::request_form::form_of;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct PreviewProps {
    pub draft: Draft,
    pub info: ComposeInfo,
}

#[component]
pub(super) fn LivePreview(props: &PreviewProps) -> Html {
    let t = form_of(use_texts());
    // The values as the save sends them (a number that is not one is left out, so missing).
    let input = input_of(&props.draft, props.info.org.id, check(t, &props.draft).0);
    // The server's answer, with the request it answers.
    let checked = use_state(|| None::<(DraftInput, DraftPreview)>);
    let pending = use_state(|| false);
    let latest = use_mut_ref(|| 0u32);
    {
        let (checked, pending, latest) = (checked.clone(), pending.clone(), latest.clone());
        use_effect_with(input.clone(), move |input| {
            let ticket = {
                let mut l = latest.borrow_mut();
                *l = l.wrapping_add(1);
                *l
            };
            let input = input.clone();
            pending.set(true);
            spawn_local(async move {
                sleep(Duration::from_millis(400)).await;
                if *latest.borrow() != ticket {
                    return;
                }
                let answer = crate::api::requests::preview(&input).await;
                if *latest.borrow() != ticket {
                    return;
                }
                if let Ok(preview) = answer {
                    checked.set(Some((input, preview)));
                }
                pending.set(false);
            });
            || ()
        });
    }
    let d = &props.draft;
    let value = |name: &str| d.values.get(name).cloned();
    let pattern = d.template.as_ref().map(|t| t.title_pattern.as_str()).unwrap_or_default();
    let (mut title, mut missing) = fill(pattern, value);
    let (mut body, more) = fill(&d.body, value);
    for m in more {
        if !missing.contains(&m) {
            missing.push(m);
        }
    }
    if let Some((asked, answer)) = &*checked
        && *asked == input
    {
        (title, body, missing) = (answer.title.clone(), answer.body.clone(), answer.missing.clone());
    }
    // Missing placeholders are named by their labels where the template has them.
    let labels = missing
        .iter()
        .map(|m| {
            let field = d.template.iter().flat_map(|t| &t.fields).find(|f| f.name == *m);
            field.map(|f| f.label.clone()).unwrap_or_else(|| m.clone())
        })
        .collect::<Vec<_>>();
    let contact = (!d.contact.trim().is_empty() || !d.phone.trim().is_empty())
        .then(|| AttrValue::from((t.contact_line)(d.contact.trim(), d.phone.trim())));
    let signer = props
        .info
        .signers
        .iter()
        .find(|s| s.user_id.0.to_string() == d.signer)
        .map(|s| AttrValue::from(s.name.clone()));
    let date = super::cn_date(crate::pages::members::edit::today());
    html! {
        <section class="card preview-card" id="request-preview" aria-live="polite">
            <div class="card-head">
                <h2>{ t.preview }</h2>
                if *pending { <span class="list-sub">{ t.checking }</span> }
            </div>
            if !labels.is_empty() {
                <p class="notice" id="preview-missing">{ (t.missing)(&labels.join("、")) }</p>
            }
            <Paper org={props.info.org.name.clone()} to_org={props.info.to_org.name.clone()} title={title} body={body}
                {signer} attachments={d.attachments.clone()} date={date} {contact} label={t.preview} />
        </section>
    }
}
