//! Texts of Member development (发展党员): the pipeline, cases, steps, the branch meeting.

use super::Texts;

/// Plain texts, and the sentences with numbers or names in them as functions.
#[derive(Debug)]
pub struct FeatureTexts {
    pub my_application: &'static str,
    pub apply: &'static str,
    pub applied_on: &'static str,
    pub no_application: &'static str,
    pub pipeline: &'static str,
    pub due_talks: &'static str,
    pub ready: &'static str,
    pub overdue: &'static str,
    pub awaiting: &'static str,
    pub only_overdue: &'static str,
    pub none: &'static str,
    pub next: &'static str,
    pub blocked: &'static str,
    pub submit_step: &'static str,
    pub approve: &'static str,
    pub send_back: &'static str,
    pub comment: &'static str,
    pub history: &'static str,
    pub timeline: &'static str,
    pub due: &'static str,
    pub finished: &'static str,
    pub meeting: &'static str,
    pub entitled: &'static str,
    pub present: &'static str,
    pub yes: &'static str,
    pub record_votes: &'static str,
    pub no_candidates: &'static str,
    pub votes_required: &'static str,
    pub warning: &'static str,
    pub calendar_title: &'static str,
    pub calendar_bad_date: &'static str,
    pub calendar_day: &'static str,
    pub calendar_kind: &'static str,
    pub calendar_holiday: &'static str,
    pub calendar_workday: &'static str,
    pub calendar_normal: &'static str,
    pub calendar_note: &'static str,
    pub calendar_save: &'static str,
    pub calendar_tentative: &'static str,
    pub calendar_saved: fn(String) -> String,
    pub calendar_year: fn(i32) -> String,
    pub calendar_year_counts: fn((usize, usize, String)) -> String,
    pub overdue_tag: &'static str,
    pub persons_placeholder: &'static str,
    pub bad_date: &'static str,
    pub meeting_date_required: &'static str,
    pub vote_passed: &'static str,
    pub vote_failed: &'static str,
    pub reject: &'static str,
    pub step_no: fn(i32) -> String,
    pub again_from: fn(String) -> String,
    pub deadline: fn(String) -> String,
    pub waiting_until: fn(String) -> String,
    pub next_step: fn((&'static str, i32, String)) -> String,
    pub step_heading: fn((i32, String)) -> String,
    pub stage_names: [&'static str; 5],
}

pub static ZH: FeatureTexts = FeatureTexts {
    my_application: "我的入党申请",
    apply: "递交入党申请书",
    applied_on: "递交日期",
    no_application: "您还没有递交入党申请。",
    pipeline: "发展党员工作",
    due_talks: "待谈话",
    ready: "培养期满",
    overdue: "已超期",
    awaiting: "待党委办理",
    only_overdue: "只看超期",
    none: "没有正在进行的发展流程",
    next: "下一步",
    blocked: "暂不能办理",
    submit_step: "提交",
    approve: "同意",
    send_back: "退回",
    comment: "意见",
    history: "办理记录",
    timeline: "发展进程",
    due: "办理期限",
    finished: "流程已结束",
    meeting: "支部大会表决",
    entitled: "应到有表决权人数",
    present: "实到有表决权人数",
    yes: "赞成票",
    record_votes: "记录表决结果",
    no_candidates: "没有待支部大会讨论的人员",
    votes_required: "请至少填写一名人员的赞成票数",
    warning: "提示",
    calendar_title: "工作日历（公示期按此计算）",
    calendar_bad_date: "请填写有效的日期",
    calendar_day: "日期",
    calendar_kind: "类型",
    calendar_holiday: "放假",
    calendar_workday: "调休上班",
    calendar_normal: "恢复默认",
    calendar_note: "说明",
    calendar_save: "保存",
    calendar_tentative: "暂定",
    calendar_saved: zh_calendar_saved,
    calendar_year: zh_calendar_year,
    calendar_year_counts: zh_calendar_year_counts,
    overdue_tag: "超期",
    persons_placeholder: "人员编号，以逗号分隔",
    bad_date: "日期格式应为 YYYY-MM-DD",
    meeting_date_required: "请填写会议日期",
    vote_passed: "通过",
    vote_failed: "未通过",
    reject: "不予通过",
    step_no: zh_step_no,
    again_from: zh_again_from,
    deadline: zh_deadline,
    waiting_until: zh_waiting_until,
    next_step: zh_next_step,
    step_heading: zh_step_heading,
    stage_names: ["申请入党", "积极分子培养", "发展对象考察", "预备党员接收", "教育考察和转正"],
};

pub static EN: FeatureTexts = FeatureTexts {
    my_application: "My application",
    apply: "Submit my application",
    applied_on: "Date",
    no_application: "You have not applied yet.",
    pipeline: "Development pipeline",
    due_talks: "Talks due",
    ready: "Ready",
    overdue: "Overdue",
    awaiting: "Awaiting committee",
    only_overdue: "Overdue only",
    none: "No cases in progress",
    next: "Next step",
    blocked: "Not yet possible",
    submit_step: "Submit",
    approve: "Approve",
    send_back: "Return",
    comment: "Comment",
    history: "History",
    timeline: "Progress",
    due: "Due",
    finished: "Finished",
    meeting: "Branch meeting vote",
    entitled: "Entitled to vote",
    present: "Present",
    yes: "Yes votes",
    record_votes: "Record the votes",
    no_candidates: "Nobody awaits a branch meeting",
    votes_required: "Enter the yes votes of at least one person",
    warning: "Note",
    calendar_title: "Working-day calendar (公示 periods are counted with it)",
    calendar_bad_date: "Please enter a valid date",
    calendar_day: "Date",
    calendar_kind: "Kind",
    calendar_holiday: "Holiday",
    calendar_workday: "Working day (swapped)",
    calendar_normal: "Back to default",
    calendar_note: "Note",
    calendar_save: "Save",
    calendar_tentative: "Tentative",
    calendar_saved: en_calendar_saved,
    calendar_year: en_calendar_year,
    calendar_year_counts: en_calendar_year_counts,
    overdue_tag: "Overdue",
    persons_placeholder: "Person ids, separated by commas",
    bad_date: "Dates are written YYYY-MM-DD",
    meeting_date_required: "Please enter the meeting date",
    vote_passed: "passed",
    vote_failed: "not passed",
    reject: "Reject",
    step_no: en_step_no,
    again_from: en_again_from,
    deadline: en_deadline,
    waiting_until: en_waiting_until,
    next_step: en_next_step,
    step_heading: en_step_heading,
    stage_names: ["Application", "Activist training", "Candidate review", "Admission", "Probation"],
};

fn zh_calendar_saved(a: String) -> String {
    format!("已保存：{}", a)
}

fn en_calendar_saved(a: String) -> String {
    format!("Saved: {}", a)
}

fn zh_calendar_year(a: i32) -> String {
    format!("{} 年", a)
}

fn en_calendar_year(a: i32) -> String {
    format!("{}", a)
}

fn zh_calendar_year_counts(a: (usize, usize, String)) -> String {
    format!("放假 {} 天，调休上班 {} 天 · {}", a.0, a.1, a.2)
}

fn en_calendar_year_counts(a: (usize, usize, String)) -> String {
    format!("{} holidays, {} swapped working days · {}", a.0, a.1, a.2)
}

fn zh_step_no(a: i32) -> String {
    format!("第{}步", a)
}

fn en_step_no(a: i32) -> String {
    format!("Step {}", a)
}

fn zh_again_from(a: String) -> String {
    format!(" · {} 起可再次办理", a)
}

fn en_again_from(a: String) -> String {
    format!(" · may continue from {}", a)
}

fn zh_deadline(a: String) -> String {
    format!(" · 期限 {}", a)
}

fn en_deadline(a: String) -> String {
    format!(" · due {}", a)
}

fn zh_waiting_until(a: String) -> String {
    format!("：{} 起可再次办理", a)
}

fn en_waiting_until(a: String) -> String {
    format!(": may continue from {}", a)
}

fn zh_next_step(a: (&'static str, i32, String)) -> String {
    format!("{}：第{}步 {}", a.0, a.1, a.2)
}

fn en_next_step(a: (&'static str, i32, String)) -> String {
    format!("{}: step {} {}", a.0, a.1, a.2)
}

fn zh_step_heading(a: (i32, String)) -> String {
    format!("第{}步 {}", a.0, a.1)
}

fn en_step_heading(a: (i32, String)) -> String {
    format!("Step {} {}", a.0, a.1)
}

/// The texts in the language of `texts` (the app-wide choice).
pub fn of(texts: &Texts) -> &'static FeatureTexts {
    if texts.lang_code == "en" { &EN } else { &ZH }
}
