//! The sealed 请示 read back as the printer sees it (poppler's `pdftotext -bbox-layout` and a
//! `pdftoppm` page image): A4, the 版心 at 28 mm from the left, 22 lines of 28 characters, the
//! title centred, the red separator 4 mm under the 发文字号, page numbers alternating sides
//! 7 mm below the 版心, and the red seal over the 署名.

use std::process::Command;

use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use serde_json::json;

const MM: f64 = 72.0 / 25.4;

/// Plain text of a PDF (`pdftotext`).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = e2e::TempDir::new();
    let path = dir.0.join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[derive(Debug)]
struct Line {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    tag[start..].split('"').next().unwrap().parse().unwrap()
}

fn lines(pdf: &[u8]) -> Vec<Line> {
    let dir = e2e::TempDir::new();
    let path = dir.0.join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-bbox-layout").arg(&path).arg("-").output().unwrap();
    let xml = String::from_utf8_lossy(&out.stdout).to_string();
    let mut found = Vec::new();
    for (page, chunk) in xml.split("<page ").skip(1).enumerate() {
        for line in chunk.split("<line ").skip(1) {
            let tag = line.split('>').next().unwrap();
            let text: String = line
                .split("<word ")
                .skip(1)
                .map(|w| w.split('>').nth(1).unwrap().split('<').next().unwrap().to_string())
                .collect();
            found.push(Line {
                page: page + 1,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                text,
            });
        }
    }
    found
}

/// Rows of red pixels of page `page` at 72 dpi: (y, first x, count).
fn red_rows(pdf: &[u8], page: usize) -> Vec<(usize, usize, usize)> {
    let dir = e2e::TempDir::new();
    let path = dir.0.join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let prefix = dir.0.join("page");
    let p = page.to_string();
    let status =
        Command::new("pdftoppm").args(["-r", "72", "-f", &p, "-l", &p, "-singlefile"]).arg(&path).arg(&prefix).status();
    assert!(status.unwrap().success());
    let ppm = std::fs::read(dir.0.join("page.ppm")).unwrap();
    // P6 header: magic, width, height, max, then RGB bytes.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &ppm[at + 1..];
    (0..h)
        .filter_map(|y| {
            let red: Vec<usize> = (0..w)
                .filter(|x| {
                    let i = (y * w + x) * 3;
                    pixels[i] > 170 && pixels[i + 1] < 110 && pixels[i + 2] < 110
                })
                .collect();
            red.first().map(|first| (y, *first, red.len()))
        })
        .collect()
}

fn near(value: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((value - expected).abs() <= tolerance, "{what}: {value:.1} pt, expected {expected:.1} ± {tolerance}");
}

