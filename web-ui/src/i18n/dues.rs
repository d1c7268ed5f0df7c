//! Texts of party dues: my dues and paying, one member's dues for the branch, the ledger and
//! the collection report (`FeatureTexts`); 减免党费 (`ReductionTexts`) and the base declaration
//! import (`ImportTexts`) apart, so that an area carries only the texts it shows.

use super::Texts;

#[derive(Debug)]
pub struct FeatureTexts {
    pub my_dues: &'static str,
    pub standard: &'static str,
    pub category: &'static str,
    pub base: &'static str,
    pub monthly: &'static str,
    pub effective_month: &'static str,
    pub confirm: &'static str,
    pub confirmed: &'static str,
    pub unconfirmed: &'static str,
    pub no_base: &'static str,
    pub arrears: fn(u32) -> String,
    pub owed: &'static str,
    pub pay: &'static str,
    pub pay_through: &'static str,
    pub option: fn(&str, u32, &str) -> String,
    pub voluntary: &'static str,
    pub total: &'static str,
    pub pay_now: &'static str,
    pub online_unavailable: &'static str,
    pub nothing_due: &'static str,
    pub too_far_behind: &'static str,
    pub order_waiting: &'static str,
    pub order_paid: &'static str,
    pub order_open: &'static str,
    pub months: &'static str,
    pub paid: &'static str,
    pub unpaid: &'static str,
    pub excused: &'static str,
    pub payable: &'static str,
    pub paid_amount: &'static str,
    pub paid_on: &'static str,
    pub reduced: &'static str,
    pub payments: &'static str,
    pub receipt: &'static str,
    pub no_months: &'static str,
    pub no_payments: &'static str,
    pub remit_central: &'static str,
    pub to_refund: &'static str,
    pub bases: &'static str,
    pub record_payment: &'static str,
    pub method: &'static str,
    pub cash: &'static str,
    pub transfer: &'static str,
    pub voluntary_only: &'static str,
    pub note: &'static str,
    pub record: &'static str,
    pub payment_confirm: fn(&str, Option<&str>, &str, &str) -> String,
    pub payment_saved: fn(&str) -> String,
    pub edit_base: &'static str,
    pub preview: &'static str,
    pub save: &'static str,
    pub base_saved: &'static str,
    pub quarterly: &'static str,
    pub quarterly_hint: &'static str,
    pub record_reason: &'static str,
    pub reason: &'static str,
    pub reason_hint: &'static str,
    pub ledger: &'static str,
    pub month: &'static str,
    pub all: &'static str,
    pub arrears_filter: &'static str,
    pub name: &'static str,
    pub search: &'static str,
    pub rate: &'static str,
    pub unpaid_people: &'static str,
    pub unpaid_entries: &'static str,
    pub org: &'static str,
    pub behind: &'static str,
    pub no_rows: &'static str,
    pub statement: &'static str,
    pub collection: &'static str,
    pub this_month: &'static str,
    pub this_quarter: &'static str,
    pub this_year: &'static str,
    pub up: &'static str,
    pub voluntary_total: &'static str,
    pub no_children: &'static str,
    pub open_ledger: &'static str,
    pub back_to_ledger: &'static str,
    pub reductions: &'static str,
    pub imports: &'static str,
    pub month_label: fn(&str) -> String,
    pub yuan: fn(&str) -> String,
}

pub static ZH: FeatureTexts = FeatureTexts {
    my_dues: "我的党费",
    standard: "当前标准",
    category: "党费类别",
    base: "计算基数（元）",
    monthly: "每月应交",
    effective_month: "生效月份",
    confirm: "确认无误",
    confirmed: "已确认",
    unconfirmed: "待本人确认",
    no_base: "尚未登记党费基数，请联系党支部",
    arrears: zh_arrears,
    owed: "目前应交",
    pay: "交纳党费",
    pay_through: "交至月份",
    option: zh_option,
    voluntary: "自愿多交（元，可不填）",
    total: "合计",
    pay_now: "去支付",
    online_unavailable: "在线支付尚未开通，请向党支部交纳",
    nothing_due: "目前没有应交的党费",
    too_far_behind: "欠交月份超过可补交的期限，请联系党支部研究处理",
    order_waiting: "正在确认支付结果…",
    order_paid: "支付成功，党费已记入",
    order_open: "尚未收到支付结果；如已付款，请稍后刷新",
    months: "按月记录",
    paid: "已交",
    unpaid: "未交",
    excused: "已说明",
    payable: "应交",
    paid_amount: "实交",
    paid_on: "交纳日期",
    reduced: "减免",
    payments: "交纳明细",
    receipt: "收据",
    no_months: "暂无按月记录",
    no_payments: "暂无交纳记录",
    remit_central: "上缴中央",
    to_refund: "待退还",
    bases: "基数记录",
    record_payment: "登记交纳",
    method: "交纳方式",
    cash: "现金",
    transfer: "银行转账",
    voluntary_only: "仅自愿多交",
    note: "备注",
    record: "登记",
    payment_confirm: zh_payment_confirm,
    payment_saved: zh_payment_saved,
    edit_base: "修改基数",
    preview: "按现行标准每月应交",
    save: "保存",
    base_saved: "基数已保存，待党员本人确认",
    quarterly: "同意按季度交纳",
    quarterly_hint: "经党支部同意，可按季度交纳，最多预交至本季度末",
    record_reason: "记录原因",
    reason: "未交原因",
    reason_hint: "如：外出联系不上、经支部研究暂缓交纳",
    ledger: "党费台账",
    month: "月份",
    all: "全部",
    arrears_filter: "欠交3个月以上",
    name: "姓名",
    search: "查询",
    rate: "收缴率",
    unpaid_people: "未交人数",
    unpaid_entries: "未交人次",
    org: "所在组织",
    behind: "欠交月数",
    no_rows: "没有符合条件的党员",
    statement: "年度收缴情况表",
    collection: "党费收缴情况",
    this_month: "本月",
    this_quarter: "本季度",
    this_year: "本年",
    up: "返回上级",
    voluntary_total: "自愿多交",
    no_children: "没有下级组织",
    open_ledger: "查看台账",
    back_to_ledger: "返回台账",
    reductions: "减免审批",
    imports: "基数申报导入",
    month_label: zh_month,
    yuan: zh_yuan,
};

