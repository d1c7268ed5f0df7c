//! The feature areas behind one boundary. With `--features split` (scripts/build-web.sh) each
//! function below becomes a wasm module of its own, `split_<area>.wasm`, downloaded the first
//! time the user enters the area; without it the same code builds as one bundle. Nothing in the
//! shell (app, layout, login, home) may name a page of an area directly, or that page's code is
//! pulled back into the entry module: areas are reached only through `view`.

use yew::Html;

use crate::routes::Route;

/// An area's code could not be fetched (network gone, or an old tab after a new version).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaLoadError;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for AreaLoadError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        AreaLoadError
    }
}

/// One split point per area, the same signature in both builds (callers always `.await`). A
/// failed download is an `Err` (not an abort) and is tried again on the next call.
macro_rules! area {
    ($name:ident => $view:path) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($name, fallible)]
        fn $name(route: Route) -> Result<Html, AreaLoadError> {
            Ok($view(&route))
        }

        #[cfg(not(feature = "split"))]
        async fn $name(route: Route) -> Result<Html, AreaLoadError> {
            Ok($view(&route))
        }
    };
}

area!(members => crate::pages::members::list_view);
area!(member => crate::pages::members::view);
area!(meetings => crate::pages::meetings::view);
area!(meeting => crate::pages::meetings::detail::view);
area!(development => crate::pages::development::view);
area!(case => crate::pages::development::instance::view);
area!(hr => crate::pages::hr::view);
area!(inbox => crate::pages::notify::inbox_view);
area!(alerts => crate::pages::notify::alerts::view);
area!(notices => crate::pages::notify::admin_view);
area!(service => crate::pages::notify::settings_view);
area!(dues => crate::pages::dues::view);
area!(dues_member => crate::pages::dues::member::view);
area!(dues_reports => crate::pages::dues::reports_view);
area!(dues_reductions => crate::pages::dues::reductions::view);
area!(dues_imports => crate::pages::dues::imports::view);
area!(transfers => crate::pages::transfers::list::view);
area!(transfer_new => crate::pages::transfers::new::view);
area!(transfer_incoming => crate::pages::transfers::incoming::view);
area!(transfer => crate::pages::transfers::case::view);
area!(transfer_batch_new => crate::pages::transfers::batch_new::view);
area!(transfer_batch => crate::pages::transfers::batch::view);
area!(requests => crate::pages::requests::list::view);
area!(request_new => crate::pages::requests::compose::view);
area!(request => crate::pages::requests::case::view);
area!(request_templates => crate::pages::requests::templates::view);
area!(archive => crate::pages::requests::archive::view);
area!(sms_approval => crate::pages::requests::sms::view);
area!(seals => crate::pages::seals::view);
area!(elections => crate::pages::elections::view);
area!(election_form => crate::pages::elections::step::form_view);
area!(election => crate::pages::elections::case::view);
area!(dashboard => crate::pages::statistics::dashboard_view);
area!(statistics => crate::pages::statistics::report_view);

