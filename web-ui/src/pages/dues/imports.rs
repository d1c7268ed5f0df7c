//! 党费基数申报导入 for the branch, the 党委 and the 政工部门: the template, a file (.xlsx or
//! .csv, at most 10 MB, refused here before it is sent), the preview with every line checked
//! (errors first, in red) and the counts, then 导入 after a confirmation, and the applied state.
//! The preview's id is kept in the address (`/dues/imports?id=7`), so a reload shows it again.

use serde::{Deserialize, Serialize};
use shared::api::dues::{BaseImportLine, BaseImportView};
use shared::rules::dues::DuesCategory;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{field_error, problem};
use crate::api::ApiError;
use crate::components::load::{Load, on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::dues::{ImportTexts, imports_of};
use crate::router::{Link, query_string, use_location, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

/// The server's limit on an upload.
const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// The page of the `dues_imports` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::DuesImports => html! { <ImportPage /> },
        _ => Html::default(),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ImportUrl {
    /// The declaration being previewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    /// The org declared for (default: the caller's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_id: Option<String>,
}

#[component]
fn ImportPage() -> Html {
    let i = imports_of(use_texts());
    let query = use_location().query::<ImportUrl>().unwrap_or_default();
    let id = query.id.as_deref().and_then(|x| x.parse::<i64>().ok());
    let org = query.org_id.as_deref().and_then(|x| x.parse::<i64>().ok());
    let ledger = org.map(|o| query_string(&ImportUrl { org_id: Some(o.to_string()), ..ImportUrl::default() }));
    html! {
        <div class="page dues-imports">
            <Link to={Route::DuesLedger} query={ledger} classes="breadcrumb">{ "‹ " }{ i.back_to_ledger }</Link>
            <h1 class="page-title">{ i.title }</h1>
            <UploadForm {org} />
            if let Some(id) = id { <Preview {id} /> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct UploadProps {
    org: Option<i64>,
}

/// The template link and the file; a file over 10 MB is refused before it is sent.
#[component]
fn UploadForm(props: &UploadProps) -> Html {
    let texts = use_texts();
    let i = imports_of(texts);
    let navigator = use_navigator();
    let file_input = use_node_ref();
    let run = {
        let (file_input, org) = (file_input.clone(), props.org);
        move || {
            let file = file_input.cast::<HtmlInputElement>().and_then(|input| input.files()).and_then(|f| f.get(0));
            async move {
                let file = file.ok_or_else(|| ApiError::local(i.choose_first))?;
                if file.size() > MAX_BYTES {
                    return Err(ApiError::local(i.too_large));
                }
                match crate::api::dues::upload_base_import(file, org).await {
                    Err(e) if e.status == 413 => Err(ApiError::local(i.too_large)),
                    answer => answer,
                }
            }
        }
    };
    let done = {
        let org = props.org;
        Callback::from(move |v: BaseImportView| {
            let query = ImportUrl { id: Some(v.id.to_string()), org_id: org.map(|o| o.to_string()) };
            navigator.push_with_query(&Route::DuesImports, &query);
        })
    };
    let (submit, busy, error) = use_submit(run, done);
    // An unreadable file or one without the required columns.
    let file_error = field_error(&error, "file");
    html! {
        <form class="card form" id="import-form" novalidate=true onsubmit={on_submit(&submit)}>
            <p class="muted">{ i.hint }</p>
            <div class={classes!("field", file_error.is_some().then_some("invalid"))}>
                <label for="dues-import-file">{ i.choose_file }</label>
                <input id="dues-import-file" type="file" accept=".xlsx,.csv" ref={file_input} />
                if let Some(e) = file_error { <p class="field-error" role="alert" id="import-file-error">{ e }</p> }
            </div>
            { problem(&error, "import-error") }
            <div class="form-actions">
                <a class="button secondary" id="import-template" href={crate::api::dues::import_template_href()} download="党费基数申报模板.xlsx">{ i.template }</a>
                <button class="button primary" type="submit" id="import-upload" disabled={*busy}>{ if *busy { i.uploading } else { i.upload } }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    id: i64,
}

/// The checked lines and the counts; 导入 while it is a preview, the applied state after.
#[component]
fn Preview(props: &PreviewProps) -> Html {
    let i = imports_of(use_texts());
    let (loaded, retry) = use_load(props.id, crate::api::dues::base_import);
    let applied = {
        let loaded = loaded.clone();
        Callback::from(move |v: BaseImportView| loaded.set(Load::Ready(v)))
    };
    html! {
        <section class="card" id="import-preview">
            { render(&loaded, &retry, |v| html! {
                <>
                    <h2>{ (i.preview)(&v.file_name) }</h2>
                    <p class="import-counts" id="import-counts">
                        <span id="import-valid">{ (i.valid_rows)(v.valid_rows) }</span>
                        { " / " }
                        <span id="import-errors" class={classes!((v.error_rows > 0).then_some("overdue-text"))}>{ (i.error_rows)(v.error_rows) }</span>
                    </p>
                    if v.status == "applied" {
                        <p class="notice ok" role="status" id="import-applied">{ (i.applied)(v.valid_rows) }</p>
                    } else if v.valid_rows > 0 {
                        <ApplyButton id={v.id} rows={v.valid_rows} on_done={applied.clone()} />
                    } else {
                        <p class="notice warn" role="alert" id="import-nothing">{ i.nothing_valid }</p>
                    }
                    if (v.lines.len() as i32) < v.valid_rows + v.error_rows {
                        <p class="muted">{ (i.shown)(v.lines.len(), v.valid_rows + v.error_rows) }</p>
                    }
                    { table(i, &v.lines) }
                    { cards(i, &v.lines) }
                </>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ApplyProps {
    id: i64,
    rows: i32,
    on_done: Callback<BaseImportView>,
}

#[component]
fn ApplyButton(props: &ApplyProps) -> Html {
    let i = imports_of(use_texts());
    let run = {
        let id = props.id;
        move || crate::api::dues::apply_base_import(id)
    };
    let (submit, busy, error) = use_submit(run, props.on_done.clone());
    let onclick = {
        let question = (i.confirm)(props.rows);
        Callback::from(move |_| {
            let yes = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
            if yes {
                submit.emit(());
            }
        })
    };
    html! {
        <>
            { problem(&error, "apply-error") }
            <div class="form-actions">
                <button class="button primary" type="button" id="import-apply" disabled={*busy} {onclick}>{ if *busy { i.applying } else { i.apply } }</button>
            </div>
        </>
    }
}

fn category(line: &BaseImportLine) -> String {
    DuesCategory::from_code(&line.category).map_or_else(|| line.category.clone(), |c| c.label().to_string())
}

/// The line's errors in red, or that it will be imported.
fn problems(i: &ImportTexts, line: &BaseImportLine) -> Html {
    if line.errors.is_empty() {
        return html! { <span class="status-pill paid">{ i.ok }</span> };
    }
    html! { <>{ for line.errors.iter().map(|e| html! { <span class="field-error">{ e.message.clone() }</span> }) }</> }
}

fn table(i: &ImportTexts, lines: &[BaseImportLine]) -> Html {
    html! {
        <table class="table wide-only" id="import-table">
            <thead><tr>
                <th>{ i.line }</th><th>{ i.name }</th><th>{ i.category }</th><th>{ i.base }</th>
                <th>{ i.monthly }</th><th>{ i.effective_month }</th><th>{ i.problems }</th>
            </tr></thead>
            <tbody>{ for lines.iter().map(|l| html! {
                <tr data-line={l.line.to_string()} data-ok={l.errors.is_empty().to_string()}>
                    <td>{ l.line }</td>
                    <td>{ l.name.clone() }</td>
                    <td>{ category(l) }</td>
                    <td>{ l.base.clone() }</td>
                    <td>{ l.monthly.clone() }</td>
                    <td>{ l.effective_month.clone() }</td>
                    <td>{ problems(i, l) }</td>
                </tr>
            }) }</tbody>
        </table>
    }
}

fn cards(i: &ImportTexts, lines: &[BaseImportLine]) -> Html {
    html! {
        <ul class="list phone-only" id="import-cards">{ for lines.iter().map(|l| html! {
            <li class="sync-row" data-line={l.line.to_string()} data-ok={l.errors.is_empty().to_string()}>
                <span class="list-row">
                    <span class="list-title">{ format!("{} · {}", (i.line_label)(l.line), l.name) }</span>
                    if l.errors.is_empty() { { problems(i, l) } }
                </span>
                <span class="list-sub">{ format!("{} · {} {} · {} {} · {} {}", category(l), i.base, l.base, i.monthly, l.monthly, i.effective_month, l.effective_month) }</span>
                if !l.errors.is_empty() { { problems(i, l) } }
            </li>
        }) }</ul>
    }
}
