//! 党费电子收据: one payment as a PDF the member can keep.

use chrono::NaiveDate;
use shared::api::dues::PaymentView;

use crate::documents::pdf::typst_string;

fn months(p: &PaymentView) -> String {
    match (&p.first_month, &p.last_month) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} 至 {b}"),
        _ => "—（自愿多交）".into(),
    }
}

pub fn pdf(p: &PaymentView, today: NaiveDate) -> Result<Vec<u8>, String> {
    let mut rows = vec![
        ("收据编号", p.receipt_number.clone()),
        ("交纳人", p.person_name.clone()),
        ("所在党组织", p.org_name.clone()),
        ("交纳月份", months(p)),
        ("党费", format!("{} 元", p.dues)),
        ("自愿多交", format!("{} 元", p.voluntary)),
        ("合计", format!("{} 元", p.amount)),
        ("交纳方式", p.method_label.clone()),
        ("交纳日期", p.paid_on.to_string()),
    ];
    if p.remit_central {
        rows.push(("说明", "一次性自愿交纳 1000 元以上，全额上缴中央".into()));
    }
    if p.unallocated != "0.00" {
        rows.push(("待退款", format!("{} 元（所涉月份已另行交纳）", p.unallocated)));
    }
    let cells: String = rows.iter().map(|(k, v)| format!("[*{k}*], {}, ", typst_string(v))).collect();
    let markup = format!(
        r##"#set page(paper: "a5", flipped: true, margin: (x: 1.5cm, y: 1.4cm))
#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC"), size: 10.5pt, lang: "zh", region: "cn")
#align(center, text(size: 18pt, weight: "bold", fill: rgb("#c0392b"), "党费电子收据"))
#v(6pt)
#table(columns: (auto, 1fr), inset: 6pt, stroke: 0.5pt + rgb("#999999"), {cells})
#v(6pt)
#text(size: 9pt, fill: rgb("#666666"), {footer})
"##,
        footer = typst_string(&format!("本收据由智慧党建平台生成（{today}），凭收据编号可在平台核对。")),
    );
    crate::documents::pdf::render(&markup, today)
}