/// The area a route belongs to (as named in `web-ui/areas.json`), or `None` for the shell.
pub fn area_of(route: &Route) -> Option<&'static str> {
    match route {
        // The member list is the most visited page: its area is only the list.
        Route::Members => Some("members"),
        Route::Member { .. } | Route::MemberEdit { .. } | Route::OrgRoot | Route::Org { .. } => Some("member"),
        // Organisational life: the lists and planning; one meeting (also the QR check-in).
        Route::Meetings | Route::MeetingNew | Route::MeetingCompliance => Some("meetings"),
        Route::Meeting { .. } | Route::MeetingCheckin { .. } => Some("meeting"),
        // Member development: the lists, applying, the branch meeting; one case.
        Route::Development | Route::DevMeeting => Some("development"),
        Route::DevInstance { .. } => Some("case"),
        Route::Hr | Route::HrJob { .. } => Some("hr"),
        // Notifications: a member's own centre; the alerts; notices and the delivery log; the
        // service settings.
        Route::Notifications | Route::NotificationSettings => Some("inbox"),
        Route::Alerts => Some("alerts"),
        Route::NoticeNew | Route::Outbox => Some("notices"),
        Route::NotifySettings => Some("service"),
        // Party dues: a member's own (phone); one member for the branch; the ledger and the
        // collection report; deciding 减免 cases; the base declaration import.
        Route::DuesMine => Some("dues"),
        Route::DuesMember { .. } => Some("dues_member"),
        Route::DuesLedger | Route::DuesCollection => Some("dues_reports"),
        Route::DuesReductions | Route::DuesReductionNew => Some("dues_reductions"),
        Route::DuesImports => Some("dues_imports"),
        // 组织关系转接: the cases and the desk queues; starting one; registering an incoming
        // letter; one case with its letters and the form of its step; starting a 整建制转接; one
        // batch with its cases and the step done for all of them.
        Route::Transfers => Some("transfers"),
        Route::TransferNew => Some("transfer_new"),
        Route::TransferIncoming => Some("transfer_incoming"),
        Route::Transfer { .. } => Some("transfer"),
        Route::TransferBatchNew => Some("transfer_batch_new"),
        Route::TransferBatch { .. } => Some("transfer_batch"),
        // 请示/批复: the desk lists; drafting and editing a draft; one request with its documents
        // and the form of its step; the templates (政工部门); the 档案; the approver's public
        // phone page opened from the SMS link.
        Route::Requests => Some("requests"),
        Route::RequestNew | Route::RequestEdit { .. } => Some("request_new"),
        Route::Request { .. } => Some("request"),
        Route::RequestTemplates => Some("request_templates"),
        Route::Archive => Some("archive"),
        Route::SmsApproval { .. } => Some("sms_approval"),
        // An org's electronic seal and its uses (the 政工部门 manages them).
        Route::Seals => Some("seals"),
        // 支部委员会与选举: the desk (the branch's committee, the subtree's terms, the elections)
        // and one org's committee; one election with its 请示 steps and the approval; the forms
        // typed on pages of their own: starting one, the candidates, the posts.
        Route::Elections | Route::OrgCommittee { .. } => Some("elections"),
        Route::Election { .. } => Some("election"),
        Route::ElectionNew | Route::ElectionStep { .. } => Some("election_form"),
        // 数据看板 (charts and their tables, each number opening its list); 党内统计报表 (the
        // preview, the check, the kept exports).
        Route::Dashboard => Some("dashboard"),
        Route::Statistics => Some("statistics"),
        Route::Home | Route::Login | Route::NotFound => None,
    }
}

/// The page of an area route, once its area's code is loaded.
pub async fn view(route: Route) -> Result<Html, AreaLoadError> {
    match area_of(&route) {
        Some("members") => members(route).await,
        Some("member") => member(route).await,
        Some("meetings") => meetings(route).await,
        Some("meeting") => meeting(route).await,
        Some("development") => development(route).await,
        Some("case") => case(route).await,
        Some("hr") => hr(route).await,
        Some("inbox") => inbox(route).await,
        Some("alerts") => alerts(route).await,
        Some("notices") => notices(route).await,
        Some("service") => service(route).await,
        Some("dues") => dues(route).await,
        Some("dues_member") => dues_member(route).await,
        Some("dues_reports") => dues_reports(route).await,
        Some("dues_reductions") => dues_reductions(route).await,
        Some("dues_imports") => dues_imports(route).await,
        Some("transfers") => transfers(route).await,
        Some("transfer_new") => transfer_new(route).await,
        Some("transfer_incoming") => transfer_incoming(route).await,
        Some("transfer") => transfer(route).await,
        Some("transfer_batch_new") => transfer_batch_new(route).await,
        Some("transfer_batch") => transfer_batch(route).await,
        Some("requests") => requests(route).await,
        Some("request_new") => request_new(route).await,
        Some("request") => request(route).await,
        Some("request_templates") => request_templates(route).await,
        Some("archive") => archive(route).await,
        Some("sms_approval") => sms_approval(route).await,
        Some("seals") => seals(route).await,
        Some("elections") => elections(route).await,
        Some("election_form") => election_form(route).await,
        Some("election") => election(route).await,
        Some("dashboard") => dashboard(route).await,
        Some("statistics") => statistics(route).await,
        _ => Ok(Html::default()),
    }
}
