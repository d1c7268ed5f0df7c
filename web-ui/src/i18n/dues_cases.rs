//! Texts of the dues cases: 减免党费 (`ReductionTexts`) and the base declaration import
//! (`ImportTexts`), apart from `dues::FeatureTexts` so that an area carries only what it shows.

use super::Texts;
use super::dues::zh_month;

/// 减免党费: applying (the member, or the branch for them), the cases, deciding them.
#[derive(Debug)]
pub struct ReductionTexts {
    pub title: &'static str,
    pub apply: &'static str,
    pub apply_for: &'static str,
    pub kind: &'static str,
    pub reduce: &'static str,
    pub exempt: &'static str,
    pub monthly: &'static str,
    pub standard_hint: fn(&str) -> String,
    pub first_month: &'static str,
    pub last_month: &'static str,
    pub reason: &'static str,
    pub reason_hint: &'static str,
    pub submit: &'static str,
    pub submitted: &'static str,
    pub open_case: &'static str,
    pub no_cases: &'static str,
    pub approved: &'static str,
    pub rejected: &'static str,
    pub history: &'static str,
    pub hide_history: &'static str,
    pub amount: fn(&str, &str, &str) -> String,
    pub months: fn(&str, Option<&str>) -> String,
    pub decisions: &'static str,
    pub open_only: &'static str,
    pub include_finished: &'static str,
    pub comment: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reject_needs_reason: &'static str,
    pub confirm: fn(bool, &str, &str) -> String,
    pub no_open: &'static str,
    pub back_to_ledger: &'static str,
    pub collection: &'static str,
}

pub static REDUCTION_ZH: ReductionTexts = ReductionTexts {
    title: "减免党费",
    apply: "申请减免",
    apply_for: "代党员申请减免",
    kind: "减免方式",
    reduce: "减交",
    exempt: "免交",
    monthly: "减交后每月金额（元）",
    standard_hint: zh_standard_hint,
    first_month: "起始月份",
    last_month: "截止月份（可不填）",
    reason: "申请理由",
    reason_hint: "如：本人患重病长期治疗，家庭收入锐减",
    submit: "提交申请",
    submitted: "申请已提交，等待党支部研究",
    open_case: "已有正在办理的减免申请，办结后才能再次申请",
    no_cases: "暂无减免申请",
    approved: "已批准",
    rejected: "不予批准",
    history: "办理记录",
    hide_history: "收起办理记录",
    amount: zh_amount,
    months: zh_months,
    decisions: "减免党费审批",
    open_only: "办理中",
    include_finished: "含已办结",
    comment: "审批意见（不同意时必填）",
    approve: "同意",
    reject: "不同意",
    reject_needs_reason: "请填写不同意的理由",
    confirm: zh_confirm,
    no_open: "没有办理中的减免申请",
    back_to_ledger: "返回台账",
    collection: "党费收缴情况",
};

pub static REDUCTION_EN: ReductionTexts = ReductionTexts {
    title: "Reduced or waived dues",
    apply: "Apply for a reduction",
    apply_for: "Apply on the member's behalf",
    kind: "Kind",
    reduce: "Reduce",
    exempt: "Waive",
    monthly: "Monthly amount after the reduction (yuan)",
    standard_hint: en_standard_hint,
    first_month: "From month",
    last_month: "Until month (optional)",
    reason: "Reason",
    reason_hint: "e.g. long illness, household income fell sharply",
    submit: "Submit",
    submitted: "Submitted; the branch will study it",
    open_case: "An application is in progress; apply again once it is decided",
    no_cases: "No applications",
    approved: "Approved",
    rejected: "Not approved",
    history: "History",
    hide_history: "Hide the history",
    amount: en_amount,
    months: en_months,
    decisions: "Reduction applications",
    open_only: "In progress",
    include_finished: "Include decided",
    comment: "Comment (required to refuse)",
    approve: "Approve",
    reject: "Refuse",
    reject_needs_reason: "Please give the reason for refusing",
    confirm: en_confirm,
    no_open: "No applications in progress",
    back_to_ledger: "Back to the ledger",
    collection: "Dues collection",
};

fn zh_standard_hint(standard: &str) -> String {
    format!("现行标准每月 {standard} 元，减交后的金额须低于现行标准")
}

fn en_standard_hint(standard: &str) -> String {
    format!("The current standard is ¥{standard} a month; the reduced amount must be lower")
}

fn zh_amount(kind: &str, monthly: &str, standard: &str) -> String {
    if kind == "exempt" {
        format!("免交（现行标准每月 {standard} 元）")
    } else {
        format!("减交为每月 {monthly} 元（现行标准每月 {standard} 元）")
    }
}

fn en_amount(kind: &str, monthly: &str, standard: &str) -> String {
    if kind == "exempt" {
        format!("Waived (standard ¥{standard} a month)")
    } else {
        format!("¥{monthly} a month (standard ¥{standard})")
    }
}

fn zh_months(first: &str, last: Option<&str>) -> String {
    match last {
        Some(last) => format!("{}至{}", zh_month(first), zh_month(last)),
        None => format!("{}起", zh_month(first)),
    }
}

fn en_months(first: &str, last: Option<&str>) -> String {
    match last {
        Some(last) => format!("{first} to {last}"),
        None => format!("from {first}"),
    }
}

