//! Typesetting typst markup into a PDF. Fonts come from the Noto CJK files Debian installs
//! (`fonts-noto-cjk`) or `DANGJIAN_FONTS_DIR`; they are loaded once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const FONT_DIRS: [&str; 3] =
    ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype"];

fn font_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| matches!(x.to_str(), Some("ttc" | "otf" | "ttf"))))
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains("CJK")))
                .collect()
        })
        .unwrap_or_default()
}

static EXTRA_FONTS: OnceLock<PathBuf> = OnceLock::new();

/// A directory of further fonts (仿宋_GB2312, 方正小标宋 …) for official documents; set once at
/// start-up (`document_fonts_dir`), before the first document is typeset.
pub fn use_extra_fonts(dir: PathBuf) {
    let _ = EXTRA_FONTS.set(dir);
}

fn extra_fonts() -> Vec<Font> {
    let Some(dir) = EXTRA_FONTS.get() else { return Vec::new() };
    let files = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>())
        .unwrap_or_default();
    files
        .iter()
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| matches!(x.to_lowercase().as_str(), "ttc" | "otf" | "ttf"))
        })
        .filter_map(|p| std::fs::read(p).ok())
        .flat_map(|data| Font::iter(Bytes::new(data)).collect::<Vec<_>>())
        .collect()
}

fn fonts() -> &'static Result<Vec<Font>, String> {
    static FONTS: OnceLock<Result<Vec<Font>, String>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let dirs: Vec<PathBuf> = std::env::var("DANGJIAN_FONTS_DIR")
            .map(|d| vec![PathBuf::from(d)])
            .unwrap_or_else(|_| FONT_DIRS.iter().map(PathBuf::from).collect());
        let mut fonts = Vec::new();
        for file in dirs.iter().flat_map(|d| font_files(d)) {
            // Sans regular and bold are enough for ledgers and official documents.
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !(name.starts_with("NotoSansCJK") || name.starts_with("NotoSerifCJK")) || name.contains("Mono") {
                continue;
            }
            if let Ok(data) = std::fs::read(&file) {
                fonts.extend(Font::iter(Bytes::new(data)));
            }
        }
        fonts.extend(extra_fonts());
        if fonts.is_empty() {
            Err("未找到中文字体（请安装 fonts-noto-cjk 或设置 DANGJIAN_FONTS_DIR）".to_string())
        } else {
            Ok(fonts)
        }
    })
}

struct DocumentWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'static [Font],
    main: Source,
    /// Binary files the markup may read (`image("/seal.png")`).
    files: Vec<(FileId, Bytes)>,
    today: chrono::NaiveDate,
}

fn file_id(path: &str) -> Result<FileId, String> {
    let path = VirtualPath::new(path).map_err(|e| format!("{e:?}"))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, path)))
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.iter().find(|(f, _)| *f == id).map(|(_, b)| b.clone()).ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        use chrono::Datelike;
        Datetime::from_ymd(self.today.year(), self.today.month() as u8, self.today.day() as u8)
    }
}

/// A string literal for typst markup (user text never becomes markup).
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Typesets `markup` (typst syntax) into PDF bytes.
pub fn render(markup: &str, today: chrono::NaiveDate) -> Result<Vec<u8>, String> {
    render_with_files(markup, today, Vec::new())
}

/// Typesets `markup`, which may read the given binary files by their absolute paths.
pub fn render_with_files(
    markup: &str,
    today: chrono::NaiveDate,
    files: Vec<(&str, Vec<u8>)>,
) -> Result<Vec<u8>, String> {
    let fonts = fonts().as_ref().map_err(Clone::clone)?;
    let main = Source::new(file_id("/main.typ")?, markup.to_string());
    let files = files
        .into_iter()
        .map(|(path, bytes)| Ok((file_id(path)?, Bytes::new(bytes))))
        .collect::<Result<Vec<_>, String>>()?;
    let world = DocumentWorld {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(fonts.iter())),
        fonts,
        main,
        files,
        today,
    };
    let document: typst_layout::PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(typst_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
