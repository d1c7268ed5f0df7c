//! Official documents (公文) laid out after GB/T 9704-2012 (domain.md §7.2): A4 with margins
//! 37/35/28/26 mm (版心 156 × 225 mm), 22 lines of 28 characters in 3号仿宋, the red 发文机关标志
//! 35 mm below the 版心's top, the 发文字号 with 〔〕 (and 签发人 on an upward document), the red
//! separator 4 mm below it, the title in 2号小标宋, headings 一、 黑体 / （一） 楷体 / 1. and （1）
//! 仿宋, 附件说明, 署名 and 成文日期 under the seal, 附注, page numbers "— 1 —" in 4号 alternating
//! sides 7 mm below the 版心, and the 版记 at the foot of the last page. Deployments that have
//! 仿宋_GB2312 / 方正小标宋 / 黑体 / 楷体 name their directory in `document_fonts_dir`; the Noto CJK
//! faces stand in otherwise.

use chrono::{Datelike, NaiveDate};

use super::pdf::{render_with_files, typst_string as s};
use crate::error::ApiError;

/// The seal over the 署名 and 成文日期.
pub enum SealMark {
    /// Not sealed yet (a draft's preview).
    None,
    /// The standard round seal drawn with the org's name.
    Generated(String),
    /// An uploaded PNG or JPEG.
    Image(Vec<u8>),
}

pub struct OfficialDocument<'a> {
    /// 上行文 (a 请示): the 发文字号 on the left, 签发人 on the right.
    pub upward: bool,
    /// 发文机关标志, e.g. 中共办公厅党支部.
    pub issuer_mark: &'a str,
    pub doc_number: String,
    pub signer: Option<&'a str>,
    pub title: &'a str,
    /// 主送机关.
    pub addressee: &'a str,
    /// Paragraphs are lines; GB/T 9704 headings are recognised by their numbering.
    pub body: &'a str,
    pub attachments: &'a [String],
    pub signature_org: &'a str,
    pub date: NaiveDate,
    pub seal: SealMark,
    /// 附注, e.g. （联系人：张三，电话：13800000000）.
    pub note: Option<String>,
    pub cc: &'a [String],
    /// 印发机关.
    pub printer: &'a str,
    /// The public check behind the QR code.
    pub verify_url: Option<String>,
}

/// 2026年11月27日 (Arabic numerals, GB/T 9704 §7.3.5).
pub fn date_text(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

const PAGE: &str = r##"
#let red = rgb("#e60012")
#let fangsong = ("FangSong_GB2312", "FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC")
#let xiaobiaosong = ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC")
#let heiti = ("SimHei", "黑体", "Noto Sans CJK SC")
#let kaiti = ("KaiTi_GB2312", "KaiTi", "楷体_GB2312", "楷体", "Noto Serif CJK SC")
#let songti = ("SimSun", "宋体", "Noto Serif CJK SC")
// One line of the 22-line grid: 225 mm / 22.
#let line-pitch = 225mm / 22
#let gap = line-pitch - 16pt
#set document(title: s_title)
#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer-descent: 7mm,
  footer: context {
    let n = counter(page).get().first()
    set text(font: songti, size: 14pt, tracking: 0pt, top-edge: 0.88em, bottom-edge: -0.12em)
    if calc.odd(n) { align(right)[— #n —#h(14pt)] } else { align(left)[#h(14pt)— #n —] }
  })
// 3号 (16 pt) with the advance narrowed so 28 characters fill the 156 mm line; each line box is
// exactly 1 em high so the grid holds (16 pt + gap = one line pitch).
#set text(font: fangsong, size: 16pt, lang: "zh", region: "cn", tracking: -0.25pt,
  top-edge: 0.88em, bottom-edge: -0.12em)
#set par(leading: gap, spacing: gap, justify: false, first-line-indent: (amount: 2em, all: true))
#let blank(n) = v(n * line-pitch - gap)
"##;

fn header(doc: &OfficialDocument) -> String {
    let number_line = if doc.upward {
        let signer = doc.signer.unwrap_or("");
        format!(
            "#grid(columns: (1fr, 1fr), align(left)[#h(1em)#(s_number)], align(right)[签发人：#text(font: kaiti)[#{}]#h(1em)])",
            s(signer)
        )
    } else {
        "#align(center)[#(s_number)]".to_string()
    };
    format!(
        r##"
#v(35mm)
#[
  #set par(first-line-indent: 0pt, justify: false)
  #align(center, text(font: xiaobiaosong, weight: "bold", size: 30pt, fill: red, tracking: 1pt, s_mark))
]
#blank(2)
#[
  #set par(first-line-indent: 0pt, justify: false)
  {number_line}
]
#v(4mm - gap)
#line(length: 100%, stroke: 0.5mm + red)
#blank(2)
#[
  #set par(first-line-indent: 0pt, leading: 7pt, justify: false)
  #align(center, text(font: xiaobiaosong, weight: "bold", size: 22pt, tracking: 0pt, s_title))
]
#blank(1)
#par(first-line-indent: 0pt)[#(s_addressee)：]
"##
    )
}

