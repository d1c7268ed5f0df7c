//! The org tree browser: breadcrumb, the node's counts, its children with member counts, and
//! a name search across the caller's reach.

use web_sys::SubmitEvent;
use yew::prelude::*;

use crate::components::fields::TextField;
use crate::components::load::use_load;
use crate::components::states::{Empty, render};
use crate::pages::home::counts_grid;
use crate::pages::members::list::ListQuery;
use crate::router::Link;
use crate::routes::Route;
use crate::state::use_texts;

/// The org tree pages (see `crate::areas`).
pub fn view(route: &crate::routes::Route) -> Html {
    match route {
        crate::routes::Route::Org { id } => html! { <OrgsPage id={Some(*id)} /> },
        _ => html! { <OrgsPage id={None::<i64>} /> },
    }
}

#[derive(Properties, PartialEq)]
pub struct OrgsProps {
    pub id: Option<i64>,
}

#[component]
pub fn OrgsPage(props: &OrgsProps) -> Html {
    let texts = use_texts();
    let (tree, retry) = use_load(props.id, crate::api::org_tree);
    let (detail, detail_retry) = use_load(props.id, |id| async move {
        match id {
            Some(id) => crate::api::org(id).await.map(Some),
            None => Ok(None),
        }
    });
    let query = use_state(String::new);
    let submitted = use_state(String::new);
    let (hits, hits_retry) = use_load((*submitted).clone(), |text| async move {
        if text.trim().is_empty() { Ok(Vec::new()) } else { crate::api::search_orgs(&text).await }
    });
    let onsubmit = {
        let (query, submitted) = (query.clone(), submitted.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submitted.set((*query).clone());
        })
    };
    html! {
        <div class="page orgs">
            <form class="searchbar" {onsubmit} role="search">
                <TextField label={texts.search_orgs} name="org-search" value={(*query).clone()} placeholder={texts.search_orgs}
                    oninput={let q = query.clone(); Callback::from(move |v| q.set(v))} />
                <button class="button primary" type="submit">{ texts.search }</button>
            </form>
            if !submitted.trim().is_empty() {
                <section class="card" id="org-search-results">
                    { render(&hits, &hits_retry, |hits| if hits.is_empty() {
                        html! { <Empty text={texts.empty} /> }
                    } else {
                        html! { <ul class="list">{ for hits.iter().map(|h| html! {
                            <li><Link to={Route::Org { id: h.id.0 }} classes="list-link">
                                <span class="list-title">{ h.name.clone() }</span>
                                <span class="list-sub">{ h.parent_names.clone() }</span>
                            </Link></li>
                        }) }</ul> }
                    }) }
                </section>
            }
            { render(&detail, &detail_retry, |detail| match detail {
                Some(org) => html! {
                    <section class="card org-head">
                        <nav class="breadcrumb" aria-label="breadcrumb">
                            <Link to={Route::OrgRoot}>{ "⌂" }</Link>
                            { for org.breadcrumb.iter().map(|c| html! {
                                <>{ " / " }<Link to={Route::Org { id: c.id.0 }}>{ c.name.clone() }</Link></>
                            }) }
                        </nav>
                        <h1 class="page-title">{ org.name.clone() }<span class="tag">{ org.kind.label() }</span></h1>
                        { counts_grid(texts, org) }
                        <Link to={Route::Members} query={Some(crate::router::query_string(&ListQuery { org_id: Some(org.id.0.to_string()), ..ListQuery::default() }))} classes="button secondary">
                            { texts.view_members }
                        </Link>
                        if org.kind != shared::OrgKind::PartyGroup {
                            { " " }<Link to={Route::OrgCommittee { id: org.id.0 }} classes="button secondary">{ texts.org_committee }</Link>
                        }
                    </section>
                },
                None => html! {},
            }) }
            <section class="card">
                <h2>{ texts.sub_orgs }</h2>
                { render(&tree, &retry, |tree| if tree.children.is_empty() {
                    html! { <Empty text={texts.no_children} /> }
                } else {
                    html! { <ul class="list tree">{ for tree.children.iter().map(|c| html! {
                        <li><Link to={Route::Org { id: c.id.0 }} classes="list-link">
                            <span class="list-title">{ c.name.clone() }</span>
                            <span class="list-sub">{ format!("{} · {} {} · {} {}", c.kind.label(), texts.members_total, c.counts.members(), texts.sub_orgs, c.child_count) }</span>
                        </Link></li>
                    }) }</ul> }
                }) }
            </section>
        </div>
    }
}
