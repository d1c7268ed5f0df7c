//! `/requests/templates`: the 请示 templates in force, and for the 政工部门 a form that saves a
//! new version of one (or a new template). Everyone else who handles requests sees the list.

use shared::RoleKind;
use shared::api::requests::RequestTemplate;
use shared::permissions::{self, Action};
use yew::prelude::*;

use super::template_form::TemplateForm;
use crate::components::load::use_load;
use crate::components::states::{Empty, render};
use crate::i18n::requests::template_of;
use crate::router::Link;
use crate::routes::Route;
use crate::state::{use_session, use_texts};

/// The page of the `request_templates` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::RequestTemplates => html! { <TemplatesPage /> },
        _ => Html::default(),
    }
}

#[component]
fn TemplatesPage() -> Html {
    let texts = use_texts();
    let t = template_of(texts);
    let session = use_session();
    let role = session.me.as_ref().map(|m| m.active_role.kind).unwrap_or(RoleKind::Masses);
    let may_manage = permissions::may(role, Action::ManageRequestTemplates);
    let may_seals = permissions::may(role, Action::ManageSeals);
    let (loaded, retry) = use_load((), |_| crate::api::requests::templates());
    // The form: closed, a new template (`Some(None)`), or a new version of one.
    let editing = use_state(|| None::<Option<RequestTemplate>>);
    let saved = use_state(|| None::<String>);
    let on_saved = {
        let (editing, saved, retry) = (editing.clone(), saved.clone(), retry.clone());
        Callback::from(move |tp: RequestTemplate| {
            saved.set(Some((t.saved)(&tp.name, tp.version)));
            editing.set(None);
            retry.emit(());
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(None))
    };
    let start = |base: Option<RequestTemplate>| {
        let (editing, saved) = (editing.clone(), saved.clone());
        move |_: MouseEvent| {
            saved.set(None);
            editing.set(Some(base.clone()));
        }
    };
    let card = |tp: &RequestTemplate| {
        html! {
            <li class="sync-row template-row" key={tp.id} data-template={tp.code.clone()}>
                <span class="list-row">
                    <span class="list-title">{ tp.name.clone() }<span class="tag">{ (t.version)(tp.version) }</span></span>
                    if may_manage && editing.is_none() {
                        <button class="button secondary" type="button" onclick={start(Some(tp.clone()))}>{ t.edit }</button>
                    }
                </span>
                <span class="list-sub">{ tp.title_pattern.clone() }</span>
                <span class="list-meta">{ format!("{} · {} · {}{} · {}", tp.code, (t.fields_count)(tp.fields.len()), t.reply_days, tp.reply_days, tp.retention.label()) }</span>
            </li>
        }
    };
    html! {
        <div class="page requests request-templates">
            <div class="toolbar">
                <Link to={Route::Requests} classes="link-button">{ "‹ " }{ crate::i18n::requests::list_of(texts).title }</Link>
                if may_seals { <span id="seal-link"><Link to={Route::Seals} classes="link-button">{ t.seals }</Link></span> }
            </div>
            <div class="card-head">
                <h1 class="page-title">{ t.title }</h1>
                if may_manage && editing.is_none() {
                    <button class="button primary" type="button" id="template-new" onclick={start(None)}>{ t.new }</button>
                }
            </div>
            <p class="muted">{ t.intro }</p>
            if !may_manage { <p class="notice">{ t.only_department }</p> }
            if let Some(message) = &*saved { <p class="notice ok" role="status" id="template-saved">{ message.clone() }</p> }
            if let Some(base) = &*editing {
                <TemplateForm base={base.clone()} on_saved={on_saved} on_cancel={on_cancel} />
            }
            { render(&loaded, &retry, |list: &Vec<RequestTemplate>| {
                if list.is_empty() {
                    html! { <Empty text={t.empty} /> }
                } else {
                    html! { <ul class="list cards" id="template-list">{ for list.iter().map(card) }</ul> }
                }
            }) }
        </div>
    }
}
