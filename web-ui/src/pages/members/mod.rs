//! The members area: the org tree and the member list, a member's record and its editing.

pub mod detail;
pub mod edit;
pub mod list;

use yew::prelude::*;

use crate::app::Route;

/// The page of a members-area route (see `crate::areas`).
pub fn view(route: &Route) -> Html {
    match route {
        Route::OrgRoot => html! { <crate::pages::orgs::OrgsPage id={None::<i64>} /> },
        Route::Org { id } => html! { <crate::pages::orgs::OrgsPage id={Some(*id)} /> },
        Route::Members => html! { <list::MemberListPage /> },
        Route::Member { id } => html! { <detail::MemberDetailPage id={*id} /> },
        Route::MemberEdit { id } => html! { <edit::MemberEditPage id={*id} /> },
        _ => Html::default(),
    }
}