pub static EN: FeatureTexts = FeatureTexts {
    my_dues: "My party dues",
    standard: "Current standard",
    category: "Category",
    base: "Base (yuan)",
    monthly: "Monthly dues",
    effective_month: "From month",
    confirm: "Confirm",
    confirmed: "Confirmed",
    unconfirmed: "Awaiting the member's confirmation",
    no_base: "No dues base on record yet; please ask your branch",
    arrears: en_arrears,
    owed: "Owed now",
    pay: "Pay dues",
    pay_through: "Pay through",
    option: en_option,
    voluntary: "Voluntary extra (yuan, optional)",
    total: "Total",
    pay_now: "Pay now",
    online_unavailable: "Online payment is not available yet; please pay your branch",
    nothing_due: "Nothing is owed at the moment",
    too_far_behind: "More months are owed than may be paid late; please ask your branch",
    order_waiting: "Confirming the payment…",
    order_paid: "Paid, the dues are recorded",
    order_open: "No payment result yet; if you have paid, refresh in a moment",
    months: "Months",
    paid: "Paid",
    unpaid: "Unpaid",
    excused: "Explained",
    payable: "Payable",
    paid_amount: "Paid",
    paid_on: "Paid on",
    reduced: "Reduced",
    payments: "Payments",
    receipt: "Receipt",
    no_months: "No months yet",
    no_payments: "No payments yet",
    remit_central: "To the Central Committee",
    to_refund: "to refund",
    bases: "Bases on record",
    record_payment: "Record a payment",
    method: "Method",
    cash: "Cash",
    transfer: "Bank transfer",
    voluntary_only: "Voluntary only",
    note: "Note",
    record: "Record",
    payment_confirm: en_payment_confirm,
    payment_saved: en_payment_saved,
    edit_base: "Change the base",
    preview: "Monthly dues at the current standard",
    save: "Save",
    base_saved: "Base saved; the member is asked to confirm it",
    quarterly: "May pay by the quarter",
    quarterly_hint: "With the branch's consent a member may pay up to the end of the quarter",
    record_reason: "Record a reason",
    reason: "Why unpaid",
    reason_hint: "e.g. away and unreachable, deferred by the branch",
    ledger: "Dues ledger",
    month: "Month",
    all: "All",
    arrears_filter: "3+ months behind",
    name: "Name",
    search: "Search",
    rate: "Rate",
    unpaid_people: "Unpaid",
    unpaid_entries: "Unpaid (member-months)",
    org: "Organisation",
    behind: "Months behind",
    no_rows: "No members match",
    statement: "Yearly statement",
    collection: "Dues collection",
    this_month: "This month",
    this_quarter: "This quarter",
    this_year: "This year",
    up: "Up one level",
    voluntary_total: "Voluntary",
    no_children: "No organisations below",
    open_ledger: "Open the ledger",
    back_to_ledger: "Back to the ledger",
    reductions: "Reductions",
    imports: "Import bases",
    month_label: en_month,
    yuan: en_yuan,
};

fn zh_arrears(n: u32) -> String {
    format!("已有 {n} 个月未交纳党费，请尽快补交")
}

fn en_arrears(n: u32) -> String {
    format!("{n} months unpaid: please pay soon")
}

fn zh_option(month: &str, months: u32, amount: &str) -> String {
    format!("交至 {}（{months} 个月，{amount} 元）", zh_month(month))
}

fn en_option(month: &str, months: u32, amount: &str) -> String {
    format!("through {month} ({months} months, ¥{amount})")
}

fn zh_payment_confirm(name: &str, through: Option<&str>, amount: &str, method: &str) -> String {
    let through = through.map(|m| format!("交纳党费至 {}", zh_month(m))).unwrap_or_else(|| "自愿多交".into());
    format!("确认登记 {name} {through}，合计 {amount} 元（{method}）？")
}

fn en_payment_confirm(name: &str, through: Option<&str>, amount: &str, method: &str) -> String {
    let through = through.map(|m| format!(" through {m}")).unwrap_or_else(|| " (voluntary only)".into());
    format!("Record a payment by {name}{through}, ¥{amount} in total ({method})?")
}

fn zh_payment_saved(receipt: &str) -> String {
    format!("已登记，收据号 {receipt}")
}

fn en_payment_saved(receipt: &str) -> String {
    format!("Recorded, receipt {receipt}")
}

/// `2026-11` → `2026年11月`.
fn zh_month(month: &str) -> String {
    match month.split_once('-') {
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
        None => month.to_string(),
    }
}

fn en_month(month: &str) -> String {
    month.to_string()
}

fn zh_yuan(amount: &str) -> String {
    format!("{amount} 元")
}

fn en_yuan(amount: &str) -> String {
    format!("¥{amount}")
}

pub fn of(texts: &Texts) -> &'static FeatureTexts {
    if texts.lang_code == "en" { &EN } else { &ZH }
}

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
