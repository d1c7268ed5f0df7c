//! Responses that hand a file to the browser: the sniffed type, `attachment` for anything but
//! images, an RFC 5987 file name, and headers that stop the browser from sniffing or running it.

use actix_web::HttpResponse;

/// A stored or generated file. Images are shown inline; everything else is downloaded.
pub fn file(bytes: Vec<u8>, media_type: &str, file_name: &str) -> HttpResponse {
    let inline = matches!(media_type, "image/jpeg" | "image/png");
    HttpResponse::Ok()
        .content_type(media_type.to_string())
        .insert_header(("Content-Disposition", content_disposition(inline, file_name)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`.
pub fn content_disposition(inline: bool, file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') { c } else { '_' })
        .collect();
    format!(
        "{}; filename=\"{fallback}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        rfc5987(file_name)
    )
}

/// RFC 5987 `value-chars`: attr-chars as they are, every other byte as %XX.
fn rfc5987(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_encoded_for_every_browser() {
        assert_eq!(
            super::content_disposition(false, "会议 纪要;x.pdf"),
            "attachment; filename=\"______x.pdf\"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%20%E7%BA%AA%E8%A6%81%3Bx.pdf"
        );
    }
}
