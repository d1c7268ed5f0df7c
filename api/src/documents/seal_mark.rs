//! The standard round red seal (公章) drawn in typst: a ring, a five-pointed star in the middle
//! and the org's name along the upper arc, read clockwise. An uploaded seal image replaces it.

/// Typst definitions: `seal(name, size)` draws the generated seal; `seal-image(path, size)`
/// places an uploaded one.
pub const DEFINITIONS: &str = r##"
#let seal-red = rgb("#e60012")
#let seal(name, size) = box(width: size, height: size, {
  let r = size / 2
  place(top + left, circle(radius: r - 0.6mm, stroke: 1.2mm + seal-red))
  let star-r = size * 0.16
  let points = range(10).map(i => {
    let a = -90deg + i * 36deg
    let len = if calc.even(i) { star-r } else { star-r * 0.382 }
    (r + len * calc.cos(a), r + len * calc.sin(a))
  })
  place(top + left, polygon(fill: seal-red, stroke: none, ..points))
  let chars = name.clusters()
  let n = chars.len()
  let span = calc.min(250deg, n * 26deg + 20deg)
  let char-size = calc.min(size * 0.15, size * 2.9 / calc.max(n, 1))
  for (i, c) in chars.enumerate() {
    let a = -span / 2 + span * (i + 0.5) / n
    let ring = r - 1.6mm - char-size * 0.62
    let x = r + ring * calc.sin(a)
    let y = r - ring * calc.cos(a)
    place(top + left, dx: x - char-size / 2, dy: y - char-size / 2,
      box(width: char-size, height: char-size,
        align(center + horizon, rotate(a, text(font: ("Noto Sans CJK SC",), weight: "bold", size: char-size * 0.9, fill: seal-red, top-edge: 0.88em, bottom-edge: -0.12em, tracking: 0pt, c)))))
  }
})
#let seal-image(path, size) = box(width: size, height: size, image(path, width: size, height: size, fit: "contain"))
"##;
