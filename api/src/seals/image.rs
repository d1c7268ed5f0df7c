//! The seal as an image for the screens: the uploaded one, or the standard round red seal as
//! SVG — the same drawing the documents carry (`documents::seal_mark`): a ring, a five-pointed
//! star, and the org's name along the upper arc.

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The generated seal of `name`, 200 × 200 units.
pub fn generated_svg(name: &str) -> String {
    const RED: &str = "#e60012";
    let (r, size) = (100.0_f64, 200.0_f64);
    let star_r = size * 0.16;
    let points: Vec<String> = (0..10)
        .map(|i| {
            let a = (-90.0 + f64::from(i) * 36.0).to_radians();
            let len = if i % 2 == 0 { star_r } else { star_r * 0.382 };
            format!("{:.2},{:.2}", r + len * a.cos(), r + len * a.sin())
        })
        .collect();
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len().max(1) as f64;
    let span = (n * 26.0 + 20.0).min(250.0);
    let char_size = (size * 0.15).min(size * 2.9 / n);
    let ring = r - 7.6 - char_size * 0.62;
    let mut text = String::new();
    for (i, c) in chars.iter().enumerate() {
        let deg = -span / 2.0 + span * (i as f64 + 0.5) / n;
        let a = deg.to_radians();
        let (x, y) = (r + ring * a.sin(), r - ring * a.cos());
        text.push_str(&format!(
            r#"<text x="{x:.2}" y="{y:.2}" transform="rotate({deg:.2} {x:.2} {y:.2})" font-size="{fs:.2}" font-weight="bold" fill="{RED}" text-anchor="middle" dominant-baseline="central" font-family="'Noto Sans CJK SC','Source Han Sans SC',sans-serif">{c}</text>"#,
            fs = char_size * 0.9,
            c = escape(&c.to_string()),
        ));
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200"><circle cx="100" cy="100" r="96.6" fill="none" stroke="{RED}" stroke-width="6.8"/><polygon fill="{RED}" points="{}"/>{text}</svg>"#,
        points.join(" ")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_name_is_escaped_and_drawn_character_by_character() {
        let svg = super::generated_svg("中共<机关>党委");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("&lt;") && !svg.contains("<机"));
        assert_eq!(svg.matches("<text").count(), 8);
    }
}
