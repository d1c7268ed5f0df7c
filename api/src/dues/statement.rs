//! The yearly 党费收缴情况表 of a branch: one line per member, the amount paid each month
//! (or 未交), what was payable and paid in the year.

use chrono::{Datelike, NaiveDate};
use shared::rules::dues::Fen;

use crate::documents::pdf::typst_string;
use crate::documents::xlsx::{Cell, Column, Sheet, workbook};
use crate::error::ApiError;

pub struct Line {
    pub name: String,
    /// Per month (index 0 = January): (payable, paid), none when not liable that month.
    pub months: [Option<(i64, i64)>; 12],
    pub payable: i64,
    pub paid: i64,
}

pub struct Table {
    pub lines: Vec<Line>,
    pub payable: i64,
    pub paid: i64,
}

impl Table {
    /// From rows ordered by person and month: (person, name, month, payable, paid).
    pub fn of(rows: &[(i64, String, NaiveDate, i64, i64)]) -> Table {
        let mut lines: Vec<(i64, Line)> = Vec::new();
        for (person, name, month, payable, paid) in rows {
            if lines.last().is_none_or(|(p, _)| p != person) {
                lines.push((*person, Line { name: name.clone(), months: [None; 12], payable: 0, paid: 0 }));
            }
            if let Some((_, line)) = lines.last_mut() {
                line.months[month.month0() as usize] = Some((*payable, *paid));
                line.payable += payable;
                line.paid += paid;
            }
        }
        let lines: Vec<Line> = lines.into_iter().map(|(_, l)| l).collect();
        Table { payable: lines.iter().map(|l| l.payable).sum(), paid: lines.iter().map(|l| l.paid).sum(), lines }
    }
}

fn cell(month: Option<(i64, i64)>) -> String {
    match month {
        None => String::new(),
        Some((payable, paid)) if paid >= payable => Fen(paid).yuan(),
        Some((_, paid)) if paid > 0 => format!("{}（欠）", Fen(paid).yuan()),
        Some(_) => "未交".into(),
    }
}

const COLUMNS: [Column; 15] = [
    Column::new("姓名", 10.0),
    Column::new("1月", 8.0),
    Column::new("2月", 8.0),
    Column::new("3月", 8.0),
    Column::new("4月", 8.0),
    Column::new("5月", 8.0),
    Column::new("6月", 8.0),
    Column::new("7月", 8.0),
    Column::new("8月", 8.0),
    Column::new("9月", 8.0),
    Column::new("10月", 8.0),
    Column::new("11月", 8.0),
    Column::new("12月", 8.0),
    Column::new("应交合计（元）", 12.0),
    Column::new("实交合计（元）", 12.0),
];

pub fn xlsx(org: &str, year: i32, table: &Table) -> Result<Vec<u8>, ApiError> {
    let mut rows: Vec<Vec<Cell>> = table
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![Cell::from(l.name.as_str())];
            row.extend(l.months.iter().map(|m| Cell::from(cell(*m))));
            row.push(Cell::Number(l.payable as f64 / 100.0));
            row.push(Cell::Number(l.paid as f64 / 100.0));
            row
        })
        .collect();
    let mut total = vec![Cell::from("合计")];
    total.extend((0..12).map(|_| Cell::Empty));
    total.push(Cell::Number(table.payable as f64 / 100.0));
    total.push(Cell::Number(table.paid as f64 / 100.0));
    rows.push(total);
    workbook(&[Sheet {
        name: "党费收缴情况",
        title: Some(format!("{org} {year} 年党费收缴情况表")),
        columns: &COLUMNS,
        rows,
    }])
}

pub fn pdf(org: &str, year: i32, table: &Table, today: NaiveDate) -> Result<Vec<u8>, String> {
    let mut cells = String::new();
    let mut push = |v: String| {
        cells.push_str(&typst_string(&v));
        cells.push_str(", ");
    };
    for l in &table.lines {
        push(l.name.clone());
        for m in l.months {
            push(cell(m));
        }
        push(Fen(l.payable).yuan());
        push(Fen(l.paid).yuan());
    }
    push("合计".into());
    for _ in 0..12 {
        push(String::new());
    }
    push(Fen(table.payable).yuan());
    push(Fen(table.paid).yuan());
    let header: String = COLUMNS.iter().map(|c| format!("[*{}*], ", c.title)).collect();
    let markup = format!(
        r##"#set page(paper: "a4", flipped: true, margin: (x: 1.2cm, y: 1.6cm), footer: context align(center, text(size: 9pt)[第 #counter(page).display() 页]))
#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC"), size: 8.5pt, lang: "zh", region: "cn")
#align(center, text(size: 16pt, weight: "bold", {title}))
#v(4pt)
#align(center, text(size: 10pt, {subtitle}))
#v(8pt)
#table(
  columns: (auto, {months} auto, auto),
  inset: 4pt,
  stroke: 0.5pt + rgb("#999999"),
  fill: (_, row) => if row == 0 {{ rgb("#fdecea") }},
  {header}
  {cells}
)
"##,
        months = "1fr, ".repeat(12),
        title = typst_string(&format!("{org} {year} 年党费收缴情况表")),
        subtitle = typst_string(&format!(
            "党员 {} 人，应交 {} 元，实交 {} 元，生成日期 {today}",
            table.lines.len(),
            Fen(table.payable).yuan(),
            Fen(table.paid).yuan()
        )),
    );
    crate::documents::pdf::render(&markup, today)
}
