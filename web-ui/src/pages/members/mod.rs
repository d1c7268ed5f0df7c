//! Member records: the list (an area of its own), a member's record and its editing.

pub mod detail;
pub mod edit;
mod filters;
pub mod list;

use yew::prelude::*;

use crate::routes::Route;

/// The member list (see `crate::areas`).
pub fn list_view(_route: &Route) -> Html {
    html! { <list::MemberListPage /> }
}

/// A member's record and its editing, and the org tree (see `crate::areas`).
pub fn view(route: &Route) -> Html {
    match route {
        Route::OrgRoot | Route::Org { .. } => crate::pages::orgs::view(route),
        Route::Member { id } => html! { <detail::MemberDetailPage id={*id} /> },
        Route::MemberEdit { id } => html! { <edit::MemberEditPage id={*id} /> },
        _ => Html::default(),
    }
}
