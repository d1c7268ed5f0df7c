//! Every page's address. Matched by hand: the app has few routes, and yew-router's generic
//! matcher, history and query layers cost ~9 KB (brotli) of the entry module, which has to stay
//! under 150 KB (issue 11). `recognize` and `to_path` are each other's inverse.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Login,
    OrgRoot,
    Org {
        id: i64,
    },
    Members,
    Member {
        id: i64,
    },
    MemberEdit {
        id: i64,
    },
    Development,
    DevMeeting,
    DevInstance {
        id: i64,
    },
    Meetings,
    MeetingNew,
    MeetingCompliance,
    Meeting {
        id: i64,
    },
    MeetingCheckin {
        id: i64,
    },
    Hr,
    HrJob {
        id: i64,
    },
    Notifications,
    NotificationSettings,
    Alerts,
    NoticeNew,
    Outbox,
    NotifySettings,
    DuesMine,
    DuesLedger,
    DuesCollection,
    DuesMember {
        id: i64,
    },
    DuesReductions,
    DuesReductionNew,
    DuesImports,
    Transfers,
    TransferNew,
    TransferIncoming,
    Transfer {
        id: i64,
    },
    TransferBatchNew,
    TransferBatch {
        id: i64,
    },
    Requests,
    RequestNew,
    RequestTemplates,
    Request {
        id: i64,
    },
    RequestEdit {
        id: i64,
    },
    Archive,
    /// 支部委员会与选举: the desk, starting one (`?kind=&org=`), one election, an org's committee.
    Elections,
    ElectionNew,
    Election {
        id: i64,
    },
    /// The form of an election's step 3 (the candidates) or 6 (the posts).
    ElectionStep {
        id: i64,
    },
    OrgCommittee {
        id: i64,
    },
    /// An org's electronic seal (`?org=`).
    Seals,
    /// 数据看板 (`?org_id=`) and 党内统计报表 (`?org_id=&as_of=`).
    Dashboard,
    Statistics,
    /// The public page an approver's SMS link opens (no login).
    SmsApproval {
        token: String,
    },
    NotFound,
}

/// Where the login page sends the user afterwards (`/login?next=/members%3Fq%3D王`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    pub next: Option<String>,
}

impl Route {
    /// The route at `path` (without the query string); unknown paths and ids that are not
    /// numbers are `NotFound`.
    pub fn recognize(path: &str) -> Route {
        let trimmed = path.trim_end_matches('/');
        let segments: Vec<&str> = trimmed.split('/').skip(1).collect();
        let id = |s: &str| s.parse::<i64>().ok();
        let route = match segments.as_slice() {
            [] => Some(Route::Home),
            ["login"] => Some(Route::Login),
            ["orgs"] => Some(Route::OrgRoot),
            ["orgs", i] => id(i).map(|id| Route::Org { id }),
            ["orgs", i, "committee"] => id(i).map(|id| Route::OrgCommittee { id }),
            ["members"] => Some(Route::Members),
            ["members", i] => id(i).map(|id| Route::Member { id }),
            ["members", i, "edit"] => id(i).map(|id| Route::MemberEdit { id }),
            ["development"] => Some(Route::Development),
            ["development", "meeting"] => Some(Route::DevMeeting),
            ["development", "cases", i] => id(i).map(|id| Route::DevInstance { id }),
            ["meetings"] => Some(Route::Meetings),
            ["meetings", "new"] => Some(Route::MeetingNew),
            ["meetings", "compliance"] => Some(Route::MeetingCompliance),
            ["meetings", i] => id(i).map(|id| Route::Meeting { id }),
            ["meetings", i, "checkin"] => id(i).map(|id| Route::MeetingCheckin { id }),
            ["hr"] => Some(Route::Hr),
            ["hr", "jobs", i] => id(i).map(|id| Route::HrJob { id }),
            ["notifications"] => Some(Route::Notifications),
            ["notifications", "settings"] => Some(Route::NotificationSettings),
            ["alerts"] => Some(Route::Alerts),
            ["notices", "new"] => Some(Route::NoticeNew),
            ["outbox"] => Some(Route::Outbox),
            ["notify", "settings"] => Some(Route::NotifySettings),
            ["dues"] => Some(Route::DuesMine),
            ["dues", "ledger"] => Some(Route::DuesLedger),
            ["dues", "collection"] => Some(Route::DuesCollection),
            ["dues", "members", i] => id(i).map(|id| Route::DuesMember { id }),
            ["dues", "reductions"] => Some(Route::DuesReductions),
            ["dues", "reductions", "new"] => Some(Route::DuesReductionNew),
            ["dues", "imports"] => Some(Route::DuesImports),
            ["transfers"] => Some(Route::Transfers),
            ["transfers", "new"] => Some(Route::TransferNew),
            ["transfers", "incoming"] => Some(Route::TransferIncoming),
            ["transfers", i] => id(i).map(|id| Route::Transfer { id }),
            ["transfers", "batch", "new"] => Some(Route::TransferBatchNew),
            ["transfers", "batch", i] => id(i).map(|id| Route::TransferBatch { id }),
            ["requests"] => Some(Route::Requests),
            ["requests", "new"] => Some(Route::RequestNew),
            ["requests", "templates"] => Some(Route::RequestTemplates),
            ["requests", i] => id(i).map(|id| Route::Request { id }),
            ["requests", i, "edit"] => id(i).map(|id| Route::RequestEdit { id }),
            ["archive"] => Some(Route::Archive),
            ["elections"] => Some(Route::Elections),
            ["elections", "new"] => Some(Route::ElectionNew),
            ["elections", i] => id(i).map(|id| Route::Election { id }),
            ["elections", "step", i] => id(i).map(|id| Route::ElectionStep { id }),
            ["seals"] => Some(Route::Seals),
            ["dashboard"] => Some(Route::Dashboard),
            ["statistics"] => Some(Route::Statistics),
            ["a", token] if !token.is_empty() => Some(Route::SmsApproval { token: token.to_string() }),
            _ => None,
        };
        if path.starts_with('/') { route.unwrap_or(Route::NotFound) } else { Route::NotFound }
    }

