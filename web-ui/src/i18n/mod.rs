//! Every UI string, in one place: Chinese first, English second. Domain vocabulary (org kinds,
//! statuses …) comes with its Chinese label from `shared`.

#[derive(Debug, PartialEq)]
pub struct Texts {
    pub lang_code: &'static str,
    pub other_language: &'static str,
    pub app_name: &'static str,
    pub login_title: &'static str,
    pub login_name: &'static str,
    pub login_name_hint: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    pub logging_in: &'static str,
    pub logout: &'static str,
    pub logout_confirm: &'static str,
    pub active_role: &'static str,
    pub nav_home: &'static str,
    pub nav_orgs: &'static str,
    pub nav_members: &'static str,
    pub nav_mine: &'static str,
    pub nav_meetings: &'static str,
    pub rich_heading: &'static str,
    pub rich_bold: &'static str,
    pub rich_list: &'static str,
    pub age_unit: &'static str,
    pub date_format_hint: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub area_load_failed: &'static str,
    pub offline_start: &'static str,
    pub empty: &'static str,
    pub network_error: &'static str,
    pub session_expired: &'static str,
    pub welcome: &'static str,
    pub my_record: &'static str,
    pub my_branch: &'static str,
    pub branch_summary: &'static str,
    pub subtree_summary: &'static str,
    pub members_total: &'static str,
    pub formal: &'static str,
    pub probationary: &'static str,
    pub pipeline: &'static str,
    pub sub_orgs: &'static str,
    pub shortcuts: &'static str,
    pub view_members: &'static str,
    pub view_orgs: &'static str,
    pub search_orgs: &'static str,
    pub search_members: &'static str,
    pub search: &'static str,
    pub filters: &'static str,
    pub all: &'static str,
    pub status: &'static str,
    pub gender: &'static str,
    pub education: &'static str,
    pub occupation: &'static str,
    pub age_from: &'static str,
    pub age_to: &'static str,
    pub clear_filters: &'static str,
    pub load_more: &'static str,
    pub total_prefix: &'static str,
    pub total_suffix: &'static str,
    pub no_members: &'static str,
    pub no_children: &'static str,
    pub name: &'static str,
    pub age: &'static str,
    pub org: &'static str,
    pub phone: &'static str,
    pub employee_number: &'static str,
    pub join_date: &'static str,
    pub full_member_date: &'static str,
    pub id_card_number: &'static str,
    pub birth_date: &'static str,
    pub ethnicity: &'static str,
    pub work_unit: &'static str,
    pub department: &'static str,
    pub party_group: &'static str,
    pub party_standing: &'static str,
    pub years: &'static str,
    pub left_record: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub back: &'static str,
    pub saved: &'static str,
    pub fix_errors: &'static str,
    pub not_set: &'static str,
    pub term_ends: &'static str,
    pub founded: &'static str,
    pub not_found: &'static str,
    pub notifications: &'static str,
    pub nav_dev: &'static str,
    pub nav_hr: &'static str,
    pub nav_alerts: &'static str,
    pub nav_notices: &'static str,
    pub nav_dues: &'static str,
    pub nav_outbox: &'static str,
    pub nav_transfers: &'static str,
    pub transfers_shortcut: &'static str,
    pub nav_requests: &'static str,
    pub nav_archive: &'static str,
    pub nav_elections: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_statistics: &'static str,
    pub org_committee: &'static str,
    pub messages: &'static str,
}

pub mod development;
pub mod dues;
pub mod dues_cases;
pub mod election_case;
pub mod election_form;
pub mod election_vote;
pub mod elections;
mod en;
pub mod hr;
pub mod meetings;
pub mod notify;
pub mod request_case;
pub mod request_form;
pub mod requests;
pub mod seals;
pub mod statistics;
pub mod transfer_batch;
pub mod transfer_case;
pub mod transfers;
mod zh;

pub use en::EN;
pub use zh::ZH;

/// The language chosen last time (stored in the browser), Chinese by default.
pub fn stored() -> &'static Texts {
    let saved = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("lang").ok().flatten());
    if saved.as_deref() == Some("en") { &EN } else { &ZH }
}

pub fn store(texts: &Texts) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item("lang", texts.lang_code);
    }
}
