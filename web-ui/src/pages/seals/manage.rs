//! What the 政工部门 changes of a seal: the 机关代字 (保存), an uploaded image (PNG or JPEG, at most
//! 512 KB, refused here before it is sent; uploaded as soon as it is chosen), back to the
//! standard seal, and a new key pair. The last two ask for confirmation first.

use shared::api::requests::{SealUpdate, SealView};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::fields::TextField;
use crate::components::load::{on_submit, use_submit};
use crate::i18n::seals::of;
use crate::state::use_texts;

/// The server's limit on a seal image.
const MAX_BYTES: f64 = 512.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub(super) struct ManageProps {
    pub view: SealView,
    /// The seal after a change, and what to say about it.
    pub on_done: Callback<(SealView, &'static str)>,
}

/// Which change waits for its confirmation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ask {
    Generated,
    NewKey,
}

/// A refusal's message: the field's own when there is one.
fn message(error: &Option<ApiError>, field: &str) -> Option<String> {
    let e = error.as_ref()?;
    Some(e.fields().into_iter().find(|f| f.field == field).map_or_else(|| e.body.message.clone(), |f| f.message))
}

#[component]
pub(super) fn Manage(props: &ManageProps) -> Html {
    let texts = use_texts();
    let t = of(texts);
    let org = props.view.org.id.0;
    let prefix = use_state(|| props.view.doc_prefix.clone());
    let asking = use_state(|| None::<Ask>);
    let file_input = use_node_ref();

    // 机关代字.
    let save_prefix = {
        let prefix = prefix.clone();
        move || {
            let input = SealUpdate { doc_prefix: prefix.trim().to_string(), generated_image: false, new_key: false };
            async move { crate::api::seals::update(org, &input).await }
        }
    };
    let prefix_done = {
        let on_done = props.on_done.clone();
        Callback::from(move |v: SealView| on_done.emit((v, t.saved_prefix)))
    };
    let (submit_prefix, prefix_busy, prefix_error) = use_submit(save_prefix, prefix_done);

    // The standard seal again, or a new key: the 机关代字 as saved goes along unchanged.
    let change = {
        let (asking, saved_prefix) = (asking.clone(), props.view.doc_prefix.clone());
        move || {
            let which = *asking;
            let input = SealUpdate {
                doc_prefix: saved_prefix.clone(),
                generated_image: which == Some(Ask::Generated),
                new_key: which == Some(Ask::NewKey),
            };
            async move { crate::api::seals::update(org, &input).await }
        }
    };
    let change_done = {
        let (asking, on_done) = (asking.clone(), props.on_done.clone());
        Callback::from(move |v: SealView| {
            let said = if *asking == Some(Ask::NewKey) { t.saved_key } else { t.saved_generated };
            asking.set(None);
            on_done.emit((v, said));
        })
    };
    let (submit_change, change_busy, change_error) = use_submit(change, change_done);

    // An image, sent as soon as it is chosen.
    let upload = {
        let file_input = file_input.clone();
        move || {
            let file = file_input.cast::<HtmlInputElement>().and_then(|input| input.files()).and_then(|f| f.get(0));
            async move {
                let Some(file) = file else { return Err(ApiError::local(t.upload_hint)) };
                if file.size() > MAX_BYTES {
                    return Err(ApiError::local(t.too_large));
                }
                match crate::api::seals::upload_image(org, file).await {
                    Err(e) if e.status == 413 => Err(ApiError::local(t.too_large)),
                    answer => answer,
                }
            }
        }
    };
    let upload_done = {
        let (file_input, on_done) = (file_input.clone(), props.on_done.clone());
        Callback::from(move |v: SealView| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.set_value("");
            }
            on_done.emit((v, t.saved_image));
        })
    };
    let (submit_upload, upload_busy, upload_error) = use_submit(upload, upload_done);
    let on_file = {
        let file_input = file_input.clone();
        Callback::from(move |_: Event| {
            // Nothing chosen (the dialog cancelled): nothing to send.
            if file_input.cast::<HtmlInputElement>().and_then(|i| i.files()).is_some_and(|f| f.length() > 0) {
                submit_upload.emit(());
            }
        })
    };

    let prefix_problem = message(&prefix_error, "doc_prefix").map(AttrValue::from);
    let upload_problem = message(&upload_error, "file");
    let ask = |which: Ask| {
        let (asking, change_error) = (asking.clone(), change_error.clone());
        move |_: MouseEvent| {
            change_error.set(None);
            asking.set(Some(which));
        }
    };
    let confirm_box = match *asking {
        None => Html::default(),
        Some(which) => {
            let question = if which == Ask::NewKey { t.confirm_new_key } else { t.confirm_generated };
            html! {
                <div class="reject-box confirm-box" role="dialog" aria-labelledby="seal-question" id="seal-dialog" data-ask={if which == Ask::NewKey { "new_key" } else { "generated" }}>
                    <p class="list-title" id="seal-question">{ question }</p>
                    if let Some(e) = message(&change_error, "doc_prefix") { <p class="form-error" role="alert" id="seal-change-error">{ e }</p> }
                    <div class="form-actions">
                        <button class="button secondary" type="button" onclick={let a = asking.clone(); move |_| a.set(None)}>{ texts.cancel }</button>
                        <button class="button primary" type="button" id="seal-confirm" disabled={*change_busy}
                            onclick={move |_| submit_change.emit(())}>{ t.sure }</button>
                    </div>
                </div>
            }
        }
    };
    html! {
        <section class="card form" id="seal-manage">
            <h2>{ t.manage }</h2>
            <form id="seal-prefix-form" novalidate=true onsubmit={on_submit(&submit_prefix)}>
                <TextField label={t.doc_prefix} name="doc_prefix" value={(*prefix).clone()} error={prefix_problem}
                    oninput={let p = prefix.clone(); Callback::from(move |v| p.set(v))} />
                <p class="list-sub">{ t.prefix_hint }</p>
                <div class="form-actions">
                    <button class="button primary" type="submit" id="seal-prefix-save" disabled={*prefix_busy}>
                        { if *prefix_busy { t.saving } else { t.save } }
                    </button>
                </div>
            </form>
            <div class={classes!("field", upload_problem.is_some().then_some("invalid"))}>
                <label for="seal-upload">{ if *upload_busy { t.uploading } else { t.upload } }</label>
                <input id="seal-upload" type="file" accept="image/png,image/jpeg,.png,.jpg,.jpeg" ref={file_input}
                    disabled={*upload_busy} onchange={on_file} aria-describedby="seal-upload-hint" />
                <p class="list-sub" id="seal-upload-hint">{ t.upload_hint }</p>
                if let Some(e) = upload_problem { <p class="field-error" role="alert" id="seal-upload-error">{ e }</p> }
            </div>
            { confirm_box }
            if asking.is_none() {
                <div class="form-actions">
                    if props.view.image == "uploaded" {
                        <button class="button secondary" type="button" id="seal-generated" onclick={ask(Ask::Generated)}>{ t.generated }</button>
                    }
                    <button class="button secondary" type="button" id="seal-new-key" onclick={ask(Ask::NewKey)}>{ t.new_key }</button>
                </div>
            }
        </section>
    }
}