    /// The path of this route.
    pub fn to_path(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Login => "/login".into(),
            Route::OrgRoot => "/orgs".into(),
            Route::Org { id } => format!("/orgs/{id}"),
            Route::Members => "/members".into(),
            Route::Member { id } => format!("/members/{id}"),
            Route::MemberEdit { id } => format!("/members/{id}/edit"),
            Route::Development => "/development".into(),
            Route::DevMeeting => "/development/meeting".into(),
            Route::DevInstance { id } => format!("/development/cases/{id}"),
            Route::Meetings => "/meetings".into(),
            Route::MeetingNew => "/meetings/new".into(),
            Route::MeetingCompliance => "/meetings/compliance".into(),
            Route::Meeting { id } => format!("/meetings/{id}"),
            Route::MeetingCheckin { id } => format!("/meetings/{id}/checkin"),
            Route::Hr => "/hr".into(),
            Route::HrJob { id } => format!("/hr/jobs/{id}"),
            Route::Notifications => "/notifications".into(),
            Route::NotificationSettings => "/notifications/settings".into(),
            Route::Alerts => "/alerts".into(),
            Route::NoticeNew => "/notices/new".into(),
            Route::Outbox => "/outbox".into(),
            Route::NotifySettings => "/notify/settings".into(),
            Route::DuesMine => "/dues".into(),
            Route::DuesLedger => "/dues/ledger".into(),
            Route::DuesCollection => "/dues/collection".into(),
            Route::DuesMember { id } => format!("/dues/members/{id}"),
            Route::DuesReductions => "/dues/reductions".into(),
            Route::DuesReductionNew => "/dues/reductions/new".into(),
            Route::DuesImports => "/dues/imports".into(),
            Route::Transfers => "/transfers".into(),
            Route::TransferNew => "/transfers/new".into(),
            Route::TransferIncoming => "/transfers/incoming".into(),
            Route::Transfer { id } => format!("/transfers/{id}"),
            Route::TransferBatchNew => "/transfers/batch/new".into(),
            Route::TransferBatch { id } => format!("/transfers/batch/{id}"),
            Route::Requests => "/requests".into(),
            Route::RequestNew => "/requests/new".into(),
            Route::RequestTemplates => "/requests/templates".into(),
            Route::Request { id } => format!("/requests/{id}"),
            Route::RequestEdit { id } => format!("/requests/{id}/edit"),
            Route::Archive => "/archive".into(),
            Route::Elections => "/elections".into(),
            Route::ElectionNew => "/elections/new".into(),
            Route::Election { id } => format!("/elections/{id}"),
            Route::ElectionStep { id } => format!("/elections/step/{id}"),
            Route::OrgCommittee { id } => format!("/orgs/{id}/committee"),
            Route::Seals => "/seals".into(),
            Route::Dashboard => "/dashboard".into(),
            Route::Statistics => "/statistics".into(),
            Route::SmsApproval { token } => format!("/a/{token}"),
            Route::NotFound => "/404".into(),
        }
    }
}
