//! The yearly base declaration (党费基数申报) from finance or HR, as XLSX or CSV: read with the
//! platform's one tabular import (`documents::table_import`, with its limits), every line
//! checked (member by 身份证号码 or 工号 within the caller's reach, 类别, 基数, 起始月份), and
//! kept as a preview until applied.

use std::collections::{HashMap, HashSet};

use super::repo::imports as repo;

use shared::api::dues::BaseImportLine;
use shared::error::FieldError;
use shared::permissions::Action;
use shared::rules::dues::{DuesCategory, DuesRules, Fen, MAX_BASE, standard};
use shared::rules::dues_payment::{fmt_month, parse_month};

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::documents::table_import::{self, Limits};
use crate::documents::xlsx::{Cell, Column, Sheet};
use crate::error::ApiError;

pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

const HEADERS: [(&str, &[&str]); 7] = [
    ("id_card_number", &["身份证号码", "身份证号", "公民身份号码"]),
    ("employee_number", &["工号", "人员编号", "职工号"]),
    ("name", &["姓名"]),
    ("category", &["党费类别", "类别", "人员类别"]),
    ("base", &["计算基数（元）", "计算基数(元)", "计算基数", "基数", "月收入（税后）"]),
    ("effective_month", &["起始月份", "生效月份", "起算月份"]),
    ("note", &["备注"]),
];

fn column_of(header: &str) -> Option<&'static str> {
    let header = header.trim();
    HEADERS.iter().find(|(_, names)| names.contains(&header)).map(|(key, _)| *key)
}

/// `2026-01`, `2026-1`, `2026/01`, `2026年1月`, `202601`, or an Excel date `2026-01-01`.
fn month_of_cell(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim().replace(['/', '.'], "-").replace('年', "-").replace('月', "");
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        return parse_month(&format!("{}-{}", &t[..4], &t[4..]));
    }
    parse_month(&t).or_else(|| parse_month(t.get(..7)?).filter(|_| t.ends_with("-01") || t.len() == 7))
}

fn error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(field, "invalid", message.into())
}

/// Reads and checks a declaration; every line comes back with its errors (none: it applies).
pub fn check(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &DuesRules,
    file_name: &str,
    bytes: &[u8],
) -> Result<Vec<BaseImportLine>, ApiError> {
    let table = table_import::read(file_name, bytes, &Limits::default()).map_err(crate::files::invalid_file)?;
    let mut lines = table.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty())).peekable();
    if lines.peek().is_none() {
        return Err(crate::files::invalid_file("文件是空的".into()));
    }
    // The header is the first line naming two known columns (a title line above it is skipped).
    let mut columns: Vec<Option<&str>> = Vec::new();
    for (_, cells) in lines.by_ref().take(5) {
        columns = cells.iter().map(|h| column_of(h)).collect();
        if columns.iter().flatten().count() >= 2 {
            break;
        }
    }
    let has = |key: &str| columns.contains(&Some(key));
    if !(has("id_card_number") || has("employee_number")) || !has("category") || !has("base") || !has("effective_month")
    {
        return Err(crate::files::invalid_file(
            "文件缺少必需的列：身份证号码（或工号）、党费类别、计算基数（元）、起始月份（请使用导入模板）".into(),
        ));
    }
    let rows: Vec<(i64, HashMap<&str, String>)> = lines
        .map(|(line, cells)| {
            let row = columns.iter().zip(cells).filter_map(|(c, v)| Some(((*c)?, v.trim().to_string()))).collect();
            (line, row)
        })
        .collect();
    let get = |row: &HashMap<&str, String>, key: &str| row.get(key).cloned().unwrap_or_default();
    let cards: Vec<String> =
        rows.iter().map(|(_, r)| get(r, "id_card_number").to_uppercase()).filter(|c| !c.is_empty()).collect();
    let numbers: Vec<String> = rows.iter().map(|(_, r)| get(r, "employee_number")).filter(|n| !n.is_empty()).collect();
    let (by_card, by_number) = repo::people_named(conn, &cards, &numbers)?;
    let mut seen = HashSet::new();
    Ok(rows
        .into_iter()
        .map(|(line, row)| {
            let mut errors = Vec::new();
            let card = get(&row, "id_card_number").to_uppercase();
            let number = get(&row, "employee_number");
            let person = if !card.is_empty() { by_card.get(&card) } else { by_number.get(&number) };
            let name = get(&row, "name");
            match person {
                None if card.is_empty() && number.is_empty() => {
                    errors.push(error("id_card_number", "请填写身份证号码或工号"))
                }
                None => errors.push(error("id_card_number", "查无此党员（或已离开本单位）")),
                Some(p) if !actor.may(Action::ManageDues, &p.4) => {
                    errors.push(error("id_card_number", format!("{} 不在您的管理范围内", p.1)))
                }
                Some(p) if !name.is_empty() && name != p.1 => {
                    errors.push(error("name", format!("姓名与档案不符（档案为 {}）", p.1)))
                }
                Some(p) if !seen.insert(p.0) => errors.push(error("id_card_number", "同一党员在文件中出现多次")),
                Some(_) => {}
            }
            let category = DuesCategory::parse(&get(&row, "category"));
            if category.is_none() {
                errors.push(error("category", "党费类别无效（如 在职、离退休、学生）"));
            }
            let base_text = get(&row, "base").replace(',', "");
            let base =
                if base_text.is_empty() { Some(Fen(0)) } else { Fen::parse(&base_text).filter(|b| *b <= MAX_BASE) };
            if base.is_none() {
                errors.push(error("base", "计算基数须为不小于 0 的金额（元），最多两位小数"));
            }
            let month = month_of_cell(&get(&row, "effective_month"));
            if month.is_none() {
                errors.push(error("effective_month", "起始月份格式应为 2026-01"));
            }
            let monthly = match (category, base) {
                (Some(c), Some(b)) => standard(rules, c, b).amount,
                _ => String::new(),
            };
            BaseImportLine {
                line,
                person_id: person.map(|p| shared::PersonId(p.0)),
                name: person.map_or(name, |p| p.1.clone()),
                category: category.map_or_else(|| get(&row, "category"), |c| c.code().to_string()),
                base: base.map_or(base_text, Fen::yuan),
                monthly,
                effective_month: month.map_or_else(|| get(&row, "effective_month"), fmt_month),
                errors,
            }
        })
        .collect())
}

const TEMPLATE: [Column; 7] = [
    Column::new("身份证号码", 22.0).text(),
    Column::new("工号", 12.0).text(),
    Column::new("姓名", 10.0),
    Column::new("党费类别", 12.0),
    Column::new("计算基数（元）", 14.0),
    Column::new("起始月份", 10.0).text(),
    Column::new("备注", 24.0),
];

/// The declaration template with one example line.
pub fn template() -> Result<Vec<u8>, ApiError> {
    let example: Vec<Cell> = ["110105198506123411", "E000123", "张三", "在职", "6500.00", "2027-01", "2026年度申报"]
        .into_iter()
        .map(Cell::from)
        .collect();
    crate::documents::xlsx::workbook(&[Sheet {
        name: "党费基数申报",
        title: None,
        columns: &TEMPLATE,
        rows: vec![example],
    }])
}
