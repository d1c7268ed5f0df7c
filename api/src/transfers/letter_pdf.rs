//! The letters as PDFs: the 《中国共产党党员组织关系介绍信》 一式三联 (存根 / 介绍信 / 回执) with
//! its 党费交至年月, 有效期 and dates in 大写 and a QR code that verifies it; and the 《党员证明信》
//! or 《流动党员活动证》 of a member away. Everything the member wrote is a typst string, never
//! markup.

use chrono::{Datelike, NaiveDate};
use shared::rules::daxie;

use super::models::LetterRow;
use crate::documents::pdf::{render, typst_string as s};
use crate::error::ApiError;
use crate::members::models::PersonRow;

/// What a letter shows besides its row.
pub struct LetterData<'a> {
    pub letter: &'a LetterRow,
    pub person: &'a PersonRow,
    pub from_org: &'a str,
    /// Where the QR code points (the public check of this letter).
    pub verify_url: &'a str,
    /// 整建制: everyone the letter covers, listed on a page of its own.
    pub list: &'a [PersonRow],
    pub today: NaiveDate,
}

fn age(birth: NaiveDate, on: NaiveDate) -> i32 {
    let years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) { years - 1 } else { years }
}

fn status_label(code: &str) -> &'static str {
    if code == "probationary" { "预备" } else { "正式" }
}

fn gender_label(code: &str) -> &'static str {
    if code == "female" { "女" } else { "男" }
}

fn qr(url: &str) -> Result<String, ApiError> {
    crate::documents::qr_svg(url, 160)
}

const PREAMBLE: &str = r#"#set page(paper: "a4", margin: (x: 18mm, y: 14mm))
#set text(font: ("Noto Serif CJK SC", "Noto Sans CJK SC"), size: 10.5pt, lang: "zh")
#set par(leading: 0.9em, justify: true)
#let cut = block(width: 100%, above: 8pt, below: 8pt)[#line(length: 100%, stroke: (dash: "dashed", thickness: 0.6pt)) #align(center)[#text(size: 8pt, fill: gray)[（骑缝章）]]]
#let title(t, n) = block(width: 100%, below: 8pt)[#align(center)[#text(size: 15pt, weight: "bold")[#t]] #align(right)[#text(size: 9.5pt)[#n]]]
"#;

