//! Server-side documents: PDFs typeset with typst (as a library) in Chinese fonts, the one XLSX
//! writer style, and the one tabular import (XLSX/CSV) with its limits.

pub mod official;
pub mod pdf;
mod seal_mark;
pub mod table_import;
pub mod text;
pub mod xlsx;
