//! The page a member's phone opens from the QR code: it checks in at once.

use serde::Deserialize;
use shared::api::meetings::CheckinRequest;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::router::{Link, use_location};
use crate::routes::Route;
use crate::state::use_texts;
use crate::state::{SessionAction, use_session};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
struct CodeQuery {
    #[serde(default)]
    code: String,
}

#[derive(Properties, PartialEq)]
pub struct CheckinProps {
    pub id: i64,
}

#[component]
pub fn CheckinPage(props: &CheckinProps) -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let session = use_session();
    let code = use_location().query::<CodeQuery>().unwrap_or_default().code;
    let outcome = use_state(|| None::<Result<String, String>>);
    {
        let (outcome, session) = (outcome.clone(), session.clone());
        use_effect_with((props.id, code), move |(id, code)| {
            let (id, code) = (*id, code.clone());
            spawn_local(async move {
                match crate::api::meetings::act(
                    shared::MeetingId(id),
                    &crate::api::meetings::MeetingAction::CheckIn(CheckinRequest { code }),
                )
                .await
                {
                    Ok(v) => outcome.set(Some(Ok(v.summary.topic))),
                    Err(e) if e.is_unauthenticated() => session.dispatch(SessionAction::Expired),
                    Err(e) => {
                        outcome.set(Some(Err(e.fields().first().map_or(e.body.message.clone(), |f| f.message.clone()))))
                    }
                }
            });
            || ()
        });
    }
    html! {
        <div class="page checkin">
            <section class="card" id="checkin-result">
                { match &*outcome {
                    None => html! { <p>{ t.checking_in }</p> },
                    Some(Ok(topic)) => html! { <><h1 class="page-title">{ t.checked_in }</h1><p class="muted">{ topic.clone() }</p></> },
                    Some(Err(message)) => html! { <><h1 class="page-title">{ t.check_in_failed }</h1><p class="form-error">{ message.clone() }</p></> },
                } }
                <Link to={Route::Meeting { id: props.id }} classes="button secondary">{ t.view_meeting }</Link>
            </section>
        </div>
    }
}
