//! Server-side documents: PDFs typeset with typst (as a library) in Chinese fonts.

pub mod pdf;
