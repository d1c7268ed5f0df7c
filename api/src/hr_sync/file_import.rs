//! Reading an uploaded roster (XLSX, or CSV in UTF-8 or GBK as Excel on Chinese Windows writes
//! it) into rows keyed by our field names, and writing the downloadable template.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader};

use super::record::{FIELDS, match_headers};

/// Rows with their line number in the file (the header is line 1); blank lines are skipped.
pub type KeyedRows = Vec<(i64, BTreeMap<&'static str, String>)>;

pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;
const MAX_ROWS: u32 = 200_000;
const MAX_COLUMNS: u32 = 100;

pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<KeyedRows, String> {
    let lower = file_name.to_lowercase();
    let table = if lower.ends_with(".csv") || lower.ends_with(".txt") {
        read_csv(bytes)?
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        read_xlsx(bytes)?
    } else if lower.ends_with(".xls") {
        read_spreadsheet(bytes)?
    } else {
        return Err("只支持 .xlsx、.xls 和 .csv 文件".to_string());
    };
    keyed(table)
}

/// Lines of a table with their 1-based line number in the file.
type Lines = Vec<(i64, Vec<String>)>;

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

/// UTF-8 (with or without BOM) is taken as is; anything else is decoded as GBK (GB18030).
fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Each physical line is one record (rosters have no multi-line cells), so line numbers in
/// error reports match what Excel and text editors show.
fn read_csv(bytes: &[u8]) -> Result<Lines, String> {
    let text = decode_text(bytes);
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
        let mut record = csv::StringRecord::new();
        match reader.read_record(&mut record) {
            Ok(true) => lines.push((index as i64 + 1, record.iter().map(|c| c.trim().to_string()).collect())),
            Ok(false) => {}
            Err(e) => return Err(format!("CSV 第 {} 行格式错误：{e}", index + 1)),
        }
    }
    Ok(lines)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Excel stores long digit strings typed as numbers as floats; print them whole.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
        Data::Error(e) => format!("{e:?}"),
    }
}

fn data_ref_text(cell: &calamine::DataRef) -> String {
    use calamine::DataRef;
    match cell {
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => cell_text(&Data::Float(*f)),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => dt.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
        DataRef::Error(e) => format!("{e:?}"),
        DataRef::Empty => String::new(),
    }
}

/// XLSX cells are streamed and only the used ones kept, so a file claiming a huge range (a
/// cell at XFD1048576) cannot make us allocate the whole grid.
fn read_xlsx(bytes: &[u8]) -> Result<Lines, String> {
    let mut workbook: calamine::Xlsx<_> =
        calamine::Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| format!("无法读取表格文件：{e}"))?;
    let name = workbook.sheet_names().first().cloned().ok_or("表格中没有工作表")?;
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|e| format!("无法读取工作表：{e}"))?;
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(|e| format!("无法读取工作表：{e}"))? {
        let (row, column) = cell.get_position();
        let text = data_ref_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(format!("表格过大：最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列"));
        }
        rows.entry(row).or_default().insert(column, text);
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.keys().next_back().map_or(0, |c| *c as usize + 1);
            let mut line = vec![String::new(); width];
            for (c, text) in cells {
                line[c as usize] = text;
            }
            (row as i64 + 1, line)
        })
        .collect())
}

fn read_spreadsheet(bytes: &[u8]) -> Result<Lines, String> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("无法读取表格文件：{e}"))?;
    let range =
        workbook.worksheet_range_at(0).ok_or("表格中没有工作表")?.map_err(|e| format!("无法读取工作表：{e}"))?;
    let first = range.start().map_or(0, |(row, _)| row as i64);
    Ok(range.rows().enumerate().map(|(i, row)| (first + i as i64 + 1, row.iter().map(cell_text).collect())).collect())
}

/// The import template: Chinese headers in the order of `FIELDS`, text-formatted so Excel keeps
/// 身份证 numbers whole, and one example row.
pub fn template() -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("人员信息").map_err(|e| e.to_string())?;
    let header = Format::new().set_bold().set_background_color("#FDECEA");
    let text = Format::new().set_num_format("@");
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
    for (col, ((_, label, _), value)) in FIELDS.iter().zip(example).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, 16).map_err(|e| e.to_string())?;
        sheet.set_column_format(col, &text).map_err(|e| e.to_string())?;
        sheet.write_string_with_format(0, col, *label, &header).map_err(|e| e.to_string())?;
        sheet.write_string_with_format(1, col, value, &text).map_err(|e| e.to_string())?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
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
