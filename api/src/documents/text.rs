//! The encoding of an uploaded text file, decided on the whole file: UTF-8 (with or without
//! BOM), else GBK/GB18030 — but only when it decodes cleanly and reads like Chinese text. A
//! UTF-8 file with a few broken bytes is refused rather than silently read as GBK (which
//! would turn every Chinese name into mojibake).

pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().len() - chunk.valid().chars().filter(char::is_ascii).count();
        invalid += chunk.invalid().len();
    }
    if valid_multibyte >= 4 * invalid {
        let line = first_bad_line(bytes);
        return Err(format!("文件编码有误：第 {line} 行含有无效的 UTF-8 字符，请检查后重新保存为 UTF-8 或 GBK 编码"));
    }
    let text = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or("文件编码无法识别：既不是 UTF-8 也不是 GBK，请另存为 UTF-8 编码的 CSV")?;
    if !plausible(&text) {
        return Err("文件编码无法识别：既不是 UTF-8 也不是 GBK，请另存为 UTF-8 编码的 CSV".into());
    }
    Ok(text.into_owned())
}

fn first_bad_line(bytes: &[u8]) -> usize {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1
}

/// Text decoded as GBK reads like Chinese: no control characters, and its non-ASCII
/// characters are mostly CJK ideographs and CJK/full-width punctuation.
fn plausible(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut common = 0usize;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\r' | '\n') {
            return false;
        }
        if !c.is_ascii() {
            non_ascii += 1;
            if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{206F}' | '·')
            {
                common += 1;
            }
        }
    }
    common * 10 >= non_ascii * 9
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_gbk_and_broken_utf8() {
        assert_eq!(decode("\u{feff}姓名,张三".as_bytes()).unwrap(), "姓名,张三");
        let (gbk, _, _) = encoding_rs::GB18030.encode("工号,姓名\nE1,张建国\nE2,李秀英\n");
        assert_eq!(decode(&gbk).unwrap(), "工号,姓名\nE1,张建国\nE2,李秀英\n");
        let mut broken = "name,id\n张建国,1\n李秀英,2\n".as_bytes().to_vec();
        broken.extend_from_slice(b"\xFF\xFE,3\n");
        let error = decode(&broken).unwrap_err();
        assert!(error.contains("第 4 行"), "{error}");
        assert!(decode(b"a,b\n\x81\x30\x81\x30\x01\x02\xc0\x80").is_err());
    }
}