/// The body's paragraphs but the last, and the tail: the last paragraph and the 附件说明, which
/// stay on the page of the 署名 (a signature never stands alone on a page).
fn body(doc: &OfficialDocument) -> (String, String) {
    let lines: Vec<&str> = doc.body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let paragraph = |line: &str| {
        let font = match shared::rules::requests::heading_level(line) {
            Some(1) => "heiti",
            Some(2) => "kaiti",
            _ => "fangsong",
        };
        format!("#par(text(font: {font}, {}))\n", s(line))
    };
    let split = lines.len().saturating_sub(1);
    let out: String = lines[..split].iter().map(|l| paragraph(l)).collect();
    let mut tail: String = lines[split..].iter().map(|l| paragraph(l)).collect();
    if !doc.attachments.is_empty() {
        tail.push_str("#blank(1)\n");
        let many = doc.attachments.len() > 1;
        for (i, name) in doc.attachments.iter().enumerate() {
            let name = name.trim().trim_end_matches(['。', '.', '；', ';']);
            let label = match (i, many) {
                (0, false) => format!("附件：{name}"),
                (0, true) => format!("附件：1.{name}"),
                (i, _) => format!("{}.{name}", i + 1),
            };
            // Later items line up under the first name (附件： is 3 characters wide).
            let indent = if i == 0 { "2em" } else { "5em" };
            tail.push_str(&format!("#par(first-line-indent: {indent}, {})\n", s(&label)));
        }
    }
    (out, tail)
}

fn signature(doc: &OfficialDocument) -> String {
    let seal = match &doc.seal {
        SealMark::None => String::new(),
        SealMark::Generated(name) => format!("place(top + center, dy: -4mm, seal({}, 42mm))", s(name)),
        SealMark::Image(_) => "place(top + center, dy: -4mm, seal-image(\"/seal.png\", 42mm))".to_string(),
    };
    let qr = if doc.verify_url.is_some() {
        r#"#box(width: 24mm)[#image(bytes(s_qr), format: "svg", width: 20mm)#linebreak()#text(size: 9pt, tracking: 0pt)[扫码验证]]"#
    } else {
        ""
    };
    // 署名 and 成文日期 sit in the seal's lower middle; the date is 右空四字. The block keeps
    // 30 mm (two lines and the seal's centre); the seal's top reaches 4 mm into the blank line
    // above (within one line of the text, GB/T 9704 §7.3.5.1) and its bottom 8 mm below.
    format!(
        r##"
#blank(1)
#block(breakable: false, width: 100%)[
  #set par(first-line-indent: 0pt, justify: false)
  #grid(columns: (1fr, auto), align: (left + top, right + top),
    [{qr}],
    context {{
      let w = measure(text(s_date)).width
      box(width: w + 4em, height: 30mm, {{
        place(top + left, box(width: w, height: 30mm, {{
          {seal}
          place(top + center, dy: 12mm, s_org)
          place(top + center, dy: 12mm + line-pitch, s_date)
        }}))
      }})
    }})
]
"##
    )
}

fn closing(doc: &OfficialDocument) -> String {
    let mut out = String::new();
    if doc.note.is_some() {
        // Clear of the seal's lower edge, which reaches below the date.
        out.push_str("#v(8mm)\n#par(first-line-indent: 2em, s_note)\n");
    }
    out.push_str(
        "#v(1fr)\n#block(breakable: false, width: 100%)[\n#set text(size: 14pt, tracking: 0pt)\n#set par(first-line-indent: 0pt, justify: false, leading: 8pt, spacing: 6pt)\n",
    );
    out.push_str("#line(length: 100%, stroke: 0.35mm)\n");
    if !doc.cc.is_empty() {
        out.push_str("#pad(left: 1em, right: 1em)[抄送：#(s_cc)。]\n#line(length: 100%, stroke: 0.25mm)\n");
    }
    out.push_str(
        "#grid(columns: (1fr, 1fr), align(left)[#h(1em)#(s_printer)], align(right)[#(s_printed)印发#h(1em)])\n#line(length: 100%, stroke: 0.35mm)\n]\n",
    );
    out
}

