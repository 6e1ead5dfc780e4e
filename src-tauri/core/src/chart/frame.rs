//! What every chart carries around its plot: title, period and n, legend, and at the foot the
//! definition (where one applies) and the data source with its import date. Also the German
//! number formats used on axes and labels (`1.234`, `12,5 %`, `1,2 Mio. €`).

use serde::{Deserialize, Serialize};

use super::canvas::{Canvas, Rect, TextSpec};
use super::font::{self, Weight};
use super::style::{self, Pattern, Rgb, Size};
use crate::format::{format_decimal, format_int};
use crate::report::ReportError;

/// Short attribution of the NRW open-data sources for chart footers (the full text,
/// `crate::DIRECTORY_ATTRIBUTION`, goes into every report).
pub const DIRECTORY_SOURCE: &str = "Schuldaten: IT.NRW, Schul- und Adressverzeichnis 2024/25; \
Schulsozialindex: MSB NRW, Schulliste 2025/26; Lizenz dl-de/by-2-0";

/// How the values of a chart are written.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "decimals")]
pub enum ValueFormat {
    /// Whole numbers: `1.234`.
    Int,
    /// Decimal number with the given places: `12,5`.
    Decimal(u8),
    /// Values already in percent: `12,5 %`.
    Percent(u8),
    /// Euro amounts (in euros, not cents): `1.234 €`, `1,23 Mio. €`.
    Eur,
    /// Hours: `12,5 h`.
    Hours(u8),
}

impl ValueFormat {
    /// A data label (bar end, table cell in a chart).
    pub fn label(&self, v: f64) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        match *self {
            ValueFormat::Int => format_int(v.round() as i64),
            ValueFormat::Decimal(d) => format_decimal(v, d as usize),
            ValueFormat::Percent(d) => format!("{} %", format_decimal(v, d as usize)),
            ValueFormat::Hours(d) => format!("{} h", format_decimal(v, d as usize)),
            ValueFormat::Eur => {
                if v.abs() >= 1.0e6 {
                    format!("{} Mio. €", format_decimal(v / 1.0e6, 2))
                } else {
                    format!("{} €", format_int(v.round() as i64))
                }
            }
        }
    }

    /// Axis tick labels for ticks `step` apart up to `max_abs`: the unit (Tsd./Mio.) and the
    /// decimals follow the axis, so ticks read `0 €`, `250 Tsd. €`, `1,5 Mio. €`.
    pub fn axis(&self, v: f64, step: f64, max_abs: f64) -> String {
        let dec = |step: f64| -> usize {
            if step <= 0.0 || !step.is_finite() {
                return 0;
            }
            let mut d = 0usize;
            let mut s = step;
            while (s - s.round()).abs() > 1e-9 * s.abs().max(1.0) && d < 4 {
                s *= 10.0;
                d += 1;
            }
            d
        };
        let v = if v.abs() < step.abs() * 1e-9 { 0.0 } else { v };
        match *self {
            ValueFormat::Int => format_decimal(v, dec(step)),
            ValueFormat::Decimal(_) => format_decimal(v, dec(step)),
            ValueFormat::Percent(_) => format!("{} %", format_decimal(v, dec(step))),
            ValueFormat::Hours(_) => format!("{} h", format_decimal(v, dec(step))),
            ValueFormat::Eur => {
                let (div, unit) = if max_abs >= 1.0e6 {
                    (1.0e6, " Mio. €")
                } else if max_abs >= 1.0e4 {
                    (1.0e3, " Tsd. €")
                } else {
                    (1.0, " €")
                };
                format!("{}{}", format_decimal(v / div, dec(step / div)), unit)
            }
        }
    }

    /// Whether ticks must be whole numbers.
    pub fn integral(&self) -> bool {
        matches!(self, ValueFormat::Int)
    }
}

