//! The set as one PDF (A4 landscape, a table per page) through typst.

use shared::api::statistics::StatisticsReport;

use super::cell_text;
use crate::documents::pdf::typst_string;
use crate::error::ApiError;

pub fn document(report: &StatisticsReport) -> Result<Vec<u8>, ApiError> {
    crate::documents::pdf::render(&markup(report), report.as_of).map_err(ApiError::internal)
}

pub fn markup(report: &StatisticsReport) -> String {
    let mut out = String::from(
        "#set page(paper: \"a4\", flipped: true, margin: 1.5cm)\n#set text(font: (\"Noto Serif CJK SC\", \"Noto Sans CJK SC\"), size: 8pt, lang: \"zh\")\n",
    );
    for (i, t) in report.tables.iter().enumerate() {
        if i > 0 {
            out.push_str("#pagebreak()\n");
        }
        out.push_str(&format!("#align(center, text(size: 14pt, weight: \"bold\", {}))\n", typst_string(&t.title)));
        let line = format!(
            "填报单位：{}    截止日期：{}    统计期间：{} 至 {}    单位：{}",
            report.org_name, report.as_of, report.period_from, report.as_of, t.unit
        );
        out.push_str(&format!("#par({})\n#v(4pt)\n", typst_string(&line)));
        let mut cells = String::new();
        for row in &t.header {
            for h in row {
                cells.push_str(&format!(
                    "table.cell(colspan: {}, rowspan: {}, fill: rgb(\"#FDECEA\"), strong({})), ",
                    h.cols,
                    h.rows,
                    typst_string(&h.text)
                ));
            }
        }
        for (i, row) in t.rows.iter().enumerate() {
            let wrap = |s: String| if i == 0 { format!("strong({})", typst_string(&s)) } else { typst_string(&s) };
            cells.push_str(&wrap(row.label.clone()));
            cells.push_str(", ");
            for (c, v) in row.cells.iter().enumerate() {
                cells.push_str(&wrap(cell_text(t, c, *v)));
                cells.push_str(", ");
            }
        }
        out.push_str(&format!(
            "#table(columns: (auto, {}), inset: 4pt, align: center + horizon, {cells})\n",
            vec!["1fr"; t.columns.len()].join(", ")
        ));
    }
    out
}
