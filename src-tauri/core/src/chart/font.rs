//! The one font of every chart and report page, embedded in the binary: Liberation Sans
//! (SIL Open Font License 1.1, metric-compatible with Arial; see `assets/fonts/`).
//! No system font is ever looked up: text is measured here with `ab_glyph`, and the SVG → PNG/PDF
//! converters get a font database that holds only these faces, with `sans-serif` mapped to them
//! (otherwise usvg looks for "Arial" and silently drops all text).

use std::sync::{Arc, OnceLock};

use ab_glyph::{Font, FontRef};

/// Family name written into every SVG `font-family`.
pub const FAMILY: &str = "Liberation Sans";
/// CSS fallback list used in SVG shown in the window (where the embedded face is not loaded).
pub const CSS_FAMILY: &str = "'Liberation Sans', Arial, Helvetica, sans-serif";

pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// Font weight of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

fn face(weight: Weight) -> &'static FontRef<'static> {
    static R: OnceLock<FontRef<'static>> = OnceLock::new();
    static B: OnceLock<FontRef<'static>> = OnceLock::new();
    // The embedded files are fixed at compile time and checked by a unit test.
    match weight {
        Weight::Regular => {
            R.get_or_init(|| FontRef::try_from_slice(REGULAR).expect("embedded font is valid"))
        }
        Weight::Bold => {
            B.get_or_init(|| FontRef::try_from_slice(BOLD).expect("embedded font is valid"))
        }
    }
}

/// Whether the embedded face has a glyph for `c` (otherwise the PDF shows an empty box).
pub fn has_glyph(c: char, weight: Weight) -> bool {
    face(weight).glyph_id(c).0 != 0
}

/// Advance width of `text` at a font size of `px` (CSS pixels per em), kerning included.
pub fn text_width(text: &str, px: f64, weight: Weight) -> f64 {
    let f = face(weight);
    let upem = f.units_per_em().unwrap_or(2048.0) as f64;
    let mut w = 0.0f64;
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        w += f.h_advance_unscaled(id) as f64;
        if let Some(p) = prev {
            w += f.kern_unscaled(p, id) as f64;
        }
        prev = Some(id);
    }
    w / upem * px
}

/// Cuts `text` to fit `max_w`, ending in "…" when shortened.
pub fn truncate_to_width(text: &str, max_w: f64, px: f64, weight: Weight) -> String {
    if text_width(text, px, weight) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut lo = 0usize;
    let mut hi = chars.len();
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let cand: String = chars[..mid]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if text_width(&cand, px, weight) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// Greedy word wrap to `max_w`; words longer than a line are cut with "…".
pub fn wrap(text: &str, max_w: f64, px: f64, weight: Weight) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let cand = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&cand, px, weight) <= max_w || line.is_empty() {
                line = cand;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
        }
        if !line.is_empty() {
            lines.push(truncate_to_width(&line, max_w, px, weight));
        }
    }
    lines
}

/// The font database for usvg/resvg/svg2pdf: only the embedded faces; every generic family
/// (`sans-serif`, `serif`, …) resolves to them.
pub fn fontdb() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_faces_load_and_measure() {
        // Liberation Sans is metric-compatible with Arial: "0" advances 1139/2048 em.
        let w = text_width("0000", 20.0, Weight::Regular);
        assert!((w - 4.0 * 1139.0 / 2048.0 * 20.0).abs() < 0.01, "{w}");
        assert!(text_width("Mio. €", 12.0, Weight::Bold) > text_width("Mio.", 12.0, Weight::Bold));
        let db = fontdb();
        assert_eq!(db.len(), 2);
        assert!(db
            .faces()
            .all(|f| f.families.iter().any(|(n, _)| n == FAMILY)));
    }

    #[test]
    fn wraps_and_truncates() {
        let lines = wrap(
            "eins zwei drei vier fünf sechs",
            60.0,
            12.0,
            Weight::Regular,
        );
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| text_width(l, 12.0, Weight::Regular) <= 60.0));
        let t = truncate_to_width(
            "Städtische Gemeinschaftsgrundschule",
            80.0,
            12.0,
            Weight::Regular,
        );
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 12.0, Weight::Regular) <= 80.0);
    }
}
