//! 姓氏笔画 order: names sorted by the stroke count of each character in turn. Stroke counts
//! of U+4E00–U+9FFF come from the Unihan total-strokes data (simplified forms), one byte each,
//! via the MIT-licensed `chinese-stroke` table. Within a stroke count the order falls back to
//! the code point (the official 笔形 order 横竖撇点折 is not in the table).

const TABLE: &[u8; 20992] = include_bytes!("strokes.bin");

/// The stroke count of a CJK unified ideograph; 0 for anything else (letters sort first).
pub fn stroke_count(c: char) -> u8 {
    let code = c as u32;
    if (0x4E00..=0x9FFF).contains(&code) { TABLE[(code - 0x4E00) as usize] } else { 0 }
}

fn key(name: &str) -> Vec<(u8, u32)> {
    name.chars().filter(|c| !c.is_whitespace()).map(|c| (stroke_count(c), c as u32)).collect()
}

/// Sorts items by their names in 姓氏笔画 order.
pub fn sort_by_strokes<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| key(name(item)));
}
