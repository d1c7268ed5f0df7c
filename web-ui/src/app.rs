//! Routes, the session/language providers, and the login guard.

use serde::{Deserialize, Serialize};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::components::states::Loading;
use crate::pages;
use crate::state::{Session, SessionAction, TextsHandle, use_session, use_texts};

#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/login")]
    Login,
    #[at("/orgs")]
    OrgRoot,
    #[at("/orgs/:id")]
    Org { id: i64 },
    #[at("/members")]
    Members,
    #[at("/members/:id")]
    Member { id: i64 },
    #[at("/members/:id/edit")]
    MemberEdit { id: i64 },
    #[at("/development")]
    Development,
    #[at("/development/meeting")]
    DevMeeting,
    #[at("/development/cases/:id")]
    DevInstance { id: i64 },
    #[at("/meetings")]
    Meetings,
    #[at("/meetings/new")]
    MeetingNew,
    #[at("/meetings/compliance")]
    MeetingCompliance,
    #[at("/meetings/:id")]
    Meeting { id: i64 },
    #[at("/meetings/:id/checkin")]
    MeetingCheckin { id: i64 },
    #[at("/hr")]
    Hr,
    #[at("/hr/jobs/:id")]
    HrJob { id: i64 },
    #[not_found]
    #[at("/404")]
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    pub next: Option<String>,
}

#[function_component]
pub fn App() -> Html {
    let session = use_reducer(Session::default);
    let texts: TextsHandle = use_state(crate::i18n::stored);
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                // A reload keeps the session: the cookie is still there, so /me answers.
                let me = crate::api::me().await.ok();
                session.dispatch(SessionAction::Checked(me));
            });
            || ()
        });
    }
    html! {
        <ContextProvider<TextsHandle> context={texts}>
            <ContextProvider<crate::state::SessionHandle> context={session}>
                <BrowserRouter>
                    <Switch<Route> render={switch} />
                </BrowserRouter>
            </ContextProvider<crate::state::SessionHandle>>
        </ContextProvider<TextsHandle>>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <pages::login::LoginPage /> },
        other => html! { <Guarded route={other} /> },
    }
}

#[derive(Properties, PartialEq)]
struct GuardedProps {
    route: Route,
}

/// Pages behind login: an unknown or expired session goes to the login page, which returns
/// here afterwards.
#[function_component]
fn Guarded(props: &GuardedProps) -> Html {
    let session = use_session();
    let texts = use_texts();
    let navigator = use_navigator();
    let location = use_location();
    let must_login = session.checked && session.me.is_none();
    use_effect_with(must_login, move |must_login| {
        if *must_login && let (Some(navigator), Some(location)) = (navigator, location) {
            let next = format!("{}{}", location.path(), location.query_str());
            let _ = navigator.replace_with_query(&Route::Login, &NextQuery { next: Some(next) });
        }
        || ()
    });
    if !session.checked || session.me.is_none() {
        return html! { <div class="splash"><Loading /></div> };
    }
    let page = match &props.route {
        Route::Home => html! { <pages::home::HomePage /> },
        Route::OrgRoot => html! { <pages::orgs::OrgsPage id={None::<i64>} /> },
        Route::Org { id } => html! { <pages::orgs::OrgsPage id={Some(*id)} /> },
        Route::Members => html! { <pages::members::list::MemberListPage /> },
        Route::Member { id } => html! { <pages::members::detail::MemberDetailPage id={*id} /> },
        Route::MemberEdit { id } => html! { <pages::members::edit::MemberEditPage id={*id} /> },
        Route::Hr => html! { <pages::hr::HrPage /> },
        Route::Meetings => html! { <pages::meetings::MeetingsPage /> },
        Route::MeetingNew => html! { <pages::meetings::MeetingNewPage /> },
        Route::MeetingCompliance => html! { <pages::meetings::compliance::CompliancePage /> },
        Route::Meeting { id } => html! { <pages::meetings::detail::MeetingPage id={*id} /> },
        Route::MeetingCheckin { id } => html! { <pages::meetings::checkin::CheckinPage id={*id} /> },
        Route::Development => html! { <pages::development::DevelopmentPage /> },
        Route::DevMeeting => html! { <pages::development::meeting::DevMeetingPage /> },
        Route::DevInstance { id } => html! { <pages::development::instance::DevInstancePage id={*id} /> },
        Route::HrJob { id } => html! { <pages::hr::job::HrJobPage id={*id} /> },
        Route::Login | Route::NotFound => html! { <div class="card"><h2>{ texts.not_found }</h2></div> },
    };
    html! { <Layout>{ page }</Layout> }
}
