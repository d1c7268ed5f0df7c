//! The one tabular import: XLSX (streamed cell by cell, never as a dense range) and CSV (UTF-8
//! with or without BOM, or GBK/GB18030 as Excel on Chinese Windows writes it). It returns the
//! lines of the first sheet as strings; matching headers to fields is the caller's business.
//!
//! Untrusted workbooks are checked before calamine opens them: the ZIP directory (entry count,
//! each entry's declared size), then every entry is decompressed into a counter to check its
//! real size (a deflate bomb stops at the cap), and the shared-string table's declared and real
//! counts are capped (calamine reserves `uniqueCount` up front). Legacy `.xls` is refused: its
//! reader always builds the dense grid of the sheet.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader};

use crate::files::Kind;

/// Lines of a table with their 1-based line number in the file.
pub type Lines = Vec<(i64, Vec<String>)>;

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_rows: u32,
    pub max_columns: u32,
    pub max_cells: usize,
    pub max_cell_chars: usize,
    pub max_shared_strings: u64,
    pub max_zip_entries: usize,
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_rows: 200_000,
            max_columns: 100,
            max_cells: 3_000_000,
            max_cell_chars: 32_767,
            max_shared_strings: 2_000_000,
            max_zip_entries: 1_000,
            max_entry_bytes: 256 * 1024 * 1024,
            max_total_bytes: 384 * 1024 * 1024,
        }
    }
}

const XLS_REFUSED: &str = "不支持旧版 .xls 格式，请在 Excel 中“另存为” .xlsx 或 CSV 文件后再导入";

/// The format to read, from the content; the file name must claim the same.
fn format_of(file_name: &str, bytes: &[u8]) -> Result<Kind, String> {
    let claimed = Kind::claimed_by(file_name).filter(|k| matches!(k, Kind::Xlsx | Kind::Xls | Kind::Text));
    let claimed = claimed.ok_or("只支持 .xlsx 和 .csv 文件")?;
    let actual = crate::files::sniff::sniff(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    match actual {
        None => Err("无法识别文件内容，请上传 .xlsx 或 .csv 文件".into()),
        Some(Kind::Xls) => Err(XLS_REFUSED.into()),
        Some(kind) if kind != claimed => Err(format!("文件内容是{}，与文件名“{file_name}”的扩展名不符", kind.label())),
        Some(kind) => Ok(kind),
    }
}

/// The cheap part of the checks, for the moment of upload: the type, the ZIP directory and
/// the shared-string table's declared size. No part is decompressed beyond its first 64 KB.
pub fn inspect(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<(), String> {
    match format_of(file_name, bytes)? {
        Kind::Xlsx => check_package(bytes, limits, false),
        _ => scan_csv(bytes, limits, false).map(|_| ()),
    }
}

pub fn read(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Lines, String> {
    match format_of(file_name, bytes)? {
        Kind::Xlsx => {
            check_package(bytes, limits, true)?;
            read_xlsx(bytes, limits)
        }
        _ => scan_csv(bytes, limits, true),
    }
}

fn bomb(what: String) -> String {
    format!("表格文件异常，已拒绝：{what}（文件可能已损坏或被刻意构造）")
}

/// Checks the package without trusting it. `deep` decompresses every entry into a counter.
fn check_package(bytes: &[u8], limits: &Limits, deep: bool) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| "不是有效的 .xlsx 文件".to_string())?;
    if archive.len() > limits.max_zip_entries {
        return Err(bomb(format!("包含 {} 个部件，上限 {}", archive.len(), limits.max_zip_entries)));
    }
    let mb = |b: u64| b / 1024 / 1024;
    let mut declared = 0u64;
    let mut shared_strings = None;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| "不是有效的 .xlsx 文件".to_string())?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.size() > limits.max_entry_bytes {
            return Err(bomb(format!(
                "部件 {name} 解压后 {} MB，上限 {} MB",
                mb(entry.size()),
                mb(limits.max_entry_bytes)
            )));
        }
        declared += entry.size();
        if name.ends_with("sharedStrings.xml") {
            shared_strings = Some(i);
        }
    }
    if declared > limits.max_total_bytes {
        return Err(bomb(format!("解压后共 {} MB，上限 {} MB", mb(declared), mb(limits.max_total_bytes))));
    }
    if let Some(i) = shared_strings {
        let mut head = Vec::new();
        let entry = archive.by_index(i).map_err(|_| "不是有效的 .xlsx 文件".to_string())?;
        entry.take(64 * 1024).read_to_end(&mut head).map_err(|_| "表格文件已损坏".to_string())?;
        if let Some(n) = declared_unique_count(&head)
            && n > limits.max_shared_strings
        {
            return Err(bomb(format!("声明了 {n} 个共享字符串，上限 {}", limits.max_shared_strings)));
        }
    }
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| "不是有效的 .xlsx 文件".to_string())?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".xml")) {
            continue;
        }
        let mut head = Vec::new();
        (&mut entry).take(16 * 1024).read_to_end(&mut head).map_err(|_| "表格文件已损坏".to_string())?;
        if let Some((rows, columns)) = declared_dimension(&head).or_else(|| farthest_cell(&head))
            && (rows > limits.max_rows || columns > limits.max_columns)
        {
            return Err(format!(
                "表格过大：工作表声明了 {rows} 行、{columns} 列，最多 {} 行、{} 列",
                limits.max_rows, limits.max_columns
            ));
        }
    }
    if !deep {
        return Ok(());
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| "不是有效的 .xlsx 文件".to_string())?;
        let count_si = Some(i) == shared_strings;
        let mut counter = Counter { bytes: 0, si: 0, tail: Vec::new(), count_si };
        let budget = limits.max_entry_bytes.min(limits.max_total_bytes - total) + 1;
        std::io::copy(&mut entry.take(budget), &mut counter).map_err(|_| "表格文件已损坏".to_string())?;
        if counter.bytes >= budget {
            return Err(bomb("实际解压后的大小超过上限（疑似压缩炸弹）".into()));
        }
        if counter.si > limits.max_shared_strings {
            return Err(bomb(format!("共享字符串超过 {} 个", limits.max_shared_strings)));
        }
        total += counter.bytes;
    }
    Ok(())
}