/// The 介绍信 in three parts on one A4 page.
pub fn introduction(d: &LetterData) -> Result<Vec<u8>, ApiError> {
    let l = d.letter;
    let p = d.person;
    let paid = l.dues_paid_through.map(daxie::month).unwrap_or_else(|| "（无党费记录）".into());
    let days = (l.valid_until - l.issued_on).num_days() as u32 + 1;
    let validity = format!("{}（至{}）", daxie::days(days), daxie::date(l.valid_until));
    let number = format!("第 {} 号", l.letter_no);
    let age = age(p.birth_date, d.today);
    let status = status_label(&p.membership_status);
    let svg = qr(d.verify_url)?;
    let names = if d.list.len() > 1 { format!("{}等{}名", p.name, d.list.len()) } else { p.name.clone() };
    let markup = format!(
        r#"{PREAMBLE}
#title("中国共产党党员组织关系介绍信（存根）", {number})
#(s_name)同志系中共#(s_status)党员，组织关系由#(s_from)转到#(s_to)。
#grid(columns: (1fr, 1fr, 1fr), row-gutter: 6pt,
  [性别：#(s_gender)], [年龄：{age} 岁], [民族：#(s_ethnicity)],
  grid.cell(colspan: 3)[公民身份号码：#(s_id)],
  grid.cell(colspan: 3)[党费交至：#(s_paid)],
  grid.cell(colspan: 3)[有效期：#(s_validity)],
  grid.cell(colspan: 3)[开具日期：#(s_issued)],
)
#cut
#title("中国共产党党员组织关系介绍信", {number})
#(s_to)：

#h(2em)#(s_name)同志（#(s_gender)，{age} 岁，#(s_ethnicity)族），系中共#(s_status)党员，公民身份号码 #(s_id)，由#(s_from)去#(s_to)，请转接组织关系。

#h(2em)该同志党费已交到#(s_paid)。

#h(2em)（有效期 #(s_validity)）
#grid(columns: (1fr, auto), column-gutter: 12pt,
  align(bottom)[#text(size: 8.5pt, fill: gray)[扫码核验本介绍信的有效期与开具单位]],
  image(bytes({svg}), format: "svg", width: 26mm),
)
#align(right)[#(s_issuer)（盖章） \ #(s_issued)]
#cut
#title("中国共产党党员组织关系介绍信回执", {number})
#(s_issuer)：

#h(2em)#(s_name)同志的党员组织关系已转达我处，特此回复。

#align(right)[接收党组织（盖章） \ #h(6em)年#h(2em)月#h(2em)日]
{list}"#,
        number = s(&number),
        svg = s(&svg),
        list = list_page(d),
    );
    let values = [
        ("s_name", names.as_str()),
        ("s_status", status),
        ("s_from", d.from_org),
        ("s_to", l.addressee.as_str()),
        ("s_gender", gender_label(&p.gender)),
        ("s_ethnicity", p.ethnicity.as_str()),
        ("s_id", p.id_card_number.as_str()),
        ("s_paid", paid.as_str()),
        ("s_validity", validity.as_str()),
        ("s_issued", &daxie::date(l.issued_on)),
        ("s_issuer", l.issuer.as_str()),
    ];
    typeset(&markup, &values, d.today)
}

/// 整建制: a page listing everyone the letter covers.
fn list_page(d: &LetterData) -> String {
    if d.list.len() < 2 {
        return String::new();
    }
    let mut rows = String::new();
    for (i, p) in d.list.iter().enumerate() {
        rows.push_str(&format!(
            "[{}], [#({})], [{}], [{}], [{}], [#({})],\n",
            i + 1,
            s(&p.name),
            gender_label(&p.gender),
            age(p.birth_date, d.today),
            status_label(&p.membership_status),
            s(&p.id_card_number),
        ));
    }
    format!(
        "#pagebreak()\n#title(\"整建制转接人员名单\", {number})\n#table(columns: (auto, 1fr, auto, auto, auto, 2fr), [序号], [姓名], [性别], [年龄], [类别], [公民身份号码],\n{rows})\n",
        number = s(&format!("第 {} 号（共 {} 人）", d.letter.letter_no, d.list.len())),
    )
}

/// The 党员证明信 or 流动党员活动证 of a member away.
pub fn flow_document(d: &LetterData) -> Result<Vec<u8>, ApiError> {
    let l = d.letter;
    let p = d.person;
    let card = l.kind == "activity_card";
    let title = if card { "流动党员活动证" } else { "党员证明信" };
    let svg = qr(d.verify_url)?;
    let body = if card {
        "系我支部党员，因外出务工经商等原因流动在外、地点不固定，凭此证参加流入地党组织的组织生活，按期交纳党费。"
    } else {
        "系我支部党员，因外出学习、工作在贵处居住，请接洽其参加党的组织生活（不转正式组织关系，不享有表决权、选举权和被选举权）。"
    };
    let markup = format!(
        r#"{PREAMBLE}
#title({title}, {number})
#(s_to)：

#h(2em)#(s_name)同志（#(s_gender)，公民身份号码 #(s_id)），系中共#(s_status)党员，{body}

#h(2em)有效期至 #(s_until)。
#grid(columns: (1fr, auto), column-gutter: 12pt,
  align(bottom)[#text(size: 8.5pt, fill: gray)[扫码核验本证明的有效期与开具单位]],
  image(bytes({svg}), format: "svg", width: 26mm),
)
#align(right)[#(s_issuer)（盖章） \ #(s_issued)]
"#,
        title = s(title),
        number = s(&format!("第 {} 号", l.letter_no)),
        svg = s(&svg),
    );
    let values = [
        ("s_name", p.name.as_str()),
        ("s_status", status_label(&p.membership_status)),
        ("s_to", if l.addressee.is_empty() { "有关党组织" } else { l.addressee.as_str() }),
        ("s_gender", gender_label(&p.gender)),
        ("s_id", p.id_card_number.as_str()),
        ("s_until", &daxie::date(l.valid_until)),
        ("s_issued", &daxie::date(l.issued_on)),
        ("s_issuer", l.issuer.as_str()),
    ];
    typeset(&markup, &values, d.today)
}

/// Binds each `#(s_name)` to its value as a typst string, then typesets.
fn typeset(markup: &str, values: &[(&str, &str)], today: NaiveDate) -> Result<Vec<u8>, ApiError> {
    let mut head = String::new();
    for (name, value) in values {
        head.push_str(&format!("#let {name} = {}\n", s(value)));
    }
    render(&format!("{head}{markup}"), today).map_err(ApiError::internal)
}
