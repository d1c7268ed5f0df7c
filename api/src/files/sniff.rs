//! A file's type from its content (magic bytes; for ZIP-based Office files the package's
//! parts), and the type its name claims; the two must agree.

use std::io::{Read, Seek, SeekFrom};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Pdf,
    Docx,
    Xlsx,
    /// Legacy Excel (a CFB container).
    Xls,
    /// Plain text (CSV and TXT): no NUL bytes in the first 8 KB.
    Text,
    /// Generated archive packages only (an upload is never typed as this).
    Zip,
}

impl Kind {
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Pdf => "application/pdf",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Xls => "application/vnd.ms-excel",
            Kind::Text => "text/csv",
            Kind::Zip => "application/zip",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPG 图片",
            Kind::Png => "PNG 图片",
            Kind::Pdf => "PDF 文件",
            Kind::Docx => "Word 文档（.docx）",
            Kind::Xlsx => "Excel 表格（.xlsx）",
            Kind::Xls => "旧版 Excel 表格（.xls）",
            Kind::Text => "文本/CSV 文件",
            Kind::Zip => "ZIP 归档包",
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, Kind::Jpeg | Kind::Png)
    }

    /// The type a file name claims by its extension.
    pub fn claimed_by(file_name: &str) -> Option<Kind> {
        let extension = file_name.rsplit_once('.')?.1.to_lowercase();
        Some(match extension.as_str() {
            "jpg" | "jpeg" => Kind::Jpeg,
            "png" => Kind::Png,
            "pdf" => Kind::Pdf,
            "docx" => Kind::Docx,
            "xlsx" | "xlsm" => Kind::Xlsx,
            "xls" => Kind::Xls,
            "csv" | "txt" => Kind::Text,
            _ => return None,
        })
    }
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The content's type, or `None` when it is none we accept. Reads at most the first 8 KB and,
/// for a ZIP, its central directory (never a compressed part).
pub fn sniff<R: Read + Seek>(mut source: R) -> std::io::Result<Option<Kind>> {
    let mut head = Vec::with_capacity(8192);
    (&mut source).take(8192).read_to_end(&mut head)?;
    Ok(if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if head.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if head.starts_with(&CFB_MAGIC) {
        Some(Kind::Xls)
    } else if head.starts_with(b"PK\x03\x04") {
        source.seek(SeekFrom::Start(0))?;
        office_kind(source)
    } else if !head.is_empty() && !head.contains(&0) {
        Some(Kind::Text)
    } else {
        None
    })
}

/// DOCX and XLSX are ZIP packages told apart by their main part; other ZIPs are refused.
fn office_kind<R: Read + Seek>(source: R) -> Option<Kind> {
    let archive = zip::ZipArchive::new(source).ok()?;
    let has = |name: &str| archive.file_names().any(|n| matches!(n, Ok(n) if n == name));
    if has("xl/workbook.xml") {
        Some(Kind::Xlsx)
    } else if has("word/document.xml") {
        Some(Kind::Docx)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(sniff(Cursor::new(b"\x89PNG\r\n\x1a\nxxxx")).unwrap(), Some(Kind::Png));
        assert_eq!(sniff(Cursor::new(CFB_MAGIC)).unwrap(), Some(Kind::Xls));
        assert_eq!(sniff(Cursor::new(b"MZ\x90\x00\x03\x00")).unwrap(), None);
        assert_eq!(sniff(Cursor::new("姓名,身份证号码\n".as_bytes())).unwrap(), Some(Kind::Text));
        let xlsx = rust_xlsxwriter::Workbook::new().save_to_buffer().unwrap();
        assert_eq!(sniff(Cursor::new(xlsx)).unwrap(), Some(Kind::Xlsx));
        assert_eq!(Kind::claimed_by("名单.XLS"), Some(Kind::Xls));
        assert_eq!(Kind::claimed_by("a.exe"), None);
    }
}
