//! Who may do what: one table of actions × role kinds, each with the scope it reaches. The
//! API checks every route against it (`actor.require(Action::…, org)`), the SPA reads the same
//! table to show only what the active role can do, and API-key scopes map onto the same
//! actions. Changing a permission is changing a row here (and its test vector below).

use crate::RoleKind::{self, Branch, Committee, Department, Masses, Member};
use crate::codes::code_enum;
use serde::{Deserialize, Serialize};

code_enum! {
    /// Something a role may do. Codes are stable (API-key scopes use them).
    pub enum Action {
        ViewOrgs = "view_orgs" / "查看组织",
        ManageOrgs = "manage_orgs" / "管理组织（新建、调整、撤销）",
        ViewMembers = "view_members" / "查看党员信息",
        ManageMembers = "manage_members" / "维护党员信息",
        ViewAudit = "view_audit" / "查看审计日志",
        RunHrSync = "run_hr_sync" / "人事数据导入与同步",
        ManageHrConnectors = "manage_hr_connectors" / "配置人事系统接口",
        EditCalendar = "edit_calendar" / "维护工作日历",
        ApplyForMembership = "apply_for_membership" / "提交入党申请",
        ViewDevelopment = "view_development" / "查看发展党员工作",
        RunDevelopment = "run_development" / "办理发展党员工作（谈话、培养、考察、表决、审批）",
        RunMeetings = "run_meetings" / "组织生活（计划、记录、考勤）",
        ViewMeetingReports = "view_meeting_reports" / "组织生活统计与台账",
        AttendMeetings = "attend_meetings" / "参加组织生活",
        ManageOutbox = "manage_outbox" / "消息投递管理",
        ManageAccounts = "manage_accounts" / "账号管理（解除登录锁定）",
        ViewAlerts = "view_alerts" / "查看分析提醒",
        SendNotices = "send_notices" / "发送通知（短信、邮件、站内）",
        ViewDues = "view_dues" / "查看党费",
        ManageDues = "manage_dues" / "党费收缴管理（基数、登记交纳、台账）",
        PayDues = "pay_dues" / "交纳党费",
        ViewTransfers = "view_transfers" / "查看组织关系转接",
        RunTransfers = "run_transfers" / "办理组织关系转接（审核、开具介绍信、接收）",
        RequestTransfer = "request_transfer" / "申请组织关系转接",
        HandleRequests = "handle_requests" / "办理请示（起草、审核、签发、批复、归档）",
        ManageRequestTemplates = "manage_request_templates" / "维护请示模板",
        ManageSeals = "manage_seals" / "电子印章管理",
        ViewArchive = "view_archive" / "查看档案",
        RunElections = "run_elections" / "支部委员会与选举（成立、换届、增补、任命）",
        ViewStatistics = "view_statistics" / "数据看板与党内统计报表",
    }
}

/// How far a grant reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only the caller's own record.
    Own,
    /// The org of the active role assignment and everything below it.
    Subtree,
    /// The whole institution.
    Everything,
}

use Action::*;
use Scope::{Everything, Own, Subtree};

