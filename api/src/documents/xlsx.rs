//! The one XLSX writer style: a bold, filled header row, column widths, the header frozen,
//! text format for ID-like columns (so Excel keeps 身份证号 whole), and strings cut at Excel's
//! 32,767-character cell limit with a visible marker instead of failing the whole export.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::ApiError;

pub const MAX_CELL_CHARS: usize = 32_767;
const TRUNCATED: &str = "…（内容过长，已截断）";

pub struct Column {
    pub title: &'static str,
    pub width: f64,
    /// Written as text with the `@` format (IDs, phone numbers, 工号).
    pub text: bool,
    pub wrap: bool,
}

impl Column {
    pub const fn new(title: &'static str, width: f64) -> Column {
        Column { title, width, text: false, wrap: false }
    }

    pub const fn text(mut self) -> Column {
        self.text = true;
        self
    }

    pub const fn wrap(mut self) -> Column {
        self.wrap = true;
        self
    }
}

pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

pub struct Sheet<'a> {
    pub name: &'a str,
    /// A bold line above the table (the header then starts on the third row).
    pub title: Option<String>,
    pub columns: &'a [Column],
    pub rows: Vec<Vec<Cell>>,
}

/// Cuts `text` to Excel's limit, ending with a marker that says so.
pub fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.into();
    }
    let keep = MAX_CELL_CHARS - TRUNCATED.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(TRUNCATED);
    cut.into()
}

pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, ApiError> {
    build(sheets).map_err(|e| ApiError::internal(format!("xlsx: {e}")))
}

fn build(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header =
        Format::new().set_bold().set_background_color("#FDECEA").set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let title_format = Format::new().set_bold().set_font_size(14);
    let text = Format::new().set_num_format("@");
    let wrap = Format::new().set_text_wrap();
    let text_wrap = Format::new().set_num_format("@").set_text_wrap();
    for spec in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(spec.name)?;
        let header_row = match &spec.title {
            Some(title) => {
                sheet.write_string_with_format(0, 0, fit(title), &title_format)?;
                2
            }
            None => 0,
        };
        for (c, column) in spec.columns.iter().enumerate() {
            let c = c as u16;
            sheet.set_column_width(c, column.width)?;
            if column.text {
                sheet.set_column_format(c, &text)?;
            }
            sheet.write_string_with_format(header_row, c, column.title, &header)?;
        }
        for (i, cells) in spec.rows.iter().enumerate() {
            let r = header_row + 1 + i as u32;
            for (c, (cell, column)) in cells.iter().zip(spec.columns).enumerate() {
                let c = c as u16;
                let format = match (column.text, column.wrap) {
                    (true, true) => Some(&text_wrap),
                    (true, false) => Some(&text),
                    (false, true) => Some(&wrap),
                    (false, false) => None,
                };
                match (cell, format) {
                    (Cell::Text(s), Some(f)) => sheet.write_string_with_format(r, c, fit(s), f)?,
                    (Cell::Text(s), None) => sheet.write_string(r, c, fit(s))?,
                    (Cell::Number(n), _) => sheet.write_number(r, c, *n)?,
                    (Cell::Empty, _) => sheet,
                };
            }
        }
        sheet.set_freeze_panes(header_row + 1, 0)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_cell_is_cut_not_fatal() {
        let columns = [Column::new("问题说明", 60.0).wrap(), Column::new("身份证号码", 20.0).text()];
        let rows = vec![vec![Cell::Text("长".repeat(40_000)), Cell::from("110105198506123411")]];
        let bytes = workbook(&[Sheet { name: "明细", title: None, columns: &columns, rows }]).unwrap();
        let lines =
            super::super::table_import::read("a.xlsx", &bytes, &super::super::table_import::Limits::default()).unwrap();
        assert_eq!(lines[0].1, vec!["问题说明", "身份证号码"]);
        let cut = &lines[1].1[0];
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with(TRUNCATED));
        assert_eq!(lines[1].1[1], "110105198506123411");
    }
}
