//! Texts of 整建制转接 (a branch or party group transferred as one batch): starting one and the
//! batch's page with the step done for all its cases. The fields, pickers and step form share
//! their words with one case (`transfers::FormTexts`, `transfer_case::CaseTexts`).

use super::Texts;

#[derive(Debug)]
pub struct BatchTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub officials_only: &'static str,
    pub from_branch: &'static str,
    pub pick_org: &'static str,
    pub scope: &'static str,
    pub whole_branch: fn(&str) -> String,
    pub all_members: fn(Option<i64>) -> String,
    pub group_hint: &'static str,
    pub within_hint: &'static str,
    pub out_hint: &'static str,
    pub reason_hint: &'static str,
    pub submit: &'static str,
    pub confirm_title: &'static str,
    pub confirm: fn(&str, Option<i64>, &str, &str) -> String,
    pub confirm_button: &'static str,
    pub count: fn(usize) -> String,
    pub people: &'static str,
    pub progress: &'static str,
    pub progress_counts: fn(usize, usize, usize) -> String,
    pub members: &'static str,
    pub step_of: fn(i32, &str) -> String,
    pub none: &'static str,
    pub letter_pdf: &'static str,
    pub waiting: fn(&str) -> String,
    pub act_heading: fn(i32, &str) -> String,
    pub act_intro: fn(usize) -> String,
    pub approve_all: &'static str,
    pub accept_all: &'static str,
    pub submit_all: &'static str,
    pub reject_all: &'static str,
    pub reject_question: fn(usize) -> String,
    pub reject_confirm: &'static str,
}

fn zh_confirm(org: &str, count: Option<i64>, kind: &str, to: &str) -> String {
    let who = match count {
        Some(n) => format!("全部 {n} 名在册党员"),
        None => "全部在册党员".to_string(),
    };
    format!("将为“{org}”{who}发起{kind}，转往“{to}”：每名党员一件，之后可在整批页面一并审批。确认发起吗？")
}

fn en_confirm(org: &str, count: Option<i64>, kind: &str, to: &str) -> String {
    let who = match count {
        Some(n) => format!("all {n} members"),
        None => "every member".to_string(),
    };
    format!(
        "This starts a transfer ({kind}) to “{to}” for {who} of “{org}”: one case each, approved together on the batch page. Start it?"
    )
}

pub static BATCH_ZH: BatchTexts = BatchTexts {
    title: "整建制转接",
    intro: "党支部或党小组整体调整时，为其全部在册党员一并发起转接：每人一件，可整批审批，转出本单位的开具一份介绍信并附名单。",
    officials_only: "只有党支部、党委和政工部门可以办理整建制转接",
    from_branch: "转出党支部",
    pick_org: "请选择转出的党支部",
    scope: "转接范围",
    whole_branch: |name| format!("整个党支部（{name}）"),
    all_members: |n| match n {
        Some(n) => format!("全部 {n} 名在册党员"),
        None => "全部在册党员".to_string(),
    },
    group_hint: "该党小组的全部在册党员",
    within_hint: "整体调整到本单位其他党支部，由接收党支部接收",
    out_hint: "整体划出本单位，由党委开具一份组织关系介绍信并附名单",
    reason_hint: "如：机构调整，××处整体划转至××局",
    submit: "发起整建制转接",
    confirm_title: "确认发起整建制转接",
    confirm: zh_confirm,
    confirm_button: "确认发起",
    count: |n| format!("共 {n} 名党员"),
    people: "人数",
    progress: "办理情况",
    progress_counts: |open, done, ended| format!("办理中 {open} · 已办结 {done} · 未通过或终止 {ended}"),
    members: "本批党员",
    step_of: |n, name| format!("第{n}步 {name}"),
    none: "没有找到这批转接，或您无权查看",
    letter_pdf: "下载介绍信（含名单，PDF）",
    waiting: |awaiting| format!("本批正在办理：{awaiting}"),
    act_heading: |n, name| format!("整批办理：第{n}步 {name}"),
    act_intro: |n| {
        format!("本批有 {n} 件处于此步，将一并办理；其中任何一件不能办理（如有党员党费未交清）时，整批都不办理。")
    },
    approve_all: "全部同意",
    accept_all: "全部确认接收",
    submit_all: "全部提交",
    reject_all: "全部不予通过",
    reject_question: |n| format!("对本批 {n} 件转接全部不予通过？"),
    reject_confirm: "确认全部不予通过",
};

pub static BATCH_EN: BatchTexts = BatchTexts {
    title: "Whole branch transfer",
    intro: "When a branch or party group moves as a whole, start a transfer for all its members at once: one case each, approved together; leaving the institution, one letter with a list.",
    officials_only: "Only branches, committees and the department move a whole branch",
    from_branch: "Branch",
    pick_org: "Choose the branch",
    scope: "Who goes",
    whole_branch: |name| format!("The whole branch ({name})"),
    all_members: |n| match n {
        Some(n) => format!("all {n} members"),
        None => "every member".to_string(),
    },
    group_hint: "every member of the party group",
    within_hint: "To another branch of the institution, which accepts them",
    out_hint: "Leaving the institution; the committee issues one letter with a list",
    reason_hint: "e.g. the office moves to another department",
    submit: "Start the whole branch transfer",
    confirm_title: "Start the whole branch transfer?",
    confirm: en_confirm,
    confirm_button: "Start",
    count: |n| format!("{n} member(s)"),
    people: "Members",
    progress: "Progress",
    progress_counts: |open, done, ended| format!("{open} open · {done} done · {ended} refused or ended"),
    members: "The members",
    step_of: |n, name| format!("step {n}: {name}"),
    none: "No such batch, or you may not see it",
    letter_pdf: "Download the letter with the list (PDF)",
    waiting: |awaiting| format!("Now: {awaiting}"),
    act_heading: |n, name| format!("For the whole batch: step {n}, {name}"),
    act_intro: |n| {
        format!("{n} case(s) are at this step and are done together; if any one cannot be (dues owed …), none is.")
    },
    approve_all: "Approve all",
    accept_all: "Accept all",
    submit_all: "Submit for all",
    reject_all: "Refuse all",
    reject_question: |n| format!("Refuse all {n} transfers of the batch?"),
    reject_confirm: "Refuse all",
};

pub fn batch_of(texts: &Texts) -> &'static BatchTexts {
    if texts.lang_code == "en" { &BATCH_EN } else { &BATCH_ZH }
}
