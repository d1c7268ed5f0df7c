//! Hostile files for the upload tests, built with the security review's generator
//! (`make_bomb_xlsx.py`, ported here where it is a few lines) and Python's zipfile.

use std::process::Command;

/// Runs a short Python program (stdlib only) and returns what it writes to stdout.
fn python(program: &str) -> Vec<u8> {
    let output = Command::new("python3").arg("-c").arg(program).output().expect("python3 is installed");
    assert!(output.status.success(), "python failed: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The review's generator: `range` (cells A1 and XFD1048576) or `sst` (uniqueCount 10^11).
pub fn review_bomb(mode: &str) -> Vec<u8> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/make_bomb_xlsx.py");
    let output = Command::new("python3").arg(script).arg(mode).output().expect("python3 is installed");
    assert!(output.status.success());
    output.stdout
}

/// A workbook whose sheet inflates to `megabytes` MB of spaces (its ZIP directory is honest).
pub fn deflate_bomb(megabytes: usize) -> Vec<u8> {
    python(&format!(
        r#"
import io, sys, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/workbook.xml", "<workbook/>")
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        chunk = b" " * (1 << 20)
        for _ in range({megabytes}):
            f.write(chunk)
sys.stdout.buffer.write(buf.getvalue())
"#
    ))
}

/// A legacy `.xls` container header (CFB magic) with nothing useful inside.
pub fn cfb_file() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    bytes
}
