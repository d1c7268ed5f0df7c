//! The report sets made so far, newest first, page by page: 填报单位, 截止日期, the state (a
//! queued or running set shows its progress, asked again every second until it ends), the
//! problems the check found, and the XLSX and PDF once made.

use std::cell::Cell;
use std::rc::Rc;

use chrono::Timelike;
use shared::api::statistics::StatisticsExport;
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::Empty;
use crate::i18n::statistics::{StatTexts, of};
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub(super) struct ExportsProps {
    /// Changed when a new set was started, to read the list again.
    pub refresh: u32,
}

#[component]
pub(super) fn Exports(props: &ExportsProps) -> Html {
    let t = of(use_texts());
    let paged = use_paged(props.refresh, |_, cursor| crate::api::statistics::exports(cursor));
    let s = &*paged.state;
    html! {
        <section class="card" id="exports">
            <h2>{ t.exports }</h2>
            if s.items.is_empty() && !s.loading && s.error.is_none() {
                <Empty text={t.no_exports} />
            } else {
                <ul class="list" id="export-list">{ for s.items.iter().map(|e| html! {
                    <ExportRow key={e.id} export={e.clone()} />
                }) }</ul>
            }
            <LoadMore<StatisticsExport> paged={paged.clone()} />
        </section>
    }
}

fn running(status: &str) -> bool {
    matches!(status, "queued" | "running")
}

#[derive(Properties, PartialEq)]
struct RowProps {
    export: StatisticsExport,
}

/// One set; while it is made, its state is asked again every second.
#[component]
fn ExportRow(props: &RowProps) -> Html {
    let t = of(use_texts());
    let now = use_state(|| props.export.clone());
    {
        let now = now.clone();
        use_effect_with(props.export.clone(), move |first| {
            let alive = Rc::new(Cell::new(true));
            let (still, id) = (alive.clone(), first.id);
            now.set(first.clone());
            if running(&first.status) {
                spawn_local(async move {
                    while still.get() {
                        sleep(std::time::Duration::from_millis(1000)).await;
                        let Ok(next) = crate::api::statistics::export(id).await else { continue };
                        let done = !running(&next.status);
                        if still.get() {
                            now.set(next);
                        }
                        if done {
                            break;
                        }
                    }
                });
            }
            move || alive.set(false)
        });
    }
    row(t, &now)
}

fn row(t: &StatTexts, e: &StatisticsExport) -> Html {
    let (class, label) = match e.status.as_str() {
        "queued" => ("excused", t.queued),
        "running" => ("excused", t.running),
        "succeeded" => ("paid", t.succeeded),
        _ => ("unpaid", t.failed),
    };
    let file = |format| crate::api::statistics::export_href(e.id, format);
    let created = e.created_at.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"));
    html! {
        <li class="list-row" data-export={e.id.to_string()} data-status={e.status.clone()}>
            <span class="list-title">
                { format!("{} {} · {} {}", t.filler, e.org_name, t.as_of, e.as_of) }
                <span class={classes!("status-pill", class)}>{ label }</span>
            </span>
            <span class="list-sub">
                { format!("{} {} · {} {}", t.problems, e.problems, t.created, format!("{} {:02}:{:02}", created.date_naive(), created.hour(), created.minute())) }
                if let Some(by) = &e.created_by { { format!(" · {by}") } }
            </span>
            if running(&e.status) {
                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax={e.total.to_string()} aria-valuenow={e.done.to_string()}>
                    <div class="progress-bar" style={format!("width:{}%", if e.total > 0 { e.done * 100 / e.total } else { 0 })}></div>
                </div>
                <span class="list-sub export-progress">{ (t.progress)(&e.phase, e.done, e.total) }</span>
            }
            if e.status == "succeeded" {
                <span class="toolbar export-files">
                    <a class="button secondary export-xlsx" href={file("xlsx")} download="">{ t.download_xlsx }</a>
                    <a class="button secondary export-pdf" href={file("pdf")} download="">{ t.download_pdf }</a>
                </span>
            }
            if let Some(error) = &e.error { <span class="field-error">{ error.clone() }</span> }
        </li>
    }
}
