// One schema for both backends; the migrations in migrations/{sqlite,postgres} create it. The
// tables are grouped by feature in the files below; the joins between them are declared here.

mod committees;
mod dues;
mod hr;
mod notify;
mod org_life;
mod platform;
mod request_cases;
mod roster;
mod statistics;
mod transfer_cases;
mod workflow;

pub use committees::*;
pub use dues::*;
pub use hr::*;
pub use notify::*;
pub use org_life::*;
pub use platform::*;
pub use request_cases::*;
pub use roster::*;
pub use statistics::*;
pub use transfer_cases::*;
pub use workflow::*;

diesel::joinable!(people -> orgs (org_id));
diesel::joinable!(committee_members -> people (person_id));
diesel::joinable!(elections -> workflow_instances (instance_id));
diesel::joinable!(transfer_letters -> transfers (transfer_id));
diesel::joinable!(requests -> request_templates (template_id));
diesel::joinable!(request_documents -> requests (request_id));
diesel::joinable!(request_archives -> requests (request_id));
diesel::joinable!(dues_months -> people (person_id));
diesel::joinable!(dues_months -> orgs (org_id));
diesel::joinable!(dues_bases -> people (person_id));
diesel::joinable!(dues_payments -> people (person_id));
diesel::joinable!(meeting_attendees -> meetings (meeting_id));
diesel::joinable!(meeting_attendees -> people (person_id));
diesel::joinable!(meeting_ratings -> people (person_id));
diesel::joinable!(meeting_ratings -> meetings (meeting_id));
diesel::joinable!(workflow_events -> workflow_instances (instance_id));
diesel::joinable!(sync_rows -> sync_jobs (job_id));
diesel::joinable!(meeting_attachments -> files (file_id));
diesel::joinable!(person_events -> people (person_id));
diesel::joinable!(member_periods -> people (person_id));
diesel::joinable!(users -> people (person_id));
diesel::joinable!(role_assignments -> users (user_id));
diesel::joinable!(role_assignments -> orgs (org_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(outbox_attempts -> outbox (outbox_id));

diesel::allow_columns_to_appear_in_same_group_by_clause!(orgs::path, people::membership_status);

diesel::allow_tables_to_appear_in_same_query!(
    orgs,
    member_periods,
    org_periods,
    statistics_exports,
    elections,
    committee_members,
    org_terms,
    dues_bases,
    dues_base_imports,
    dues_reductions,
    dues_payments,
    dues_months,
    dues_orders,
    dues_notifications,
    dues_quarterly,
    people,
    person_events,
    transfers,
    transfer_letters,
    request_templates,
    requests,
    org_seals,
    request_documents,
    request_archives,
    sms_approvals,
    sms_inbound,
    users,
    role_assignments,
    sessions,
    login_failures,
    audit_log,
    hr_connectors,
    sync_jobs,
    sync_rows,
    notifications,
    job_leases,
    workflow_instances,
    workflow_events,
    calendar_days,
    meetings,
    meeting_attendees,
    meeting_amendments,
    outbox,
    outbox_attempts,
    jobs,
    schedules,
    settings,
    meeting_attachments,
    meeting_ratings,
    files,
    blobs,
    alerts,
    notification_opt_outs,
    notices,
);

diesel::joinable!(alerts -> orgs (org_id));
