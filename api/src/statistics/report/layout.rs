//! Grouped counts (a cube from one SQL `GROUP BY`) and the table layout of the official forms:
//! a two-level header with merged cells, the total row first.

use shared::api::statistics::{HeaderCell, ReportRow, ReportTable};

/// Counts per combination of dimension keys, as one `GROUP BY` returned them (`a|b|c`).
pub struct Cube {
    dims: Vec<&'static str>,
    rows: Vec<(Vec<String>, i64)>,
}

/// One combination of keys, read by dimension name.
pub struct Keys<'a> {
    dims: &'a [&'static str],
    values: &'a [String],
}

impl Keys<'_> {
    pub fn get(&self, dim: &str) -> &str {
        self.dims.iter().position(|d| *d == dim).map_or("", |i| self.values[i].as_str())
    }

    pub fn is(&self, dim: &str, value: &str) -> bool {
        self.get(dim) == value
    }
}

impl Cube {
    pub fn new(dims: Vec<&'static str>, grouped: Vec<(String, i64)>) -> Cube {
        let rows = grouped.into_iter().map(|(key, n)| (key.split('|').map(str::to_string).collect(), n)).collect();
        Cube { dims, rows }
    }

    /// The sum of the groups that `keep` selects.
    pub fn sum(&self, keep: impl Fn(&Keys) -> bool) -> i64 {
        self.rows.iter().filter(|(values, _)| keep(&Keys { dims: &self.dims, values })).map(|(_, n)| n).sum()
    }

    pub fn total(&self) -> i64 {
        self.sum(|_| true)
    }

    /// Whether any group has `value` in `dim`.
    pub fn has(&self, dim: &str, value: &str) -> bool {
        self.sum(|k| k.is(dim, value)) > 0
    }
}

/// A column group: a title over its columns (key, label); a group of one column whose label
/// is empty spans both header rows under the group's title.
pub struct Group {
    pub title: String,
    pub columns: Vec<(String, String)>,
}

impl Group {
    pub fn one(key: &str, title: &str) -> Group {
        Group { title: title.into(), columns: vec![(key.into(), String::new())] }
    }

    pub fn of(title: &str, columns: Vec<(String, String)>) -> Group {
        Group { title: title.into(), columns }
    }
}

pub fn cols<K: AsRef<str>, L: AsRef<str>>(items: impl IntoIterator<Item = (K, L)>) -> Vec<(String, String)> {
    items.into_iter().map(|(k, l)| (k.as_ref().to_string(), l.as_ref().to_string())).collect()
}

fn cell(text: &str, cols: usize, rows: i32) -> HeaderCell {
    HeaderCell { text: text.into(), cols: cols as i32, rows }
}

/// A table from its column groups and its rows (label, one value per column key).
pub fn table(code: &str, title: &str, unit: &str, groups: &[Group], rows: Vec<(String, Vec<i64>)>) -> ReportTable {
    let mut top = vec![cell("项目", 1, 2)];
    let mut second = Vec::new();
    let mut columns = Vec::new();
    for g in groups {
        if g.columns.len() == 1 && g.columns[0].1.is_empty() {
            top.push(cell(&g.title, 1, 2));
        } else {
            top.push(cell(&g.title, g.columns.len(), 1));
            second.extend(g.columns.iter().map(|(_, label)| cell(label, 1, 1)));
        }
        columns.extend(g.columns.iter().map(|(key, _)| key.clone()));
    }
    let header = if second.is_empty() {
        vec![top.into_iter().map(|c| HeaderCell { rows: 1, ..c }).collect()]
    } else {
        vec![top, second]
    };
    ReportTable {
        code: code.into(),
        title: title.into(),
        unit: unit.into(),
        header,
        columns,
        decimals: Vec::new(),
        rows: rows.into_iter().map(|(label, cells)| ReportRow { label, cells }).collect(),
    }
}
