//! Texts of organisational life (组织生活): meetings, attendance, the record, reports, ratings.

use super::Texts;

/// Plain texts, and the sentences with numbers or names in them as functions.
#[derive(Debug)]
pub struct FeatureTexts {
    pub my_meetings_title: &'static str,
    pub no_meetings: &'static str,
    pub title: &'static str,
    pub ledger_xlsx: &'static str,
    pub ledger_pdf: &'static str,
    pub compliance_link: &'static str,
    pub plan: &'static str,
    pub none_recent: &'static str,
    pub time_required: &'static str,
    pub kind: &'static str,
    pub topic: &'static str,
    pub time: &'static str,
    pub place: &'static str,
    pub scope_branch: &'static str,
    pub scope_committee: &'static str,
    pub attendees: &'static str,
    pub unassigned: &'static str,
    pub host: &'static str,
    pub recorder: &'static str,
    pub agenda: &'static str,
    pub online: &'static str,
    pub publish: &'static str,
    pub quorum_reached: &'static str,
    pub quorum_missing: &'static str,
    pub checked_in_suffix: &'static str,
    pub leave_reason: &'static str,
    pub ask_leave: &'static str,
    pub confirm: &'static str,
    pub probationary_mark: &'static str,
    pub approve_leave: &'static str,
    pub present: &'static str,
    pub mark_present: &'static str,
    pub record: &'static str,
    pub amended_minutes: &'static str,
    pub amend_reason: &'static str,
    pub submit_amendment: &'static str,
    pub minutes_label: &'static str,
    pub decisions_label: &'static str,
    pub lecturer: &'static str,
    pub save_record: &'static str,
    pub sign_confirm: &'static str,
    pub sign: &'static str,
    pub qr_title: &'static str,
    pub qr_hint: &'static str,
    pub choose_file_first: &'static str,
    pub attachments: &'static str,
    pub upload: &'static str,
    pub review: &'static str,
    pub self_assessment: &'static str,
    pub submit_self_assessment: &'static str,
    pub peer_votes: &'static str,
    pub unrated: &'static str,
    pub compliance_title: &'static str,
    pub period_label: &'static str,
    pub no_attendance: &'static str,
    pub member_attendance_title: &'static str,
    pub checking_in: &'static str,
    pub checked_in: &'static str,
    pub check_in_failed: &'static str,
    pub view_meeting: &'static str,
    pub summary_line: fn((String, String, i64, i64, i64)) -> String,
    pub my_totals: fn((i64, i64)) -> String,
    pub quorum_line: fn((i64, i64, &'static str)) -> String,
    pub my_status: fn((&'static str, &'static str)) -> String,
    pub attendees_heading: fn((i64, i64)) -> String,
    pub decisions_line: fn(String) -> String,
    pub signed_at: fn(String) -> String,
    pub amendment_line: fn((String, String, String, String)) -> String,
    pub uploaded: fn(String) -> String,
    pub rating_counts: fn((i64, i64, i64, i64, i64)) -> String,
    pub self_assessment_of: fn(String) -> String,
    pub peer_votes_of: fn(String) -> String,
    pub rating_of: fn(String) -> String,
    pub compliance_intro: fn((String, String, usize)) -> String,
    pub required_held: fn((i64, i64)) -> String,
    pub attendance_rate: fn(i64) -> String,
    pub missing: fn(String) -> String,
    pub member_attendance_line: fn((i64, i64, i64)) -> String,
}

pub static ZH: FeatureTexts = FeatureTexts {
    my_meetings_title: "我的组织生活",
    no_meetings: "暂无会议",
    title: "组织生活",
    ledger_xlsx: "台账 Excel",
    ledger_pdf: "台账 PDF",
    compliance_link: "落实情况",
    plan: "安排会议",
    none_recent: "近四个月没有会议",
    time_required: "请填写会议时间",
    kind: "会议类型",
    topic: "主题",
    time: "时间",
    place: "地点",
    scope_branch: "全体党员",
    scope_committee: "支部委员",
    attendees: "参会人员",
    unassigned: "（未指定）",
    host: "主持人",
    recorder: "记录人",
    agenda: "议程",
    online: "线上会议",
    publish: "发布会议通知",
    quorum_reached: "已过半数，可以表决",
    quorum_missing: "未过半数",
    checked_in_suffix: " · 已签到",
    leave_reason: "请假事由",
    ask_leave: "请假",
    confirm: "确认参加",
    probationary_mark: "（预备）",
    approve_leave: "准假",
    present: "已到",
    mark_present: "标记到会",
    record: "会议记录",
    amended_minutes: "更正后的会议记录",
    amend_reason: "更正原因",
    submit_amendment: "提交更正",
    minutes_label: "记录内容（可用标题、加粗、列表）",
    decisions_label: "决议事项",
    lecturer: "主讲人",
    save_record: "保存记录",
    sign_confirm: "签字后记录将锁定，之后只能更正。确定签字？",
    sign: "书记签字",
    qr_title: "扫码签到",
    qr_hint: "请参会党员用手机扫码签到；二维码每30秒更新，截图转发无效。",
    choose_file_first: "请先选择文件",
    attachments: "照片和附件",
    upload: "上传（10 MB 以内）",
    review: "民主评议",
    self_assessment: "个人自评",
    submit_self_assessment: "提交自评",
    peer_votes: "测评票 优/合/基/不",
    unrated: "未评",
    compliance_title: "组织生活落实情况",
    period_label: "期间（如 2026、2026-Q3、2026-11）",
    no_attendance: "暂无出席记录",
    member_attendance_title: "党员出勤（出勤率从低到高）",
    checking_in: "正在签到…",
    checked_in: "签到成功",
    check_in_failed: "签到未成功",
    view_meeting: "查看会议",
    summary_line: zh_summary_line,
    my_totals: zh_my_totals,
    quorum_line: zh_quorum_line,
    my_status: zh_my_status,
    attendees_heading: zh_attendees_heading,
    decisions_line: zh_decisions_line,
    signed_at: zh_signed_at,
    amendment_line: zh_amendment_line,
    uploaded: zh_uploaded,
    rating_counts: zh_rating_counts,
    self_assessment_of: zh_self_assessment_of,
    peer_votes_of: zh_peer_votes_of,
    rating_of: zh_rating_of,
    compliance_intro: zh_compliance_intro,
    required_held: zh_required_held,
    attendance_rate: zh_attendance_rate,
    missing: zh_missing,
    member_attendance_line: zh_member_attendance_line,
};

pub static EN: FeatureTexts = FeatureTexts {
    my_meetings_title: "My meetings",
    no_meetings: "No meetings yet",
    title: "Meetings",
    ledger_xlsx: "Ledger (Excel)",
    ledger_pdf: "Ledger (PDF)",
    compliance_link: "Compliance",
    plan: "Plan a meeting",
    none_recent: "No meetings in the last four months",
    time_required: "Please enter the meeting time",
    kind: "Kind of meeting",
    topic: "Topic",
    time: "Time",
    place: "Place",
    scope_branch: "All members",
    scope_committee: "Branch committee",
    attendees: "Attendees",
    unassigned: "(none)",
    host: "Host",
    recorder: "Recorder",
    agenda: "Agenda",
    online: "Online meeting",
    publish: "Send the notice",
    quorum_reached: "Quorum reached: votes may be taken",
    quorum_missing: "No quorum yet",
    checked_in_suffix: " · checked in",
    leave_reason: "Reason for leave",
    ask_leave: "Ask for leave",
    confirm: "I will attend",
    probationary_mark: "(probationary)",
    approve_leave: "Approve leave",
    present: "Present",
    mark_present: "Mark present",
    record: "Record",
    amended_minutes: "Corrected record",
    amend_reason: "Reason for the correction",
    submit_amendment: "Submit the correction",
    minutes_label: "Record (headings, bold and lists allowed)",
    decisions_label: "Decisions",
    lecturer: "Lecturer",
    save_record: "Save the record",
    sign_confirm: "Signing locks the record; afterwards it can only be corrected. Sign now?",
    sign: "Secretary signs",
    qr_title: "Check in by QR code",
    qr_hint: "Attendees scan this code with their phones. It changes every 30 seconds, so a forwarded screenshot does not work.",
    choose_file_first: "Choose a file first",
    attachments: "Photos and attachments",
    upload: "Upload (up to 10 MB)",
    review: "Democratic review",
    self_assessment: "Self-assessment",
    submit_self_assessment: "Submit the self-assessment",
    peer_votes: "Peer votes E/Q/B/U",
    unrated: "Not rated",
    compliance_title: "Compliance with the meeting rules",
    period_label: "Period (e.g. 2026, 2026-Q3, 2026-11)",
    no_attendance: "No attendance recorded",
    member_attendance_title: "Attendance per member (lowest first)",
    checking_in: "Checking in…",
    checked_in: "Checked in",
    check_in_failed: "Check-in failed",
    view_meeting: "View the meeting",
    summary_line: en_summary_line,
    my_totals: en_my_totals,
    quorum_line: en_quorum_line,
    my_status: en_my_status,
    attendees_heading: en_attendees_heading,
    decisions_line: en_decisions_line,
    signed_at: en_signed_at,
    amendment_line: en_amendment_line,
    uploaded: en_uploaded,
    rating_counts: en_rating_counts,
    self_assessment_of: en_self_assessment_of,
    peer_votes_of: en_peer_votes_of,
    rating_of: en_rating_of,
    compliance_intro: en_compliance_intro,
    required_held: en_required_held,
    attendance_rate: en_attendance_rate,
    missing: en_missing,
    member_attendance_line: en_member_attendance_line,
};

fn zh_summary_line(a: (String, String, i64, i64, i64)) -> String {
    format!("{} · {} · 应到 {} 实到 {} 请假 {}", a.0, a.1, a.2, a.3, a.4)
}

fn en_summary_line(a: (String, String, i64, i64, i64)) -> String {
    format!("{} · {} · expected {} present {} on leave {}", a.0, a.1, a.2, a.3, a.4)
}

fn zh_my_totals(a: (i64, i64)) -> String {
    format!("近期应参加 {} 次，实际参加 {} 次", a.0, a.1)
}

fn en_my_totals(a: (i64, i64)) -> String {
    format!("Expected at {} recent meetings, attended {}", a.0, a.1)
}

fn zh_quorum_line(a: (i64, i64, &'static str)) -> String {
    format!("有表决权 应到 {} 人，已到 {} 人，{}", a.0, a.1, a.2)
}

fn en_quorum_line(a: (i64, i64, &'static str)) -> String {
    format!("{} voting members, {} present: {}", a.0, a.1, a.2)
}

fn zh_my_status(a: (&'static str, &'static str)) -> String {
    format!("我的状态：{}{}", a.0, a.1)
}

fn en_my_status(a: (&'static str, &'static str)) -> String {
    format!("My status: {}{}", a.0, a.1)
}

fn zh_attendees_heading(a: (i64, i64)) -> String {
    format!("参会人员（应到 {} 人，已签到 {} 人）", a.0, a.1)
}

fn en_attendees_heading(a: (i64, i64)) -> String {
    format!("Attendees ({} expected, {} checked in)", a.0, a.1)
}

fn zh_decisions_line(a: String) -> String {
    format!("决议：{}", a)
}

fn en_decisions_line(a: String) -> String {
    format!("Decisions: {}", a)
}

fn zh_signed_at(a: String) -> String {
    format!("已签字锁定 {}", a)
}

fn en_signed_at(a: String) -> String {
    format!("Signed and locked {}", a)
}

fn zh_amendment_line(a: (String, String, String, String)) -> String {
    format!("更正（{}）：{} → {}；原因：{}", a.0, a.1, a.2, a.3)
}

fn en_amendment_line(a: (String, String, String, String)) -> String {
    format!("Correction ({}): {} → {}; reason: {}", a.0, a.1, a.2, a.3)
}

fn zh_uploaded(a: String) -> String {
    format!("已上传：{}", a)
}

fn en_uploaded(a: String) -> String {
    format!("Uploaded: {}", a)
}

fn zh_rating_counts(a: (i64, i64, i64, i64, i64)) -> String {
    format!("优秀 {} 人，合格 {} 人，基本合格 {} 人，不合格 {} 人，未评 {} 人", a.0, a.1, a.2, a.3, a.4)
}

fn en_rating_counts(a: (i64, i64, i64, i64, i64)) -> String {
    format!("Excellent {}, qualified {}, basically qualified {}, unqualified {}, not rated {}", a.0, a.1, a.2, a.3, a.4)
}

fn zh_self_assessment_of(a: String) -> String {
    format!(" 自评：{}", a)
}

fn en_self_assessment_of(a: String) -> String {
    format!(" self-assessment: {}", a)
}

fn zh_peer_votes_of(a: String) -> String {
    format!("{} 测评票数", a)
}

fn en_peer_votes_of(a: String) -> String {
    format!("{}: peer votes", a)
}

fn zh_rating_of(a: String) -> String {
    format!("{} 评定", a)
}

fn en_rating_of(a: String) -> String {
    format!("{}: rating", a)
}

fn zh_compliance_intro(a: (String, String, usize)) -> String {
    format!("{} 至 {}，共 {} 个支部，按缺项从多到少排列", a.0, a.1, a.2)
}

fn en_compliance_intro(a: (String, String, usize)) -> String {
    format!("{} to {}, {} branches, most behind first", a.0, a.1, a.2)
}

fn zh_required_held(a: (i64, i64)) -> String {
    format!("应开 {} 已开 {}", a.0, a.1)
}

fn en_required_held(a: (i64, i64)) -> String {
    format!("required {}, held {}", a.0, a.1)
}

fn zh_attendance_rate(a: i64) -> String {
    format!("出席率 {}%", a)
}

fn en_attendance_rate(a: i64) -> String {
    format!("attendance {}%", a)
}

fn zh_missing(a: String) -> String {
    format!("缺：{}", a)
}

fn en_missing(a: String) -> String {
    format!("missing: {}", a)
}

fn zh_member_attendance_line(a: (i64, i64, i64)) -> String {
    format!("应参加 {} 次，参加 {} 次，请假 {} 次", a.0, a.1, a.2)
}

fn en_member_attendance_line(a: (i64, i64, i64)) -> String {
    format!("expected {}, attended {}, on leave {}", a.0, a.1, a.2)
}

/// The texts in the language of `texts` (the app-wide choice).
pub fn of(texts: &Texts) -> &'static FeatureTexts {
    if texts.lang_code == "en" { &EN } else { &ZH }
}
