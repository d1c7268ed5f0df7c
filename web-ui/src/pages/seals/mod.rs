//! `/seals` (`?org=`): an org's electronic seal (电子印章) — its image, 机关代字, signer, public key
//! and how often it was used — with, for the 政工部门, the form that changes it (`manage`), and the
//! log of the documents it sealed. Officials who handle the org's requests may look; the page
//! starts at the active role's org and any org can be opened by its number.

mod manage;

use serde::{Deserialize, Serialize};
use shared::RoleKind;
use shared::api::requests::{SealUse, SealView};
use shared::permissions::{self, Action};
use yew::prelude::*;

use crate::components::load::{Load, on_submit, use_load};
use crate::components::states::{Empty, render};
use crate::i18n::seals::{SealTexts, of};
use crate::router::{Link, use_location, use_navigator};
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `seals` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Seals => html! { <SealsPage /> },
        _ => Html::default(),
    }
}

/// `?org=12`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct SealUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org: Option<String>,
}

#[component]
fn SealsPage() -> Html {
    let texts = use_texts();
    let t = of(texts);
    let session = use_session();
    let navigator = use_navigator();
    let url = use_location().query::<SealUrl>().unwrap_or_default();
    let (role, home) =
        session.me.as_ref().map_or((RoleKind::Masses, 0), |m| (m.active_role.kind, m.active_role.org_id.0));
    let may_manage = permissions::may(role, Action::ManageSeals);
    let org = url.org.as_deref().and_then(|o| o.trim().parse::<i64>().ok()).unwrap_or(home);
    let typed = use_state(|| org.to_string());
    let bad_number = use_state(|| false);
    let saved = use_state(|| None::<&'static str>);
    {
        // Another org opened (or the address changed): its number in the box, no old message.
        let (typed, saved) = (typed.clone(), saved.clone());
        use_effect_with(org, move |org| {
            typed.set(org.to_string());
            saved.set(None);
            || ()
        });
    }
    let (seal, retry) = use_load(org, crate::api::seals::get);
    let go = {
        let (typed, bad_number) = (typed.clone(), bad_number.clone());
        Callback::from(move |_| match typed.trim().parse::<i64>() {
            Ok(id) if id > 0 => {
                bad_number.set(false);
                navigator.push_with_query(&Route::Seals, &SealUrl { org: Some(id.to_string()) });
            }
            _ => bad_number.set(true),
        })
    };
    let on_done = {
        let (seal, saved) = (seal.clone(), saved.clone());
        Callback::from(move |(v, message): (SealView, &'static str)| {
            seal.set(Load::Ready(v));
            saved.set(Some(message));
        })
    };
    let number_error = (*bad_number).then_some(t.bad_number);
    html! {
        <div class="page seals">
            <div class="toolbar"><Link to={Route::RequestTemplates} classes="link-button">{ "‹ " }{ t.back }</Link></div>
            <h1 class="page-title">{ t.title }</h1>
            <p class="muted">{ t.intro }</p>
            <p class="notice" id="seal-notice">{ t.notice }</p>
            <form class="card filter-main" role="search" id="seal-org-form" novalidate=true onsubmit={on_submit(&go)}>
                <div class={classes!("field", number_error.is_some().then_some("invalid"))}>
                    <label for="seal-org-number">{ t.org_number }</label>
                    <input id="seal-org-number" type="text" inputmode="numeric" value={(*typed).clone()}
                        aria-invalid={number_error.is_some().to_string()}
                        oninput={let typed = typed.clone(); Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))} />
                    if let Some(e) = number_error { <p class="field-error" role="alert">{ e }</p> }
                </div>
                <button class="button secondary" type="submit" id="seal-org-go">{ t.go }</button>
            </form>
            if let Some(message) = *saved { <p class="notice ok" role="status" id="seal-saved">{ message }</p> }
            { render(&seal, &retry, |v: &SealView| html! {
                <>
                    { card(t, v) }
                    if may_manage {
                        <manage::Manage key={v.org.id.0} view={v.clone()} on_done={on_done.clone()} />
                    } else {
                        <p class="notice">{ t.only_department }</p>
                    }
                </>
            }) }
            if matches!(*seal, Load::Ready(_)) { <Uses {org} /> }
        </div>
    }
}

