//! The session context: who is logged in (from `/api/v1/me`), shared by every page.

use std::rc::Rc;

use shared::api::auth::Me;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Session {
    /// False until the first `/me` answered.
    pub checked: bool,
    pub me: Option<Me>,
    /// Set when the server said the session is gone (to explain the login page).
    pub expired: bool,
    /// The server could not be reached to ask (offline start from the service worker's cache).
    pub unreachable: bool,
}

pub enum SessionAction {
    Checked(Option<Me>),
    Unreachable,
    LoggedIn(Me),
    Switched(Me),
    Expired,
    LoggedOut,
}

impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        Rc::new(match action {
            SessionAction::Checked(me) => Session { checked: true, me, expired: false, unreachable: false },
            SessionAction::Unreachable => Session { checked: true, me: None, expired: false, unreachable: true },
            SessionAction::LoggedIn(me) | SessionAction::Switched(me) => {
                Session { checked: true, me: Some(me), expired: false, unreachable: false }
            }
            SessionAction::Expired => {
                Session { checked: true, me: None, expired: self.me.is_some(), unreachable: false }
            }
            SessionAction::LoggedOut => Session { checked: true, me: None, expired: false, unreachable: false },
        })
    }
}

pub type SessionHandle = UseReducerHandle<Session>;

#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("SessionProvider is at the root")
}

/// The UI language, switchable at run time.
pub type TextsHandle = UseStateHandle<&'static crate::i18n::Texts>;

#[hook]
pub fn use_texts() -> &'static crate::i18n::Texts {
    *use_context::<TextsHandle>().expect("texts provided at the root")
}
