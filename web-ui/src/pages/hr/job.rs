//! One sync job: a progress bar while it runs (polling, so it survives a reload), then the
//! preview by change kind with apply / discard, then the result.

use std::cell::Cell;
use std::rc::Rc;

use shared::JobId;
use shared::api::PageQuery;
use shared::api::hr::{ChangeKind, JobRowsQuery, JobStatus, SyncJobView, SyncRowView};
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::components::paged::{LoadMore, use_paged};
use crate::components::states::{Empty, ErrorBox, Loading};
use crate::state::{SessionAction, use_session, use_texts};

#[derive(Properties, PartialEq)]
pub struct JobProps {
    pub id: i64,
}

fn confirm(text: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(text).ok()).unwrap_or(false)
}

#[component]
pub fn HrJobPage(props: &JobProps) -> Html {
    let texts = use_texts();
    let session = use_session();
    let job = use_state(|| None::<Result<SyncJobView, crate::api::ApiError>>);
    let restart = use_state(|| 0u32);
    // Poll until the job leaves running/applying; stop when the page goes away.
    {
        let (job, session) = (job.clone(), session.clone());
        use_effect_with((props.id, *restart), move |(id, _)| {
            let alive = Rc::new(Cell::new(true));
            let (still, id) = (alive.clone(), *id);
            spawn_local(async move {
                while still.get() {
                    let result = crate::api::hr::job(JobId(id)).await;
                    if let Err(e) = &result
                        && e.is_unauthenticated()
                    {
                        session.dispatch(SessionAction::Expired);
                        return;
                    }
                    let running =
                        matches!(&result, Ok(j) if matches!(j.status, JobStatus::Running | JobStatus::Applying));
                    job.set(Some(result));
                    if !running {
                        break;
                    }
                    sleep(std::time::Duration::from_millis(600)).await;
                }
            });
            move || alive.set(false)
        });
    }
    let act = |apply: bool| {
        let (job, restart, id) = (job.clone(), restart.clone(), props.id);
        Callback::from(move |_| {
            if !confirm(if apply {
                crate::i18n::hr::of(texts).apply_confirm
            } else {
                crate::i18n::hr::of(texts).discard_confirm
            }) {
                return;
            }
            let (job, restart) = (job.clone(), restart.clone());
            spawn_local(async move {
                let result = if apply {
                    crate::api::hr::apply(JobId(id)).await
                } else {
                    crate::api::hr::discard(JobId(id)).await
                };
                job.set(Some(result));
                restart.set(*restart + 1);
            });
        })
    };
    let Some(result) = &*job else { return html! { <Loading /> } };
    let view = match result {
        Ok(view) => view.clone(),
        Err(e) => return html! { <ErrorBox error={e.clone()} /> },
    };
    let percent = if view.rows_total > 0 { (view.rows_done * 100 / view.rows_total).clamp(0, 100) } else { 0 };
    let running = matches!(view.status, JobStatus::Running | JobStatus::Applying);
    html! {
        <div class="page hr-job">
            <section class="card">
                <h1 class="page-title">{ view.source_name.clone() }<span class="tag" id="hr-status">{ view.status.label() }</span></h1>
                <p class="muted">{ format!("{} · {}", super::when(&view), view.created_by.clone().unwrap_or_else(|| crate::i18n::hr::of(texts).scheduled.into())) }</p>
                if running {
                    <div class="progress" role="progressbar" aria-valuenow={percent.to_string()} aria-valuemin="0" aria-valuemax="100">
                        <div class="progress-bar" style={format!("width:{percent}%")}></div>
                    </div>
                    <p class="muted" id="hr-phase">{ format!("{} {}/{}", view.phase, view.rows_done, view.rows_total) }</p>
                }
                if let Some(message) = &view.error_message {
                    <p class="form-error" role="alert">{ message.clone() }</p>
                }
                if !running && view.status != JobStatus::Failed {
                    <div class="stats" id="hr-counts">
                        { for ChangeKind::ALL.iter().map(|k| {
                            let n = match k { ChangeKind::New => view.counts.new, ChangeKind::Changed => view.counts.changed, ChangeKind::Unchanged => view.counts.unchanged,
                                ChangeKind::LeftUnit => view.counts.left_unit, ChangeKind::Conflict => view.counts.conflict, ChangeKind::Invalid => view.counts.invalid };
                            html! { <div class="stat"><span class="stat-value">{ n }</span><span class="stat-label">{ k.label() }</span></div> }
                        }) }
                    </div>
                }
                <div class="form-actions">
                    if !running && view.status != JobStatus::Failed {
                        <a class="button secondary" href={format!("/api/v1/hr/jobs/{}/changes.xlsx", view.id)}>{ crate::i18n::hr::of(texts).download_changes }</a>
                    }
                    if view.status == JobStatus::PreviewReady {
                        <button class="button secondary" id="hr-discard" onclick={act(false)}>{ crate::i18n::hr::of(texts).discard }</button>
                        <button class="button primary" id="hr-apply" onclick={act(true)}>{ crate::i18n::hr::of(texts).apply }</button>
                    }
                </div>
            </section>
            if !running && view.status != JobStatus::Failed {
                <RowTabs id={view.id.0} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowTabsProps {
    id: i64,
}

/// The preview rows, one tab per change kind, paged.
#[component]
fn RowTabs(props: &RowTabsProps) -> Html {
    let texts = use_texts();
    let kind = use_state(|| ChangeKind::Changed);
    let paged = use_paged((props.id, *kind), |(id, kind), cursor| async move {
        crate::api::hr::rows(JobId(id), &JobRowsQuery { kind: Some(kind), page: PageQuery::after(50, cursor) }).await
    });
    let rows = &paged.state.items;
    let tabs = [ChangeKind::Changed, ChangeKind::New, ChangeKind::LeftUnit, ChangeKind::Conflict, ChangeKind::Invalid];
    html! {
        <section class="card">
            <div class="tabs" role="tablist">
                { for tabs.iter().map(|k| {
                    let (kind_state, k) = (kind.clone(), *k);
                    html! { <button role="tab" class={classes!("tab", (*kind == k).then_some("active"))} id={format!("tab-{}", k.code())}
                        onclick={Callback::from(move |_| kind_state.set(k))}>{ k.label() }</button> }
                }) }
            </div>
            if rows.is_empty() && !paged.state.loading && paged.state.error.is_none() {
                <Empty text={crate::i18n::hr::of(texts).no_rows} />
            } else {
                <ul class="list" id="hr-rows">{ for rows.iter().map(|r| html! {
                    <li class="sync-row">
                        <span class="list-title">{ r.name.clone().unwrap_or_default() }{ " " }<span class="muted">{ r.employee_number.clone().unwrap_or_default() }</span>
                            if r.row_number > 0 { <span class="tag">{ format!("{}{}{}", crate::i18n::hr::of(texts).row, r.row_number, crate::i18n::hr::of(texts).row_suffix) }</span> }</span>
                        { for r.changes.iter().map(|c| html! {
                            <span class="list-sub">{ format!("{}：{} → {}", c.label, c.old.clone().unwrap_or_default(), c.new.clone().unwrap_or_default()) }</span>
                        }) }
                        { for r.problems.iter().map(|p| html! { <span class="field-error">{ p.clone() }</span> }) }
                    </li>
                }) }</ul>
            }
            <LoadMore<SyncRowView> paged={paged.clone()} />
        </section>
    }
}