/// The grants. A (role, action) pair that is not listed is denied.
pub const GRANTS: &[(RoleKind, Action, Scope)] = &[
    // 群众: their own record and application.
    (Masses, ViewMembers, Own),
    (Masses, ApplyForMembership, Own),
    (Masses, ViewDevelopment, Own),
    (Masses, ViewOrgs, Own),
    // 党员: their own record, their branch's meetings.
    (Member, ViewMembers, Own),
    (Member, ApplyForMembership, Own),
    (Member, ViewDevelopment, Own),
    (Member, ViewOrgs, Own),
    (Member, AttendMeetings, Own),
    (Member, ViewDues, Own),
    (Member, PayDues, Own),
    (Member, ViewTransfers, Own),
    (Member, RequestTransfer, Own),
    // 党支部: their branch (and its 党小组).
    (Branch, ViewOrgs, Subtree),
    (Branch, ManageOrgs, Subtree),
    (Branch, ViewMembers, Subtree),
    (Branch, ManageMembers, Subtree),
    (Branch, ApplyForMembership, Subtree),
    (Branch, ViewDevelopment, Subtree),
    (Branch, RunDevelopment, Subtree),
    (Branch, RunMeetings, Subtree),
    (Branch, ViewMeetingReports, Subtree),
    (Branch, AttendMeetings, Own),
    (Branch, SendNotices, Subtree),
    (Branch, ViewDues, Subtree),
    (Branch, ManageDues, Subtree),
    (Branch, PayDues, Own),
    (Branch, ViewTransfers, Subtree),
    (Branch, RunTransfers, Subtree),
    (Branch, RequestTransfer, Subtree),
    (Branch, HandleRequests, Subtree),
    (Branch, RunElections, Subtree),
    (Branch, ViewStatistics, Subtree),
    (Branch, ViewArchive, Subtree),
    // 党委: their subtree.
    (Committee, ViewOrgs, Subtree),
    (Committee, ManageOrgs, Subtree),
    (Committee, ViewMembers, Subtree),
    (Committee, ManageMembers, Subtree),
    (Committee, RunHrSync, Subtree),
    (Committee, ViewDevelopment, Subtree),
    (Committee, RunDevelopment, Subtree),
    (Committee, RunMeetings, Subtree),
    (Committee, ViewMeetingReports, Subtree),
    (Committee, AttendMeetings, Own),
    (Committee, ViewAlerts, Subtree),
    (Committee, SendNotices, Subtree),
    (Committee, ViewDues, Subtree),
    (Committee, ManageDues, Subtree),
    (Committee, PayDues, Own),
    (Committee, ViewTransfers, Subtree),
    (Committee, RunTransfers, Subtree),
    (Committee, RequestTransfer, Subtree),
    (Committee, HandleRequests, Subtree),
    (Committee, RunElections, Subtree),
    (Committee, ViewStatistics, Subtree),
    (Committee, ViewArchive, Subtree),
    // 政工部门: everything, and the institution-wide settings.
    (Department, ViewOrgs, Everything),
    (Department, ManageOrgs, Everything),
    (Department, ViewMembers, Everything),
    (Department, ManageMembers, Everything),
    (Department, ViewAudit, Everything),
    (Department, RunHrSync, Everything),
    (Department, ManageHrConnectors, Everything),
    (Department, EditCalendar, Everything),
    (Department, ViewDevelopment, Everything),
    (Department, RunDevelopment, Everything),
    (Department, RunMeetings, Everything),
    (Department, ViewMeetingReports, Everything),
    (Department, AttendMeetings, Own),
    (Department, ManageOutbox, Everything),
    (Department, ManageAccounts, Everything),
    (Department, ViewAlerts, Everything),
    (Department, SendNotices, Everything),
    (Department, ViewDues, Everything),
    (Department, ManageDues, Everything),
    (Department, PayDues, Own),
    (Department, ViewTransfers, Everything),
    (Department, RunTransfers, Everything),
    (Department, RequestTransfer, Everything),
    (Department, HandleRequests, Everything),
    (Department, RunElections, Everything),
    (Department, ViewStatistics, Everything),
    (Department, ManageRequestTemplates, Everything),
    (Department, ManageSeals, Everything),
    (Department, ViewArchive, Everything),
];

/// The scope `role` has for `action`, or `None` when it may not do it at all.
pub fn scope_of(role: RoleKind, action: Action) -> Option<Scope> {
    GRANTS.iter().find(|(r, a, _)| *r == role && *a == action).map(|(_, _, s)| *s)
}

/// Whether `role` may do `action` anywhere (the SPA uses this to show menus and buttons).
pub fn may(role: RoleKind, action: Action) -> bool {
    scope_of(role, action).is_some()
}

/// Whether `role` may do `action` beyond its own record (manages others' data).
pub fn manages(role: RoleKind, action: Action) -> bool {
    matches!(scope_of(role, action), Some(Subtree | Everything))
}

/// Every action `role` may do.
pub fn actions_of(role: RoleKind) -> Vec<Action> {
    GRANTS.iter().filter(|(r, _, _)| *r == role).map(|(_, a, _)| *a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_is_granted_at_most_once() {
        for (i, (r, a, _)) in GRANTS.iter().enumerate() {
            assert!(!GRANTS[i + 1..].iter().any(|(r2, a2, _)| r2 == r && a2 == a), "{r:?} {a:?} twice");
        }
    }

    #[test]
    fn the_table_matches_the_role_descriptions() {
        // (role, action, expected scope): the test vector of the table.
        let vectors: &[(RoleKind, Action, Option<Scope>)] = &[
            (Masses, ManageMembers, None),
            (Member, ViewMembers, Some(Own)),
            (Member, RunMeetings, None),
            (Branch, RunMeetings, Some(Subtree)),
            (Branch, RunHrSync, None),
            (Committee, RunHrSync, Some(Subtree)),
            (Committee, ManageHrConnectors, None),
            (Branch, ViewAlerts, None),
            (Committee, ViewAlerts, Some(Subtree)),
            (Member, SendNotices, None),
            (Committee, ViewAudit, None),
            (Department, ManageHrConnectors, Some(Everything)),
            (Department, EditCalendar, Some(Everything)),
            (Member, RunDevelopment, None),
            (Branch, RunDevelopment, Some(Subtree)),
            (Masses, PayDues, None),
            (Member, ViewDues, Some(Own)),
            (Member, ManageDues, None),
            (Branch, ManageDues, Some(Subtree)),
            (Member, ViewStatistics, None),
            (Branch, ViewStatistics, Some(Subtree)),
            (Department, ViewStatistics, Some(Everything)),
        ];
        for (role, action, scope) in vectors {
            assert_eq!(scope_of(*role, *action), *scope, "{role:?} {action:?}");
        }
    }

    #[test]
    fn every_action_is_granted_to_someone() {
        for action in Action::ALL {
            assert!(GRANTS.iter().any(|(_, a, _)| a == action), "{action:?} is granted to nobody");
        }
    }
}
