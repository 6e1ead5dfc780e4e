//! One visual style for every chart: colours that are safe for colour-vision deficiencies
//! (Okabe-Ito) *and* stay apart in greyscale print (alternating lightness, hatching on every
//! third series), plus the sizes for screen and A4 print.

use serde::{Deserialize, Serialize};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG), 0 = black, 1 = white.
    pub fn luminance(self) -> f64 {
        fn lin(c: u8) -> f64 {
            let c = c as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Text colour that reads on this fill.
    pub fn text_on(self) -> Rgb {
        if self.luminance() > 0.33 {
            INK
        } else {
            WHITE
        }
    }

    /// Linear mix towards `other` (t = 0 → self, 1 → other).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

pub const WHITE: Rgb = Rgb(255, 255, 255);
/// Body text.
pub const INK: Rgb = Rgb(0x22, 0x22, 0x22);
/// Secondary text (subtitles, footnotes, axis labels).
pub const MUTED: Rgb = Rgb(0x5a, 0x5a, 0x5a);
/// Grid lines.
pub const GRID: Rgb = Rgb(0xe2, 0xe2, 0xe2);
/// Axis lines and ticks.
pub const AXIS: Rgb = Rgb(0x8c, 0x8c, 0x8c);
/// The main data colour (Okabe-Ito blue).
pub const PRIMARY: Rgb = Rgb(0x00, 0x72, 0xb2);
/// A highlighted item, e.g. the school of a per-school report (Okabe-Ito orange; much lighter
/// than PRIMARY, so it stays distinct in greyscale).
pub const HIGHLIGHT: Rgb = Rgb(0xe6, 0x9f, 0x00);
/// Target / contract lines (Okabe-Ito vermillion).
pub const TARGET: Rgb = Rgb(0xd5, 0x5e, 0x00);
/// Median / reference lines.
pub const REFERENCE: Rgb = Rgb(0x22, 0x22, 0x22);
/// IBCS actual (solid) and plan (outlined) colour.
pub const IBCS_ACTUAL: Rgb = Rgb(0x40, 0x40, 0x40);
/// IBCS: positive / negative variance.
pub const IBCS_GOOD: Rgb = Rgb(0x00, 0x9e, 0x73);
pub const IBCS_BAD: Rgb = Rgb(0xd5, 0x5e, 0x00);

/// Series colours in an order whose neighbours differ in lightness (greyscale print) and hue
/// (colour-vision deficiencies). Okabe-Ito, reordered.
pub const SERIES: [Rgb; 8] = [
    Rgb(0x00, 0x72, 0xb2), // blue, L* 46
    Rgb(0xe6, 0x9f, 0x00), // orange, L* 72
    Rgb(0x00, 0x9e, 0x73), // bluish green, L* 57 (hatched)
    Rgb(0x56, 0xb4, 0xe9), // sky blue, L* 70
    Rgb(0xd5, 0x5e, 0x00), // vermillion, L* 55 (hatched)
    Rgb(0xf0, 0xe4, 0x42), // yellow, L* 89
    Rgb(0xcc, 0x79, 0xa7), // reddish purple, L* 62 (hatched)
    Rgb(0x55, 0x55, 0x55), // dark grey, L* 36
];

/// Fill pattern on top of a series colour, for greyscale print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pattern {
    Solid,
    /// Diagonal white hatching.
    Hatch,
}

pub fn series_color(i: usize) -> Rgb {
    SERIES[i % SERIES.len()]
}

pub fn series_pattern(i: usize) -> Pattern {
    if i % 8 == 2 || i % 8 == 4 || i % 8 == 6 {
        Pattern::Hatch
    } else {
        Pattern::Solid
    }
}

/// Sequential ramp (ColorBrewer Blues) for heatmaps: light = low, dark = high; readable in grey.
pub const RAMP: [Rgb; 7] = [
    Rgb(0xef, 0xf3, 0xff),
    Rgb(0xc6, 0xdb, 0xef),
    Rgb(0x9e, 0xca, 0xe1),
    Rgb(0x6b, 0xae, 0xd6),
    Rgb(0x42, 0x92, 0xc6),
    Rgb(0x21, 0x71, 0xb5),
    Rgb(0x08, 0x45, 0x94),
];

/// Colour of `t` ∈ [0, 1] on the sequential ramp.
pub fn ramp(t: f64) -> Rgb {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (RAMP.len() - 1) as f64;
    let i = (x.floor() as usize).min(RAMP.len() - 2);
    RAMP[i].mix(RAMP[i + 1], x - i as f64)
}

/// Output size of a chart in CSS pixels (96 per inch) and its base font size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Size {
    pub width: f64,
    /// Minimum height; charts with many rows (rankings) grow taller.
    pub height: f64,
    /// Base font size in px (labels); titles and footnotes scale from it.
    pub font: f64,
}

impl Size {
    /// In the window and for PNG at 96 dpi.
    pub const SCREEN: Size = Size {
        width: 960.0,
        height: 540.0,
        font: 14.0,
    };
    /// Full text width of an A4 page with 20 mm margins (170 mm = 642 px); 12 px = 9 pt.
    pub const PRINT: Size = Size {
        width: 642.0,
        height: 380.0,
        font: 12.0,
    };

    pub fn with_height(self, height: f64) -> Size {
        Size { height, ..self }
    }
}

/// Pixels per inch of SVG user units (CSS).
pub const CSS_DPI: f64 = 96.0;
/// Resolution of print PNGs.
pub const PRINT_DPI: f64 = 300.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_series_differ_in_grey() {
        // In greyscale, adjacent series must differ clearly in luminance or in pattern.
        for i in 0..SERIES.len() - 1 {
            let (a, b) = (series_color(i), series_color(i + 1));
            let dl = (a.luminance() - b.luminance()).abs();
            assert!(
                dl > 0.08 || series_pattern(i) != series_pattern(i + 1),
                "series {i} and {} too close in grey ({dl:.3})",
                i + 1
            );
        }
        assert!((PRIMARY.luminance() - HIGHLIGHT.luminance()).abs() > 0.2);
    }

    #[test]
    fn ramp_is_monotone_in_lightness() {
        let mut last = 2.0;
        for k in 0..=20 {
            let l = ramp(k as f64 / 20.0).luminance();
            assert!(l < last, "ramp not monotone at {k}");
            last = l;
        }
    }
}
