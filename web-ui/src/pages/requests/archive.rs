//! `/archive`: the 档案 of archived requests: by year and by title or 发文字号 (kept in the
//! address), each with its retention period, size, who archived it and its ZIP package.

use serde::{Deserialize, Serialize};
use shared::api::PageQuery;
use shared::api::requests::{ArchiveQuery, ArchiveView};
use yew::prelude::*;

use super::size_label;
use crate::components::fields::{SelectField, TextField};
use crate::components::load::on_submit;
use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::requests::{ArchiveTexts, archive_of};
use crate::router::{Link, use_location, use_navigator};
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `archive` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::Archive => html! { <ArchivePage /> },
        _ => Html::default(),
    }
}

/// `?year=2026&q=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ArchiveUrl {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
}

fn row(t: &ArchiveTexts, a: &ArchiveView) -> Html {
    html! {
        <li class="sync-row archive-row" key={a.id} data-archive={a.id.to_string()}>
            <span class="list-row">
                <span class="list-title">{ a.title.clone() }</span>
                <span class="tag" title={t.retention}>{ a.retention.label() }</span>
            </span>
            <span class="list-sub">{ format!("{} · {} · {}", a.doc_number, a.org.name, a.year) }</span>
            <span class="list-meta">
                { format!("{}：{} · ", t.size, size_label(a.size_bytes)) }
                { (t.archived_by)(&a.created_by, &shared::time::fmt_china(a.created_at)) }
            </span>
            <span class="toolbar">
                <a class="button primary" href={a.download_url.clone()} download="">{ t.download }</a>
                <Link to={Route::Request { id: a.request_id }} classes="button secondary">{ t.open_request }</Link>
            </span>
        </li>
    }
}

#[component]
fn ArchivePage() -> Html {
    let texts = use_texts();
    let t = archive_of(texts);
    let navigator = use_navigator();
    let url = use_location().query::<ArchiveUrl>().unwrap_or_default();
    let typed = use_state(|| url.q.clone().unwrap_or_default());
    let year = url.year.as_deref().and_then(|y| y.parse::<i32>().ok());
    let paged = use_paged((year, url.q.clone()), |(year, q), cursor| async move {
        crate::api::requests::archives(&ArchiveQuery { year, q, page: PageQuery::after(20, cursor) }).await
    });
    let this_year = chrono::Datelike::year(&crate::pages::members::edit::today());
    let years = std::iter::once((String::new(), t.all_years.to_string()))
        .chain((this_year - 9..=this_year).rev().map(|y| (y.to_string(), y.to_string())))
        .collect::<Vec<_>>();
    let on_year = {
        let (navigator, url) = (navigator.clone(), url.clone());
        Callback::from(move |y: String| {
            let year = (!y.is_empty()).then_some(y);
            navigator.replace_with_query(&Route::Archive, &ArchiveUrl { year, ..url.clone() });
        })
    };
    let search = {
        let (navigator, url, typed) = (navigator.clone(), url.clone(), typed.clone());
        Callback::from(move |_| {
            let q = crate::pages::transfers::text(&typed);
            navigator.replace_with_query(&Route::Archive, &ArchiveUrl { q, ..url.clone() })
        })
    };
    let s = &*paged.state;
    html! {
        <div class="page requests archive">
            <h1 class="page-title">{ t.title }</h1>
            <section class="card">
                <p class="muted">{ t.intro }</p>
                <form class="filter-main" role="search" onsubmit={on_submit(&search)}>
                    <SelectField label={t.year} name="archive_year" options={years} value={url.year.clone().unwrap_or_default()} onchange={on_year} />
                    <TextField label={t.search_label} name="archive_q" value={(*typed).clone()}
                        oninput={let typed = typed.clone(); Callback::from(move |v| typed.set(v))} />
                    <button class="button secondary" type="submit">{ texts.search }</button>
                </form>
            </section>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={t.empty} />
            } else if !s.items.is_empty() {
                <ul class="list cards" id="archive-list">{ for s.items.iter().map(|a| row(t, a)) }</ul>
            }
            <LoadMore<ArchiveView> paged={paged.clone()} />
        </div>
    }
}
