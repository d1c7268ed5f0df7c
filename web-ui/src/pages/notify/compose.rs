//! Writing a custom notice: to all members of the own org or one below it, or to the holders of
//! a role there; by app, SMS and/or e-mail. "Preview" shows how many it reaches and what the SMS
//! costs; sending asks for confirmation.

use shared::api::notify::{Audience, NoticeChannel, NoticePreview, NoticeRequest};
use shared::{OrgId, RoleKind};
use yew::prelude::*;

use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::i18n::notify::of;
use crate::state::{use_session, use_texts};

/// The audience choice for chosen people (the others are role codes, or empty for all members).
const PEOPLE: &str = "people";

fn confirm(text: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(text).ok()).unwrap_or(false)
}

#[component]
pub fn NoticeNewPage() -> Html {
    let t = of(use_texts());
    let session = use_session();
    let me = session.me.clone().expect("guarded");
    let own = me.active_role.org_id;
    let (tree, _) = use_load(own.0, |id| crate::api::org_tree(Some(id)));
    let title = use_state(String::new);
    let body = use_state(String::new);
    let target = use_state(|| own.0.to_string());
    let role = use_state(String::new);
    let channels = use_state(|| vec![NoticeChannel::InApp]);
    let people = use_state(Vec::<(shared::PersonId, String)>::new);
    let preview = use_state(|| None::<NoticePreview>);
    let sent = use_state(|| false);
    let request = {
        let (title, body, target, role, channels, people) =
            (title.clone(), body.clone(), target.clone(), role.clone(), channels.clone(), people.clone());
        move || {
            let org = OrgId(target.parse().unwrap_or(own.0));
            let audience = match RoleKind::from_code(&role) {
                _ if *role == PEOPLE => Audience::People { person_ids: people.iter().map(|(id, _)| *id).collect() },
                Some(kind) => Audience::Role { org_id: org, role: kind },
                None => Audience::Org { org_id: org },
            };
            NoticeRequest {
                org_id: own,
                title: (*title).clone(),
                body: (*body).clone(),
                audience,
                channels: (*channels).clone(),
            }
        }
    };
    let (do_preview, previewing, preview_error) = use_submit(
        {
            let request = request.clone();
            move || {
                let req = request();
                async move { crate::api::notify::preview_notice(&req).await }
            }
        },
        {
            let preview = preview.clone();
            Callback::from(move |p| preview.set(Some(p)))
        },
    );
    let (do_send, sending, send_error) = use_submit(
        {
            let request = request.clone();
            move || {
                let req = request();
                async move { crate::api::notify::send_notice(&req).await }
            }
        },
        {
            let (sent, preview) = (sent.clone(), preview.clone());
            Callback::from(move |_| {
                preview.set(None);
                sent.set(true);
            })
        },
    );
    let error = if send_error.is_some() { (*send_error).clone() } else { (*preview_error).clone() };
    let changed = |state: &UseStateHandle<String>| {
        let (state, preview, sent) = (state.clone(), preview.clone(), sent.clone());
        Callback::from(move |v: String| {
            preview.set(None);
            sent.set(false);
            state.set(v);
        })
    };
    let toggle = |channel: NoticeChannel| {
        let (channels, preview) = (channels.clone(), preview.clone());
        Callback::from(move |_| {
            let mut next = (*channels).clone();
            if let Some(i) = next.iter().position(|c| *c == channel) {
                next.remove(i);
            } else {
                next.push(channel);
            }
            preview.set(None);
            channels.set(next);
        })
    };
    let send_click = {
        let do_send = do_send.clone();
        Callback::from(move |_| {
            if confirm(t.send_confirm) {
                do_send.emit(());
            }
        })
    };
    let mut orgs = vec![(own.0.to_string(), me.active_role.org_name.clone())];
    if let crate::components::load::Load::Ready(tree) = &*tree {
        orgs.extend(tree.children.iter().map(|c| (c.id.0.to_string(), format!("　{}", c.name))));
    }
    let roles: Vec<(String, String)> = std::iter::once((String::new(), t.audience_org.to_string()))
        .chain(std::iter::once((PEOPLE.to_string(), t.audience_people.to_string())))
        .chain(
            [RoleKind::Branch, RoleKind::Committee, RoleKind::Member]
                .iter()
                .map(|k| (k.code().to_string(), format!("{}：{}", t.audience_role, k.label()))),
        )
        .collect();
    let field = |name: &str| super::field_error(&error, name);
    html! {
        <div class="page notice-new">
            <h1 class="page-title">{ t.compose }</h1>
            <form class="card form" id="notice-form" onsubmit={on_submit(&do_preview)}>
                <p class="muted">{ format!("{}：{}", t.sender_org, me.active_role.org_name) }</p>
                <TextField label={t.title} name="title" value={(*title).clone()} oninput={changed(&title)} error={field("title")} />
                <div class={classes!("field", field("body").is_some().then_some("invalid"))}>
                    <label for="field-body">{ t.body }</label>
                    <textarea id="field-body" name="body" rows="4" maxlength="500" value={(*body).clone()}
                        oninput={let c = changed(&body); move |e: InputEvent| c.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())} />
                    if let Some(e) = field("body") { <p class="field-error">{ e }</p> }
                </div>
                <SelectField label={t.audience} name="audience" options={roles} value={(*role).clone()} onchange={changed(&role)} error={field("audience")} />
                if *role == PEOPLE {
                    <super::people::PeoplePicker chosen={(*people).clone()}
                        on_change={let (people, preview) = (people.clone(), preview.clone()); Callback::from(move |p| { preview.set(None); people.set(p) })} />
                } else {
                    <SelectField label={t.target_org} name="target" options={orgs} value={(*target).clone()} onchange={changed(&target)} />
                }
                <fieldset class="checks">
                    <legend>{ t.channels }</legend>
                    { for [(NoticeChannel::InApp, t.in_app), (NoticeChannel::Sms, t.sms), (NoticeChannel::Email, t.by_email)].into_iter().map(|(c, label)| html! {
                        <label class="check">
                            <input type="checkbox" name={format!("{c:?}")} checked={channels.contains(&c)} onchange={toggle(c)} />{ label }
                        </label>
                    }) }
                    if let Some(e) = field("channels") { <p class="field-error">{ e }</p> }
                </fieldset>
                if let Some(e) = &error { if e.fields().is_empty() { <p class="form-error" role="alert">{ e.body.message.clone() }</p> } }
                <button class="button secondary" type="submit" id="notice-preview" disabled={*previewing}>{ t.preview }</button>
                if let Some(p) = &*preview {
                    <div class="preview-box" id="notice-preview-box" role="status">
                        <p>{ (t.preview_line)(p.recipients, p.in_app, p.sms, p.email) }</p>
                        if channels.contains(&NoticeChannel::Sms) {
                            <p>{ (t.cost_line)(p.sms_segments, &p.sms_cost_yuan) }</p>
                            if p.without_phone > 0 { <p class="muted">{ (t.without_phone)(p.without_phone) }</p> }
                            <p class="sms-sample">{ p.sms_text.clone() }</p>
                        }
                        <button class="button primary" type="button" id="notice-send" disabled={*sending} onclick={send_click}>{ t.send }</button>
                    </div>
                }
                if *sent { <p class="notice ok" role="status">{ t.sent }</p> }
            </form>
        </div>
    }
}