/// The seal as it is now: the image beside what it stands for.
fn card(t: &'static SealTexts, v: &SealView) -> Html {
    let item = |label: &'static str, value: Html| html! { <div class="kv"><dt>{ label }</dt><dd>{ value }</dd></div> };
    let image_kind = if v.image == "uploaded" { t.uploaded } else { t.generated_image };
    html! {
        <section class="card" id="seal-view" data-org={v.org.id.0.to_string()} data-image={v.image.clone()}>
            <h2>{ v.org.name.clone() }</h2>
            <div style="display:flex;flex-wrap:wrap;gap:1rem 1.5rem;align-items:flex-start">
                <figure style="margin:0;text-align:center;flex:0 0 auto">
                    <img id="seal-image" src={crate::api::seals::image_href(v.org.id.0, v.updated_at.timestamp_millis())}
                        alt={format!("{} {}", v.org.name, t.image)} width="160" height="160"
                        style="width:160px;height:160px;object-fit:contain" />
                    <figcaption class="muted">{ image_kind }</figcaption>
                </figure>
                <dl class="kv-list" style="flex:1 1 18rem;min-width:0">
                    { item(t.org, html! { format!("{}（{}）", v.org.name, v.org.id.0) }) }
                    { item(t.doc_prefix, html! { <span id="seal-prefix">{ v.doc_prefix.clone() }</span> }) }
                    { item(t.signer, html! { <span id="seal-signer">{ v.signer.clone() }</span> }) }
                    { item(t.uses_count, html! { <span id="seal-use-count">{ v.uses }</span> }) }
                    { item(t.updated, html! { shared::time::fmt_china(v.updated_at) }) }
                </dl>
            </div>
            <PublicKey key_hex={v.public_key.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct KeyProps {
    key_hex: AttrValue,
}

/// The public key in hex: its first and last 16 characters, all of it on 展开.
#[component]
fn PublicKey(props: &KeyProps) -> Html {
    let t = of(use_texts());
    let open = use_state(|| false);
    let hex = props.key_hex.as_str();
    let short = hex.len() > 40 && hex.is_ascii();
    let shown = if short && !*open { format!("{}…{}", &hex[..16], &hex[hex.len() - 16..]) } else { hex.to_string() };
    html! {
        <div class="field" style="margin-top:.75rem">
            <span class="list-sub">{ t.public_key }</span>
            <code id="seal-public-key" data-key={props.key_hex.clone()}
                style="display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;word-break:break-all">
                { shown }
            </code>
            if short {
                <button class="link-button" type="button" id="seal-key-toggle" aria-expanded={open.to_string()}
                    onclick={let open = open.clone(); move |_| open.set(!*open)}>{ if *open { t.collapse } else { t.expand } }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct UsesProps {
    org: i64,
}

/// The documents the seal was put on, newest first, each opening its request.
#[component]
fn Uses(props: &UsesProps) -> Html {
    let t = of(use_texts());
    let (uses, retry) = use_load(props.org, crate::api::seals::uses);
    let row = |u: &SealUse| {
        html! {
            <li class="sync-row seal-use" key={format!("{}-{}", u.request_id, u.kind.code())} data-request={u.request_id.to_string()} data-kind={u.kind.code()}>
                <Link to={Route::Request { id: u.request_id }} classes="list-link">
                    <span class="list-row">
                        <span class="list-title">{ u.title.clone() }</span>
                        <span class="tag">{ u.kind.label() }</span>
                    </span>
                    <span class="list-sub">{ u.doc_number.clone() }</span>
                    <span class="list-meta">{ (t.sealed_by)(&u.sealed_by, &shared::time::fmt_china(u.sealed_at)) }</span>
                </Link>
            </li>
        }
    };
    html! {
        <section class="card" id="seal-uses">
            <h2>{ t.uses }</h2>
            { render(&uses, &retry, |list: &Vec<SealUse>| if list.is_empty() {
                html! { <Empty text={t.uses_empty} /> }
            } else {
                html! { <ul class="list" id="seal-use-list">{ for list.iter().map(row) }</ul> }
            }) }
        </section>
    }
}
