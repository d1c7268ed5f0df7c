//! 请示/批复 in six areas: the desk lists (`requests`), drafting and editing a draft
//! (`request_new`), one request with its sealed documents, timeline, history, the form of its
//! current step and archiving (`request`), the templates of the 政工部门 (`request_templates`),
//! the 档案 (`archive`), and the approver's public phone page opened from the SMS link
//! (`sms_approval`). The pieces below are shared by them: the stage label, the document as
//! printed, dates and sizes.

pub mod archive;
pub mod case;
mod case_act;
pub mod compose;
mod compose_parts;
mod draft;
pub mod list;
mod paper;
mod preview;
pub mod sms;
mod template_form;
pub mod templates;

use chrono::{Datelike, NaiveDate};
use shared::api::requests::RequestStage;
use yew::prelude::*;

/// The stage as a coloured label; `data-stage` carries its code.
pub(crate) fn stage_pill(stage: RequestStage) -> Html {
    let class = match stage {
        RequestStage::Approved => "paid",
        RequestStage::Rejected => "unpaid",
        RequestStage::Draft => "",
        _ => "excused",
    };
    html! { <span class={classes!("status-pill", class, "request-stage")} data-stage={stage.code()}>{ stage.label() }</span> }
}

/// A date as printed on a document: 2026年11月28日.
pub(crate) fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A file size as people read it.
pub(crate) fn size_label(bytes: i64) -> String {
    match bytes {
        // Integer arithmetic: float formatting would add its code to every area using this.
        b if b >= 1024 * 1024 => format!("{}.{} MB", b / 1_048_576, b % 1_048_576 * 10 / 1_048_576),
        b if b >= 1024 => format!("{} KB", (b + 1023) / 1024),
        b => format!("{b} B"),
    }
}

/// An 11-digit mainland mobile number (1, then 3–9, then nine digits).
pub(crate) fn is_mobile(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit)
}

/// A JSON value as the text a person typed.
pub(crate) fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A textarea's `oninput` that hands over the text.
pub(crate) fn on_text(set: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| set.emit(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
}