/// The labelling every chart carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChartMeta {
    /// German title, e.g. "Schülerinnen und Schüler nach Schulform".
    pub title: String,
    /// Period, e.g. "Schuljahr 2024/25" or "01.11.2025–31.10.2026".
    pub period: String,
    /// Number of observations behind the chart and what they are ("Schulen", "Tickets").
    pub n: Option<u64>,
    pub n_unit: String,
    /// Data source, e.g. `DIRECTORY_SOURCE`, or "Ticket-Export Zammad".
    pub source: String,
    /// Import date of the data ("24.11.2026"), if known.
    pub imported: Option<String>,
    /// Definition of the figure (KPI formula), printed as footnote.
    pub definition: Option<String>,
    /// Further notes (e.g. "Beispieldaten").
    pub notes: Vec<String>,
    /// English frame words ("Source", "As of") and generic legend words of the chart kinds;
    /// the caller gives title, labels and notes in English.
    #[serde(default)]
    pub english: bool,
}

impl ChartMeta {
    pub fn new(title: impl Into<String>) -> ChartMeta {
        ChartMeta {
            title: title.into(),
            ..Default::default()
        }
    }
    pub fn period(mut self, p: impl Into<String>) -> Self {
        self.period = p.into();
        self
    }
    pub fn n(mut self, n: u64, unit: impl Into<String>) -> Self {
        self.n = Some(n);
        self.n_unit = unit.into();
        self
    }
    pub fn source(mut self, s: impl Into<String>) -> Self {
        self.source = s.into();
        self
    }
    pub fn imported(mut self, d: impl Into<String>) -> Self {
        self.imported = Some(d.into());
        self
    }
    pub fn definition(mut self, d: impl Into<String>) -> Self {
        self.definition = Some(d.into());
        self
    }
    pub fn note(mut self, n: impl Into<String>) -> Self {
        self.notes.push(n.into());
        self
    }
    pub fn english(mut self, en: bool) -> Self {
        self.english = en;
        self
    }

    /// A generic legend word of the chart kinds ("hervorgehoben", "keine Daten", "niedrig (…)")
    /// in English when the chart is English; other labels stay as given.
    pub fn legend_word(&self, label: &str) -> String {
        if !self.english {
            return label.to_string();
        }
        const WORDS: [(&str, &str); 9] = [
            ("hervorgehoben", "highlighted"),
            ("andere", "other"),
            ("keine Daten", "no data"),
            ("mittel", "medium"),
            ("Basis", "base"),
            ("Median", "median"),
            ("mittlere 50 % (P25–P75)", "middle 50 % (P25–P75)"),
            ("niedrig (", "low ("),
            ("hoch (", "high ("),
        ];
        for (de, en) in WORDS {
            if label == de {
                return en.to_string();
            }
            if de.ends_with('(') {
                if let Some(rest) = label.strip_prefix(de) {
                    return format!("{en}{rest}");
                }
            }
        }
        label.to_string()
    }

    /// "Schuljahr 2024/25 · n = 44 Schulen".
    pub fn subtitle(&self) -> String {
        let mut parts = Vec::new();
        if !self.period.is_empty() {
            parts.push(self.period.clone());
        }
        if let Some(n) = self.n {
            let unit = if self.n_unit.is_empty() {
                String::new()
            } else {
                format!(" {}", self.n_unit)
            };
            parts.push(format!("n = {}{}", format_int(n as i64), unit));
        }
        parts.join(" · ")
    }

    /// "Quelle: … · Stand: 24.11.2026" ("Source: … · As of: …" in English).
    pub fn source_line(&self) -> String {
        let (source, own, as_of) = if self.english {
            ("Source", "own data", "As of")
        } else {
            ("Quelle", "eigene Daten", "Stand")
        };
        let mut s = format!(
            "{source}: {}",
            if self.source.is_empty() {
                own
            } else {
                &self.source
            }
        );
        if let Some(d) = &self.imported {
            s.push_str(&format!(" · {as_of}: {d}"));
        }
        s
    }
}

/// A legend entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegendItem {
    pub label: String,
    pub swatch: Swatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Swatch {
    Fill(Rgb, Pattern),
    /// Outlined box (IBCS plan).
    Outline(Rgb),
    Line(Rgb),
    Dashed(Rgb),
    Dot(Rgb),
}