fn zh_confirm(approve: bool, name: &str, step: &str) -> String {
    format!("确认{}{name}的减免党费申请（{step}）？", if approve { "同意" } else { "不同意" })
}

fn en_confirm(approve: bool, name: &str, step: &str) -> String {
    format!("{} {name}'s application ({step})?", if approve { "Approve" } else { "Refuse" })
}

pub fn reductions_of(texts: &Texts) -> &'static ReductionTexts {
    if texts.lang_code == "en" { &REDUCTION_EN } else { &REDUCTION_ZH }
}

/// 党费基数申报导入: the file, the preview, applying it.
#[derive(Debug)]
pub struct ImportTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub template: &'static str,
    pub choose_file: &'static str,
    pub choose_first: &'static str,
    pub too_large: &'static str,
    pub upload: &'static str,
    pub uploading: &'static str,
    pub preview: fn(&str) -> String,
    pub valid_rows: fn(i32) -> String,
    pub error_rows: fn(i32) -> String,
    pub line: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub base: &'static str,
    pub monthly: &'static str,
    pub effective_month: &'static str,
    pub problems: &'static str,
    pub ok: &'static str,
    pub line_label: fn(i64) -> String,
    pub shown: fn(usize, i32) -> String,
    pub apply: &'static str,
    pub applying: &'static str,
    pub confirm: fn(i32) -> String,
    pub applied: fn(i32) -> String,
    pub nothing_valid: &'static str,
    pub back_to_ledger: &'static str,
}

pub static IMPORT_ZH: ImportTexts = ImportTexts {
    title: "党费基数申报导入",
    hint: "每行一名党员：身份证号码（或工号）、姓名、党费类别、计算基数（元）、起始月份。请使用导入模板，文件不超过 10 MB。",
    template: "下载导入模板",
    choose_file: "选择文件（.xlsx 或 .csv）",
    choose_first: "请先选择要导入的文件",
    too_large: "文件超过 10 MB，请拆分后分别导入",
    upload: "上传并检查",
    uploading: "正在上传检查…",
    preview: zh_preview,
    valid_rows: zh_valid_rows,
    error_rows: zh_error_rows,
    line: "行号",
    name: "姓名",
    category: "类别",
    base: "基数（元）",
    monthly: "月交纳额（元）",
    effective_month: "起始月份",
    problems: "检查结果",
    ok: "可导入",
    line_label: zh_line,
    shown: zh_shown,
    apply: "导入",
    applying: "正在导入…",
    confirm: zh_import_confirm,
    applied: zh_applied,
    nothing_valid: "没有可导入的行，请修改文件后重新上传",
    back_to_ledger: "返回台账",
};

pub static IMPORT_EN: ImportTexts = ImportTexts {
    title: "Import dues bases",
    hint: "One member per line: ID card number (or employee number), name, category, base (yuan), from month. Use the template; at most 10 MB.",
    template: "Download the template",
    choose_file: "Choose a file (.xlsx or .csv)",
    choose_first: "Please choose a file first",
    too_large: "The file is larger than 10 MB; please split it",
    upload: "Upload and check",
    uploading: "Uploading and checking…",
    preview: en_preview,
    valid_rows: en_valid_rows,
    error_rows: en_error_rows,
    line: "Line",
    name: "Name",
    category: "Category",
    base: "Base (yuan)",
    monthly: "Monthly (yuan)",
    effective_month: "From month",
    problems: "Check",
    ok: "OK",
    line_label: en_line,
    shown: en_shown,
    apply: "Import",
    applying: "Importing…",
    confirm: en_import_confirm,
    applied: en_applied,
    nothing_valid: "No line can be imported; please correct the file and upload it again",
    back_to_ledger: "Back to the ledger",
};

fn zh_preview(file: &str) -> String {
    format!("检查结果：{file}")
}

fn en_preview(file: &str) -> String {
    format!("Checked: {file}")
}

fn zh_valid_rows(n: i32) -> String {
    format!("可导入 {n} 行")
}

fn en_valid_rows(n: i32) -> String {
    format!("{n} lines can be imported")
}

fn zh_error_rows(n: i32) -> String {
    format!("有错误 {n} 行")
}

fn en_error_rows(n: i32) -> String {
    format!("{n} lines with errors")
}

fn zh_line(line: i64) -> String {
    format!("第 {line} 行")
}

fn en_line(line: i64) -> String {
    format!("Line {line}")
}

fn zh_shown(shown: usize, total: i32) -> String {
    format!("共 {total} 行，显示前 {shown} 行（有错误的行在前）")
}

fn en_shown(shown: usize, total: i32) -> String {
    format!("{shown} of {total} lines shown (lines with errors first)")
}

fn zh_import_confirm(n: i32) -> String {
    format!("将为 {n} 名党员更新党费基数，有错误的行不会导入。确认导入？")
}

fn en_import_confirm(n: i32) -> String {
    format!("The dues base of {n} members will be updated; lines with errors are left out. Import?")
}

fn zh_applied(n: i32) -> String {
    format!("已导入：{n} 名党员的党费基数已更新")
}

fn en_applied(n: i32) -> String {
    format!("Imported: the dues base of {n} members is updated")
}

pub fn imports_of(texts: &Texts) -> &'static ImportTexts {
    if texts.lang_code == "en" { &IMPORT_EN } else { &IMPORT_ZH }
}