#[test]
fn the_sealed_request_is_laid_out_after_gbt_9704() {
    let (app, f) = spawn_with_fixture();
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let mut input = crate::requests::by_election(&zhibu, &f);
    let long =
        "赵丽同志政治立场坚定，工作认真负责，团结同志，在科研和党建工作中发挥了先锋模范作用，群众基础较好。".repeat(9);
    input["fields"]["profile"] = json!(long);
    let created = e2e::expect(zhibu.post("/api/v1/requests", &input), 201);
    let s = |d| crate::requests::step(&zhibu, d, json!({}));
    let sent = s(&s(&s(&created)));
    let pdf = zhibu.get(sent["documents"][0]["pdf_url"].as_str().unwrap()).bytes().unwrap().to_vec();
    let lines = lines(&pdf);
    let left = 28.0 * MM;
    let width = 156.0 * MM;
    assert!(lines.iter().any(|l| l.page == 2), "the long request runs onto a second page");

    let title = lines.iter().find(|l| l.text.contains("关于增补")).unwrap();
    near((title.x0 + title.x1) / 2.0, left + width / 2.0, 6.0, "title centred in the 版心");
    let addressee = lines.iter().find(|l| l.text.starts_with("中共一所党委：")).unwrap();
    near(addressee.x0, left, 3.0, "主送机关 flush left");
    let number = lines.iter().find(|l| l.text.contains('〔')).unwrap();
    near(number.x0, left + 16.0, 4.0, "发文字号 one character in");
    assert!(lines.iter().any(|l| l.text.contains("签发人") && l.x1 > left + width - 30.0), "签发人 on the right");

    // The body grid: full lines of 28 characters at the line pitch (225 mm / 22).
    let body: Vec<&Line> =
        lines.iter().filter(|l| l.page == 1 && l.y0 > addressee.y0 + 1.0 && l.x0 < left + 40.0).collect();
    assert!(body.iter().any(|l| (l.x0 - (left + 31.5)).abs() < 4.0), "a paragraph indented two characters");
    let full: Vec<&&Line> =
        body.iter().filter(|l| (l.x0 - left).abs() < 3.0 && (l.x1 - (left + width)).abs() < 4.0).collect();
    assert!(!full.is_empty(), "full-width lines");
    // 28 characters; 29 where typst compresses a CJK punctuation mark to half width.
    let cjk_only: Vec<usize> = full
        .iter()
        .filter(|l| !l.text.chars().any(|c| c.is_ascii_alphanumeric()))
        .map(|l| l.text.chars().count())
        .collect();
    assert!(!cjk_only.is_empty() && cjk_only.iter().all(|n| (28..=29).contains(n)), "28 characters per line: {full:?}");
    assert!(cjk_only.contains(&28), "{full:?}");
    let pitch = 225.0 * MM / 22.0;
    let steps: Vec<f64> = body.windows(2).map(|w| w[1].y0 - w[0].y0).filter(|d| *d > 20.0 && *d < 35.0).collect();
    assert!(steps.len() > 5 && steps.iter().all(|d| (d - pitch).abs() < 1.5), "line pitch {pitch:.2}: {steps:?}");

    // Page numbers: "— 1 —" on the right of page 1, "— 2 —" on the left of page 2, 7 mm below.
    let page_no = |n: usize| {
        lines.iter().find(|l| l.page == n && l.text.contains(&n.to_string()) && l.text.contains('—')).unwrap()
    };
    near(page_no(1).x1, left + width - 14.0, 6.0, "page 1 number 右空一字");
    near(page_no(2).x0, left + 14.0, 6.0, "page 2 number 左空一字");
    near(page_no(1).y0, (297.0 - 35.0 + 7.0) * MM, 4.0, "page number 7 mm under the 版心");

    // The red mark 35 mm under the 版心's top, the red separator 4 mm under the 发文字号.
    let red = red_rows(&pdf, 1);
    near(red[0].0 as f64, (37.0 + 35.0) * MM, 5.0, "发文机关标志 top edge");
    let rule = red.iter().find(|(_, _, n)| *n as f64 > width * 0.95).expect("a red rule as wide as the 版心");
    near(rule.1 as f64, left, 3.0, "separator starts at the 版心");
    near(rule.0 as f64, number.y0 + 16.0 + 4.0 * MM, 5.0, "separator 4 mm under the 发文字号");
    // The seal on the last page: a red disc about 42 mm across, over the 署名.
    let seal = red_rows(&pdf, 2);
    let top = seal.first().unwrap().0 as f64;
    let bottom = seal.last().unwrap().0 as f64;
    near(bottom - top, 42.0 * MM, 8.0, "seal diameter");
    let page2: Vec<&Line> = lines.iter().filter(|l| l.page == 2).collect();
    let signature =
        page2.iter().find(|l| l.text.contains("中共一所第一党支") && l.x0 > left + 150.0 && l.x0 < left + 300.0);
    let signature = signature.unwrap_or_else(|| panic!("署名: {page2:?}"));
    assert!(signature.y0 > top && signature.y0 < bottom, "署名 under the seal");
}
