//! The set as one workbook, a sheet per table laid out like the official form: the title, the
//! 填报单位 and 截止日期, the two-level header with merged cells, the total row in bold.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use shared::api::statistics::{ReportTable, StatisticsReport};

use crate::error::ApiError;

pub fn workbook(report: &StatisticsReport) -> Result<Vec<u8>, ApiError> {
    build(report).map_err(|e| ApiError::internal(format!("xlsx: {e}")))
}

fn build(report: &StatisticsReport) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color("#FDECEA")
        .set_border(FormatBorder::Thin);
    let body = Format::new().set_border(FormatBorder::Thin);
    let total = Format::new().set_bold().set_border(FormatBorder::Thin);
    let money = Format::new().set_border(FormatBorder::Thin).set_num_format("#,##0.00");
    let money_total = Format::new().set_bold().set_border(FormatBorder::Thin).set_num_format("#,##0.00");
    for t in &report.tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("{} {}", &t.code[1..], sheet_name(t)))?;
        let width = t.columns.len() as u16;
        sheet.merge_range(0, 0, 0, width, &t.title, &title)?;
        sheet.write_string(1, 0, format!("填报单位：{}", report.org_name))?;
        sheet.write_string(1, width.saturating_sub(3).max(1), format!("截止日期：{}", report.as_of))?;
        sheet.write_string(
            2,
            0,
            format!("统计期间：{} 至 {}    单位：{}", report.period_from, report.as_of, t.unit),
        )?;
        sheet.set_column_width(0, 22)?;
        sheet.set_column_range_width(1, width, 10)?;
        let top = 3u32;
        // Cells already covered by a merge from the row above, per header row.
        let mut taken = vec![vec![false; t.columns.len() + 1]; t.header.len()];
        for (r, row) in t.header.iter().enumerate() {
            let mut c = 0usize;
            for h in row {
                while taken[r][c] {
                    c += 1;
                }
                let (r0, c0) = (top + r as u32, c as u16);
                let (r1, c1) = (r0 + h.rows as u32 - 1, c0 + h.cols as u16 - 1);
                if r1 > r0 || c1 > c0 {
                    sheet.merge_range(r0, c0, r1, c1, &h.text, &head)?;
                } else {
                    sheet.write_string_with_format(r0, c0, &h.text, &head)?;
                }
                for taken_row in taken.iter_mut().skip(r).take(h.rows as usize) {
                    for slot in taken_row.iter_mut().skip(c).take(h.cols as usize) {
                        *slot = true;
                    }
                }
                c += h.cols as usize;
            }
        }
        let first = top + t.header.len() as u32;
        for (i, row) in t.rows.iter().enumerate() {
            let r = first + i as u32;
            let bold = i == 0;
            sheet.write_string_with_format(r, 0, &row.label, if bold { &total } else { &body })?;
            for (c, value) in row.cells.iter().enumerate() {
                let decimals = t.decimals.get(c).copied().unwrap_or(0);
                let col = c as u16 + 1;
                if decimals == 0 {
                    sheet.write_number_with_format(r, col, *value as f64, if bold { &total } else { &body })?;
                } else {
                    let n = *value as f64 / 10f64.powi(decimals as i32);
                    sheet.write_number_with_format(r, col, n, if bold { &money_total } else { &money })?;
                }
            }
        }
        sheet.set_freeze_panes(first, 1)?;
    }
    workbook.save_to_buffer()
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(t: &ReportTable) -> String {
    t.title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(24).collect()
}
