//! The change set of a job as an XLSX workbook people can open in Excel.

use shared::api::hr::SyncRowView;

use crate::documents::xlsx::{Cell, Column, Sheet, workbook};
use crate::error::ApiError;

const COLUMNS: [Column; 6] = [
    Column::new("行号", 8.0),
    Column::new("类型", 12.0),
    Column::new("姓名", 12.0),
    Column::new("工号", 14.0).text(),
    Column::new("变更内容", 60.0).wrap(),
    Column::new("问题说明", 60.0).wrap(),
];

pub fn change_set(rows: &[SyncRowView]) -> Result<Vec<u8>, ApiError> {
    let rows = rows
        .iter()
        .map(|row| {
            let changes = row
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "{}：{} → {}",
                        c.label,
                        c.old.clone().unwrap_or_default(),
                        c.new.clone().unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                if row.row_number > 0 { Cell::Number(row.row_number as f64) } else { Cell::Empty },
                Cell::from(row.kind.label()),
                Cell::Text(row.name.clone().unwrap_or_default()),
                Cell::Text(row.employee_number.clone().unwrap_or_default()),
                Cell::Text(changes),
                Cell::Text(row.problems.join("\n")),
            ]
        })
        .collect();
    workbook(&[Sheet { name: "变更明细", title: None, columns: &COLUMNS, rows }])
}