fn markup(doc: &OfficialDocument) -> Result<String, ApiError> {
    let qr = match &doc.verify_url {
        Some(url) => super::qr_svg(url, 160)?,
        None => String::new(),
    };
    let date = date_text(doc.date);
    let bindings = [
        ("s_mark", doc.issuer_mark.to_string()),
        ("s_number", doc.doc_number.clone()),
        ("s_title", doc.title.to_string()),
        ("s_addressee", doc.addressee.to_string()),
        ("s_org", doc.signature_org.to_string()),
        ("s_date", date.clone()),
        ("s_note", doc.note.clone().unwrap_or_default()),
        ("s_cc", doc.cc.join("，")),
        ("s_printer", doc.printer.to_string()),
        ("s_printed", date),
        ("s_qr", qr),
    ];
    let mut out = String::new();
    for (name, value) in bindings {
        out.push_str(&format!("#let {name} = {}\n", s(&value)));
    }
    out.push_str(PAGE);
    out.push_str(super::seal_mark::DEFINITIONS);
    out.push_str(&header(doc));
    let (main, tail) = body(doc);
    out.push_str(&main);
    out.push_str(&format!(
        "#block(breakable: false, width: 100%, above: gap, below: gap)[\n{tail}{}]\n",
        signature(doc)
    ));
    out.push_str(&closing(doc));
    Ok(out)
}

/// The document as PDF bytes.
pub fn render(doc: &OfficialDocument, today: NaiveDate) -> Result<Vec<u8>, ApiError> {
    let source = markup(doc)?;
    let files = match &doc.seal {
        SealMark::Image(bytes) => vec![("/seal.png", bytes.clone())],
        _ => Vec::new(),
    };
    render_with_files(&source, today, files).map_err(|e| ApiError::internal(format!("公文排版失败：{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(body: &'a str, attachments: &'a [String], cc: &'a [String]) -> OfficialDocument<'a> {
        OfficialDocument {
            upward: true,
            issuer_mark: "中共办公厅党支部",
            doc_number: "办公厅党支〔2026〕3号".into(),
            signer: Some("王建国"),
            title: "中共办公厅党支部关于增补支部委员的请示",
            addressee: "中共机关党委",
            body,
            attachments,
            signature_org: "中共办公厅党支部",
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            seal: SealMark::Generated("中共办公厅党支部".into()),
            note: Some("（联系人：李红，电话：13800138000）".into()),
            cc,
            printer: "中共办公厅党支部",
            verify_url: Some("https://dj.example.cn/verify/doc/abc".into()),
        }
    }

    #[test]
    fn markup_compiles_into_a_pdf_with_headings_attachments_and_the_seal() {
        let body =
            "因工作调动，原组织委员转出。\n一、基本情况\n（一）党员人数\n1.正式党员12名\n（1）男性7名\n妥否，请批复。";
        let attachments = vec!["候选人简历".to_string(), "支部委员会会议记录。".to_string()];
        let cc = vec!["院党委组织部".to_string()];
        let doc = sample(body, &attachments, &cc);
        let source = markup(&doc).unwrap();
        assert!(source.contains("附件：1.候选人简历"), "{source}");
        assert!(source.contains("\"2.支部委员会会议记录\""), "no trailing punctuation");
        assert!(source.contains("font: heiti, \"一、基本情况\""));
        assert!(source.contains("font: kaiti, \"（一）党员人数\""));
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        match render_with_files(&source, today, Vec::new()) {
            Ok(pdf) => {
                assert!(pdf.starts_with(b"%PDF"));
                // For looking at: `pdftoppm -png` it.
                let _ = std::fs::write(std::env::temp_dir().join("official-sample.pdf"), &pdf);
            }
            // Machines without the Noto CJK fonts cannot typeset; the API suite covers that path.
            Err(e) => assert!(e.contains("字体"), "{e}"),
        }
    }

    #[test]
    fn user_text_never_becomes_markup() {
        let body = "#set page(paper: \"a5\") \\ \"引号\"";
        let doc = sample(body, &[], &[]);
        let source = markup(&doc).unwrap();
        assert!(source.contains(&format!("#par(text(font: fangsong, {}))", s(body))), "{source}");
        assert!(!source.contains("\n#set page(paper: \"a5\")"));
    }
}