/// Rows and columns a worksheet's `<dimension ref="A1:XFD1048576"/>` claims, if it is in `head`.
fn declared_dimension(head: &[u8]) -> Option<(u32, u32)> {
    let text = String::from_utf8_lossy(head);
    let tag = &text[text.find("<dimension")?..];
    let tag = &tag[..tag.find('>')?];
    let range = tag.split("ref=").nth(1)?.trim_start_matches(['"', '\'']);
    let range: String = range.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
    cell_position(range.rsplit(':').next()?)
}

/// The farthest row and column of the cells in `head` (`<c r="XFD1048576">`), for sheets that
/// declare no dimension.
fn farthest_cell(head: &[u8]) -> Option<(u32, u32)> {
    let text = String::from_utf8_lossy(head);
    text.split("<c r=\"")
        .skip(1)
        .filter_map(|rest| cell_position(rest.split('"').next()?))
        .reduce(|a, b| (a.0.max(b.0), a.1.max(b.1)))
}

/// `XFD1048576` → (row 1048576, column 16384), 1-based.
fn cell_position(reference: &str) -> Option<(u32, u32)> {
    let letters: String = reference.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let column = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
    })?;
    Some((reference[letters.len()..].parse().ok()?, column))
}

/// `uniqueCount` of the `<sst>` start tag, if it is in `head`.
fn declared_unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let tag = &text[text.find("<sst")?..];
    let tag = &tag[..tag.find('>')?];
    let value = tag.split("uniqueCount=").nth(1)?.trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Counts bytes, and `<si>` elements when asked (chunk borders are bridged by `tail`).
struct Counter {
    bytes: u64,
    si: u64,
    tail: Vec<u8>,
    count_si: bool,
}

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        if self.count_si {
            let mut joined = std::mem::take(&mut self.tail);
            joined.extend_from_slice(buf);
            self.si += joined.windows(4).filter(|w| w.starts_with(b"<si") && matches!(w[3], b'>' | b' ' | b'/')).count()
                as u64;
            self.tail = joined[joined.len().saturating_sub(3)..].to_vec();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn float_text(f: f64) -> String {
    // Excel stores long digit strings typed as numbers as floats; print them whole.
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{f:.0}") } else { f.to_string() }
}

fn cell_text(cell: &DataRef) -> String {
    match cell {
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => dt.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
        DataRef::Error(e) => format!("{e:?}"),
        DataRef::Empty => String::new(),
    }
}

/// Cells are streamed and only the used ones kept, so a sheet claiming a huge range (a cell at
/// XFD1048576) cannot make us allocate the whole grid.
fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Lines, String> {
    let mut workbook: calamine::Xlsx<_> =
        calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("无法读取表格文件：{e}"))?;
    let name = workbook.sheet_names().first().cloned().ok_or("表格中没有工作表")?;
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|e| format!("无法读取工作表：{e}"))?;
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(|e| format!("无法读取工作表：{e}"))? {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        if row >= limits.max_rows || column >= limits.max_columns || cells >= limits.max_cells {
            return Err(format!("表格过大：最多 {} 行、{} 列", limits.max_rows, limits.max_columns));
        }
        if text.chars().count() > limits.max_cell_chars {
            return Err(format!("第 {} 行有单元格内容过长（上限 {} 字）", row + 1, limits.max_cell_chars));
        }
        cells += 1;
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

/// One reader over the whole text; each record keeps the line it starts on, so line numbers in
/// error reports match what Excel and text editors show. Blank lines are skipped. Without
/// `keep` it only checks the limits (at upload), holding one record at a time.
fn scan_csv(bytes: &[u8], limits: &Limits, keep: bool) -> Result<Lines, String> {
    let text = super::text::decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut lines = Vec::new();
    let mut seen = 0usize;
    let mut record = csv::StringRecord::new();
    // The csv crate's own line count skips blank lines; count newlines up to each record instead.
    let (mut counted_to, mut newlines) = (0usize, 0i64);
    let mut line_at = |byte: usize| {
        // A record's position is where reading began, before the blank lines it skipped.
        let mut byte = byte.min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        newlines += text.as_bytes()[counted_to..byte].iter().filter(|b| **b == b'\n').count() as i64;
        counted_to = byte;
        newlines + 1
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte() as usize));
                return Err(format!("CSV 第 {line} 行格式错误：{e}"));
            }
        }
        let line = record.position().map_or(0, |p| line_at(p.byte() as usize));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if seen >= limits.max_rows as usize {
            return Err(format!("表格过大：最多 {} 行", limits.max_rows));
        }
        seen += 1;
        if record.len() > limits.max_columns as usize {
            return Err(format!("第 {line} 行超过 {} 列", limits.max_columns));
        }
        if record.iter().any(|c| c.chars().count() > limits.max_cell_chars) {
            return Err(format!("第 {line} 行有单元格内容过长（上限 {} 字）", limits.max_cell_chars));
        }
        if keep {
            lines.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
        }
    }
    Ok(lines)
}
