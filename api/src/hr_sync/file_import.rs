//! Reading an uploaded roster (XLSX, or CSV in UTF-8 or GBK as Excel on Chinese Windows writes
//! it) into rows keyed by our field names, and writing the downloadable template. The reading
//! itself, with its limits, is `documents::table_import`.

use std::collections::BTreeMap;

use super::record::{FIELDS, match_headers};
use crate::documents::table_import::{self, Limits, Lines};
use crate::documents::xlsx::{Cell, Column, Sheet};
use crate::error::ApiError;

/// Rows with their line number in the file (the header is line 1); blank lines are skipped.
pub type KeyedRows = Vec<(i64, BTreeMap<&'static str, String>)>;

pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<KeyedRows, String> {
    keyed(table_import::read(file_name, bytes, &Limits::default())?)
}

fn keyed(table: Lines) -> Result<KeyedRows, String> {
    let mut lines = table.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, headers) = lines.next().ok_or("文件是空的")?;
    let columns = match_headers(&headers);
    let missing: Vec<&str> = ["name", "id_card_number"]
        .iter()
        .filter(|f| !columns.contains(&Some(**f)))
        .map(|f| super::record::label_of(f))
        .collect();
    if !missing.is_empty() {
        return Err(format!("文件缺少必需的列：{}（请使用导入模板）", missing.join("、")));
    }
    Ok(lines
        .map(|(index, cells)| {
            let mut row = BTreeMap::new();
            for (column, value) in columns.iter().zip(cells) {
                if let Some(field) = column {
                    row.insert(*field, value);
                }
            }
            (index, row)
        })
        .collect())
}

/// The import template: Chinese headers in the order of `FIELDS`, text-formatted so Excel keeps
/// 身份证 numbers whole, and one example row.
pub fn template() -> Result<Vec<u8>, ApiError> {
    let example = [
        "E000123",
        "110105198506123411",
        "张三",
        "13800138000",
        "大学本科",
        "专业技术人员",
        "汉族",
        "某研究院",
        "综合办公室",
        "办公厅党支部",
        "1985-06-12",
    ];
    let columns: Vec<Column> = FIELDS.iter().map(|(_, label, _)| Column::new(label, 16.0).text()).collect();
    let rows = vec![example.iter().map(|v| Cell::from(*v)).collect()];
    crate::documents::xlsx::workbook(&[Sheet { name: "人员信息", title: None, columns: &columns, rows }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_with_extra_columns_and_blank_lines() {
        let text = "工号,姓名,身份证号码,备注\r\n\r\nE1,张三,110105198506123411,x\r\n,,,\r\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let rows = read_table("名单.csv", &gbk).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 3, "line number counts the blank line");
        assert_eq!(rows[0].1["name"], "张三");
        assert!(!rows[0].1.contains_key("备注"));
    }

    #[test]
    fn template_round_trips() {
        let bytes = template().unwrap();
        let rows = read_table("模板.xlsx", &bytes).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1["id_card_number"], "110105198506123411");
        assert_eq!(rows[0].1["org_name"], "办公厅党支部");
    }

    #[test]
    fn missing_required_columns_are_named() {
        let error = read_table("a.csv", "工号,手机号\nE1,13800138000\n".as_bytes()).unwrap_err();
        assert!(error.contains("姓名") && error.contains("身份证号码"), "{error}");
    }
}
