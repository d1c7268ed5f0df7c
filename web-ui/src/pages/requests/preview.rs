//! The live preview beside the drafting form, filled in here on every keystroke with the same
//! placeholder rule as the server (`shared::rules::requests::fill`, including the built-ins
//! {org}, {to_org}, {year}); the server checks the same on save (`POST /requests/preview` is there
//! for integrators, and not called here to keep this area within its size budget).

use shared::api::requests::ComposeInfo;
use shared::rules::requests::{fill, issuer_mark};
use yew::prelude::*;

use super::draft::Draft;
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
    let d = &props.draft;
    let today = crate::pages::members::edit::today();
    let value = |name: &str| match name {
        "org" => Some(props.info.org.name.clone()),
        "to_org" | "reply_org" => Some(issuer_mark(&props.info.to_org.name)),
        "year" => Some(chrono::Datelike::year(&today).to_string()),
        _ => d.values.get(name).cloned(),
    };
    let pattern = d.template.as_ref().map(|t| t.title_pattern.as_str()).unwrap_or_default();
    let (matter, mut missing) = fill(pattern, value);
    let title = format!("{}{matter}", issuer_mark(&props.info.org.name));
    let (body, more) = fill(&d.body, value);
    for m in more {
        if !missing.contains(&m) {
            missing.push(m);
        }
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
    let date = super::cn_date(today);
    html! {
        <section class="card preview-card" id="request-preview" aria-live="polite">
            <div class="card-head"><h2>{ t.preview }</h2></div>
            if !labels.is_empty() {
                <p class="notice" id="preview-missing">{ (t.missing)(&labels.join("、")) }</p>
            }
            <Paper org={props.info.org.name.clone()} to_org={props.info.to_org.name.clone()} title={title} body={body}
                {signer} attachments={d.attachments.clone()} date={date} {contact} label={t.preview} />
        </section>
    }
}
