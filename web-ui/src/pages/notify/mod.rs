//! Notifications: a member's own centre and settings (area `inbox`), the analysis alerts (area
//! `alerts`), notices and the delivery log (area `notices`), the service settings (area
//! `service`).

pub mod alerts;
mod compose;
mod inbox;
mod outbox;
mod people;
mod settings;

use yew::{Html, html};

use crate::routes::Route;

pub fn inbox_view(route: &Route) -> Html {
    match route {
        Route::Notifications => html! { <inbox::NotificationsPage /> },
        Route::NotificationSettings => html! { <inbox::MySettingsPage /> },
        _ => Html::default(),
    }
}

pub fn admin_view(route: &Route) -> Html {
    match route {
        Route::NoticeNew => html! { <compose::NoticeNewPage /> },
        Route::Outbox => html! { <outbox::OutboxPage /> },
        _ => Html::default(),
    }
}

pub fn settings_view(route: &Route) -> Html {
    match route {
        Route::NotifySettings => html! { <settings::NotifySettingsPage /> },
        _ => Html::default(),
    }
}

/// A field's error message from a failed request, if it names that field.
pub(crate) fn field_error(error: &Option<crate::api::ApiError>, field: &str) -> Option<yew::AttrValue> {
    error.as_ref().and_then(|e| e.fields().into_iter().find(|f| f.field == field)).map(|f| f.message.into())
}
