//! 支部工作台账: all organisational life of a branch in a year, as XLSX and as PDF.

use chrono::NaiveDate;
use shared::rules::meetings::MeetingKind;

use super::repo;
use crate::db::DbConnection;
use crate::documents::pdf::typst_string;
use crate::documents::xlsx::{Cell, Column, Sheet, workbook};
use crate::error::ApiError;
use crate::orgs::models::OrgRow;

pub struct LedgerRow {
    pub date: NaiveDate,
    pub kind: &'static str,
    pub topic: String,
    pub expected: i64,
    pub present: i64,
    pub on_leave: i64,
    pub summary: String,
    pub signed: bool,
}

pub fn rows(conn: &mut DbConnection, org: &OrgRow, year: i32) -> Result<Vec<LedgerRow>, ApiError> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| ApiError::bad_request("year", "年份无效"))?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| ApiError::bad_request("year", "年份无效"))?;
    let mut meetings: Vec<_> = repo::list(conn, &org.path, Some(from), Some(to), None, None, 100_000)?
        .into_iter()
        .filter(|m| m.org_id == org.id && m.status != "cancelled")
        .collect();
    meetings.sort_by_key(|m| m.starts_at);
    let turnout = repo::turnout(conn, &meetings.iter().map(|m| m.id).collect::<Vec<_>>())?;
    Ok(meetings
        .iter()
        .map(|m| {
            let t = turnout.get(&m.id).copied().unwrap_or_default();
            LedgerRow {
                date: m.held_on,
                kind: MeetingKind::from_code(&m.kind).unwrap_or(MeetingKind::Other).label(),
                topic: m.topic.clone(),
                expected: t.expected,
                present: t.present,
                on_leave: t.on_leave,
                summary: plain(&m.minutes.clone().unwrap_or_default()).chars().take(120).collect(),
                signed: m.status == "signed",
            }
        })
        .collect())
}

/// Minutes without the formatting markers of the web editor (`# `, `- `, `**`).
fn plain(minutes: &str) -> String {
    minutes
        .lines()
        .map(|l| l.strip_prefix("# ").or_else(|| l.strip_prefix("- ")).unwrap_or(l).replace("**", ""))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn rate(r: &LedgerRow) -> String {
    if r.expected > r.on_leave {
        format!("{:.0}%", r.present as f64 * 100.0 / (r.expected - r.on_leave) as f64)
    } else {
        "—".into()
    }
}

const COLUMNS: [Column; 9] = [
    Column::new("日期", 12.0),
    Column::new("会议类型", 14.0),
    Column::new("主题", 36.0).wrap(),
    Column::new("应到", 8.0),
    Column::new("实到", 8.0),
    Column::new("请假", 8.0),
    Column::new("出席率", 10.0),
    Column::new("记录摘要", 60.0).wrap(),
    Column::new("签字", 8.0),
];

pub fn xlsx(org: &str, year: i32, rows: &[LedgerRow]) -> Result<Vec<u8>, ApiError> {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.date.to_string()),
                Cell::from(r.kind),
                Cell::Text(r.topic.clone()),
                Cell::Number(r.expected as f64),
                Cell::Number(r.present as f64),
                Cell::Number(r.on_leave as f64),
                Cell::Text(rate(r)),
                Cell::Text(r.summary.clone()),
                Cell::from(if r.signed { "已签" } else { "未签" }),
            ]
        })
        .collect();
    workbook(&[Sheet {
        name: "组织生活台账",
        title: Some(format!("{org} {year} 年支部工作台账（组织生活）")),
        columns: &COLUMNS,
        rows,
    }])
}

pub fn pdf(org: &str, year: i32, rows: &[LedgerRow], today: NaiveDate) -> Result<Vec<u8>, String> {
    let mut cells = String::new();
    for r in rows {
        for value in [
            r.date.to_string(),
            r.kind.to_string(),
            r.topic.clone(),
            r.expected.to_string(),
            r.present.to_string(),
            rate(r),
            r.summary.clone(),
        ] {
            cells.push_str(&typst_string(&value));
            cells.push_str(", ");
        }
    }
    let markup = format!(
        r##"#set page(paper: "a4", flipped: true, margin: (x: 1.6cm, y: 1.8cm), footer: context align(center, text(size: 9pt)[第 #counter(page).display() 页]))
#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC"), size: 9.5pt, lang: "zh", region: "cn")
#align(center, text(size: 16pt, weight: "bold", {title}))
#v(4pt)
#align(center, text(size: 10pt, {subtitle}))
#v(8pt)
#table(
  columns: (auto, auto, 1.4fr, auto, auto, auto, 2fr),
  inset: 5pt,
  stroke: 0.5pt + rgb("#999999"),
  fill: (_, row) => if row == 0 {{ rgb("#fdecea") }},
  [*日期*], [*会议类型*], [*主题*], [*应到*], [*实到*], [*出席率*], [*记录摘要*],
  {cells}
)
"##,
        title = typst_string(&format!("{org} {year} 年支部工作台账")),
        subtitle = typst_string(&format!("组织生活记录共 {} 次，生成日期 {}", rows.len(), today)),
    );
    crate::documents::pdf::render(&markup, today)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ledger_summaries_drop_formatting() {
        assert_eq!(super::plain("# 议程\n- 学习**全会**精神\n\n发言"), "议程 学习全会精神 发言");
    }
}
