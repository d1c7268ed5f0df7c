//! The change set of a job as an XLSX workbook people can open in Excel.

use rust_xlsxwriter::{Format, Workbook};
use shared::api::hr::SyncRowView;

pub fn change_set(rows: &[SyncRowView]) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("变更明细").map_err(|e| e.to_string())?;
    let header = Format::new().set_bold().set_background_color("#FDECEA");
    let wrap = Format::new().set_text_wrap();
    let headers = ["行号", "类型", "姓名", "工号", "变更内容", "问题说明"];
    let widths = [8.0, 12.0, 12.0, 14.0, 60.0, 60.0];
    for (col, (title, width)) in headers.iter().zip(widths).enumerate() {
        sheet.set_column_width(col as u16, width).map_err(|e| e.to_string())?;
        sheet.write_string_with_format(0, col as u16, *title, &header).map_err(|e| e.to_string())?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let changes = row
            .changes
            .iter()
            .map(|c| {
                format!("{}：{} → {}", c.label, c.old.clone().unwrap_or_default(), c.new.clone().unwrap_or_default())
            })
            .collect::<Vec<_>>()
            .join("\n");
        let map = |e: rust_xlsxwriter::XlsxError| e.to_string();
        if row.row_number > 0 {
            sheet.write_number(r, 0, row.row_number as f64).map_err(map)?;
        }
        sheet.write_string(r, 1, row.kind.label()).map_err(map)?;
        sheet.write_string(r, 2, row.name.clone().unwrap_or_default()).map_err(map)?;
        sheet.write_string(r, 3, row.employee_number.clone().unwrap_or_default()).map_err(map)?;
        sheet.write_string_with_format(r, 4, changes, &wrap).map_err(map)?;
        sheet.write_string_with_format(r, 5, row.problems.join("\n"), &wrap).map_err(map)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    workbook.save_to_buffer().map_err(|e| e.to_string())
}