/// Measured text blocks of the frame.
pub struct FrameLayout {
    pub title: Vec<String>,
    pub subtitle: Vec<String>,
    pub legend_rows: Vec<Vec<(LegendItem, f64)>>,
    pub footer: Vec<String>,
    pub header_h: f64,
    pub footer_h: f64,
    pub pad: f64,
}

pub struct FrameFonts {
    pub title: TextSpec,
    pub subtitle: TextSpec,
    pub legend: TextSpec,
    pub footer: TextSpec,
}

pub fn fonts(size: &Size) -> FrameFonts {
    FrameFonts {
        title: TextSpec::new(size.font * 1.3, style::INK).bold(),
        subtitle: TextSpec::new(size.font * 0.95, style::MUTED),
        legend: TextSpec::new(size.font * 0.9, style::INK),
        footer: TextSpec::new(size.font * 0.8, style::MUTED),
    }
}

/// Measures title, subtitle, legend and footer for a chart `size.width` wide.
pub fn measure(meta: &ChartMeta, legend: &[LegendItem], size: &Size) -> FrameLayout {
    let f = fonts(size);
    let pad = (size.font * 0.9).round();
    let inner = size.width - 2.0 * pad;
    let title = font::wrap(&meta.title, inner, f.title.px, Weight::Bold);
    let sub = meta.subtitle();
    let subtitle = if sub.is_empty() {
        vec![]
    } else {
        font::wrap(&sub, inner, f.subtitle.px, Weight::Regular)
    };
    // Legend: flow layout.
    let sw = f.legend.px * 1.1;
    let gap = f.legend.px * 1.4;
    let mut rows: Vec<Vec<(LegendItem, f64)>> = Vec::new();
    let mut row: Vec<(LegendItem, f64)> = Vec::new();
    let mut x = 0.0;
    for item in legend {
        let label = font::truncate_to_width(
            &meta.legend_word(&item.label),
            inner - sw - 6.0,
            f.legend.px,
            Weight::Regular,
        );
        let w = sw + 6.0 + f.legend.width(&label);
        if x > 0.0 && x + w > inner {
            rows.push(std::mem::take(&mut row));
            x = 0.0;
        }
        row.push((
            LegendItem {
                label,
                swatch: item.swatch,
            },
            x,
        ));
        x += w + gap;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    let mut footer = Vec::new();
    if let Some(d) = &meta.definition {
        footer.extend(font::wrap(
            &format!("Definition: {d}"),
            inner,
            f.footer.px,
            Weight::Regular,
        ));
    }
    for n in &meta.notes {
        footer.extend(font::wrap(n, inner, f.footer.px, Weight::Regular));
    }
    footer.extend(font::wrap(
        &meta.source_line(),
        inner,
        f.footer.px,
        Weight::Regular,
    ));
    let header_h = pad
        + title.len() as f64 * f.title.line_height()
        + subtitle.len() as f64 * f.subtitle.line_height()
        + if rows.is_empty() {
            0.0
        } else {
            size.font * 0.5 + rows.len() as f64 * f.legend.line_height()
        }
        + size.font * 0.8;
    let footer_h = size.font * 0.6 + footer.len() as f64 * f.footer.line_height() + pad * 0.8;
    FrameLayout {
        title,
        subtitle,
        legend_rows: rows,
        footer,
        header_h,
        footer_h,
        pad,
    }
}

/// Draws the frame and returns the rectangle left for the plot.
pub fn draw(c: &mut Canvas, layout: &FrameLayout, size: &Size) -> Result<Rect, ReportError> {
    let f = fonts(size);
    c.fill_rect(c.full(), style::WHITE, 1.0)?;
    let pad = layout.pad;
    let mut y = pad;
    for l in &layout.title {
        c.text(l, pad, y, f.title)?;
        y += f.title.line_height();
    }
    for l in &layout.subtitle {
        c.text(l, pad, y, f.subtitle)?;
        y += f.subtitle.line_height();
    }
    if !layout.legend_rows.is_empty() {
        y += size.font * 0.5;
        for row in &layout.legend_rows {
            for (item, x) in row {
                draw_swatch(c, item.swatch, pad + x, y, f.legend.px)?;
                c.text_mid(
                    &item.label,
                    pad + x + f.legend.px * 1.1 + 6.0,
                    y + f.legend.line_height() / 2.0,
                    f.legend,
                )?;
            }
            y += f.legend.line_height();
        }
    }
    let mut fy = c.height - layout.footer_h + size.font * 0.6;
    for l in &layout.footer {
        c.text(l, pad, fy, f.footer)?;
        fy += f.footer.line_height();
    }
    Ok(Rect::new(
        pad,
        layout.header_h,
        c.width - 2.0 * pad,
        c.height - layout.header_h - layout.footer_h,
    ))
}

fn draw_swatch(c: &mut Canvas, s: Swatch, x: f64, y: f64, px: f64) -> Result<(), ReportError> {
    let lh = px * 1.3;
    let side = px * 1.1;
    let r = Rect::new(x, y + (lh - side) / 2.0, side, side);
    match s {
        Swatch::Fill(col, pat) => {
            c.fill_rect(r, col, 1.0)?;
            if pat == Pattern::Hatch {
                c.hatch(r)?;
            }
        }
        Swatch::Outline(col) => {
            c.fill_rect(r, style::WHITE, 1.0)?;
            c.stroke_rect(r, col, 2.0)?;
        }
        Swatch::Line(col) => c.line(
            (r.x, r.y + side / 2.0),
            (r.right(), r.y + side / 2.0),
            col,
            2.0,
        )?,
        Swatch::Dashed(col) => c.dashed(
            (r.x, r.y + side / 2.0),
            (r.right(), r.y + side / 2.0),
            col,
            2.0,
            4.0,
            3.0,
        )?,
        Swatch::Dot(col) => c.circle(r.x + side / 2.0, r.y + side / 2.0, side / 3.0, col, None)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_axis_and_label_formats() {
        assert_eq!(ValueFormat::Int.label(1234.0), "1.234");
        assert_eq!(ValueFormat::Percent(1).label(12.5), "12,5 %");
        assert_eq!(ValueFormat::Eur.label(1_234_567.0), "1,23 Mio. €");
        assert_eq!(ValueFormat::Eur.label(45_678.4), "45.678 €");
        assert_eq!(
            ValueFormat::Eur.axis(1_200_000.0, 200_000.0, 2_000_000.0),
            "1,2 Mio. €"
        );
        assert_eq!(
            ValueFormat::Eur.axis(250_000.0, 50_000.0, 300_000.0),
            "250 Tsd. €"
        );
        assert_eq!(ValueFormat::Eur.axis(2500.0, 500.0, 5000.0), "2.500 €");
        assert_eq!(ValueFormat::Percent(0).axis(12.5, 2.5, 20.0), "12,5 %");
        assert_eq!(ValueFormat::Int.axis(1000.0, 500.0, 2000.0), "1.000");
        assert_eq!(ValueFormat::Decimal(1).axis(0.0, 0.2, 1.0), "0,0");
    }

    #[test]
    fn subtitle_and_source() {
        let m = ChartMeta::new("T")
            .period("Schuljahr 2024/25")
            .n(1234, "Tickets")
            .source("Zammad")
            .imported("24.11.2026");
        assert_eq!(m.subtitle(), "Schuljahr 2024/25 · n = 1.234 Tickets");
        assert_eq!(m.source_line(), "Quelle: Zammad · Stand: 24.11.2026");
        let m = m.english(true);
        assert_eq!(m.source_line(), "Source: Zammad · As of: 24.11.2026");
        assert_eq!(m.legend_word("niedrig (0)"), "low (0)");
        assert_eq!(m.legend_word("hervorgehoben"), "highlighted");
        assert_eq!(m.legend_word("Schule A"), "Schule A");
    }
}
