//! Server-side documents: PDFs typeset with typst (as a library) in Chinese fonts, the one XLSX
//! writer style, and the one tabular import (XLSX/CSV) with its limits.

pub mod official;
pub mod pdf;
mod seal_mark;
pub mod table_import;
pub mod text;
pub mod xlsx;

/// A QR code as SVG, at least `size` pixels square (letters, sealed documents, check-in).
pub fn qr_svg(text: &str, size: u32) -> Result<String, crate::error::ApiError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(crate::error::ApiError::internal)?;
    Ok(code.render::<qrcode::render::svg::Color>().min_dimensions(size, size).build())
}
