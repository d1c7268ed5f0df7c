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
pub(super) fn zh_month(month: &str) -> String {
    match month.split_once('-') {
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
        None => month.to_string(),
    }
}

pub(super) fn en_month(month: &str) -> String {
    month.to_string()
}

pub(super) fn zh_yuan(amount: &str) -> String {
    format!("{amount} 元")
}

pub(super) fn en_yuan(amount: &str) -> String {
    format!("¥{amount}")
}

pub fn of(texts: &Texts) -> &'static FeatureTexts {
    if texts.lang_code == "en" { &EN } else { &ZH }
}

pub use super::dues_cases::*;
