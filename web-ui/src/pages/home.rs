//! Home, by active role: a member sees their record and branch; a branch secretary the branch
//! summary; a 党委 / 政工部门 user the summary of their subtree.

use shared::RoleKind;
use shared::api::orgs::OrgView;
use shared::permissions::{self, Action};
use yew::prelude::*;

use crate::components::load::use_load;
use crate::components::states::render;
use crate::i18n::Texts;
use crate::router::Link;
use crate::routes::Route;
use crate::state::{use_session, use_texts};

pub fn counts_grid(texts: &Texts, org: &OrgView) -> Html {
    let c = &org.counts;
    html! {
        <div class="stats">
            <div class="stat"><span class="stat-value">{ c.formal + c.probationary }</span><span class="stat-label">{ texts.members_total }</span></div>
            <div class="stat"><span class="stat-value">{ c.formal }</span><span class="stat-label">{ texts.formal }</span></div>
            <div class="stat"><span class="stat-value">{ c.probationary }</span><span class="stat-label">{ texts.probationary }</span></div>
            <div class="stat"><span class="stat-value">{ c.pipeline }</span><span class="stat-label">{ texts.pipeline }</span></div>
        </div>
    }
}

#[component]
pub fn HomePage() -> Html {
    let texts = use_texts();
    let session = use_session();
    let me = session.me.clone().expect("guarded");
    let kind = me.active_role.kind;
    let org_id = me.active_role.org_id.0;
    let (org, retry) = use_load(org_id, crate::api::org);
    let title = match kind {
        RoleKind::Member | RoleKind::Masses => texts.my_branch,
        RoleKind::Branch => texts.branch_summary,
        RoleKind::Committee | RoleKind::Department => texts.subtree_summary,
    };
    let manages = permissions::manages(kind, Action::ViewMembers);
    let (notices, notices_retry) = use_load(me.user_id, |_| crate::api::notifications());
    html! {
        <div class="page home">
            <h1 class="page-title">{ texts.welcome }{ me.display_name.clone() }</h1>
            <p class="muted">{ format!("{} · {}", kind.label(), me.active_role.org_name) }</p>
            <section class="card">
                <h2>{ title }</h2>
                { render(&org, &retry, |org| html! {
                    <>
                        <p class="org-line"><strong>{ org.name.clone() }</strong>{ format!("（{}）", org.kind.label()) }</p>
                        { counts_grid(texts, org) }
                        if let Some(end) = org.term_ends_on {
                            <p class="muted">{ texts.term_ends }{ " " }{ end.to_string() }</p>
                        }
                    </>
                }) }
            </section>
            { render(&notices, &notices_retry, |list| if list.is_empty() { html! {} } else {
                html! {
                    <section class="card" id="notifications">
                        <h2>{ texts.notifications }</h2>
                        <ul class="list">{ for list.iter().take(5).map(|n| html! {
                            <li class="sync-row">
                                <span class="list-title">{ n.title.clone() }</span>
                                <span class="list-sub">{ n.body.clone() }</span>
                            </li>
                        }) }</ul>
                        <Link to={Route::Notifications} classes="more-link">{ texts.messages }{ " ›" }</Link>
                    </section>
                }
            }) }
            <section class="card">
                <h2>{ texts.shortcuts }</h2>
                <div class="shortcuts">
                    if let Some(person) = me.person_id {
                        <Link to={Route::Member { id: person.0 }} classes="shortcut">{ texts.my_record }</Link>
                    }
                    if permissions::may(kind, Action::ViewTransfers) {
                        <Link to={Route::Transfers} classes="shortcut">{ texts.transfers_shortcut }</Link>
                    }
                    if permissions::may(kind, Action::ViewStatistics) {
                        <Link to={Route::Dashboard} classes="shortcut">{ texts.nav_dashboard }</Link>
                    }
                    if manages {
                        <Link to={Route::Org { id: org_id }} classes="shortcut">{ texts.view_orgs }</Link>
                        <Link to={Route::Members} classes="shortcut">{ texts.view_members }</Link>
                    }
                </div>
            </section>
        </div>
    }
}
