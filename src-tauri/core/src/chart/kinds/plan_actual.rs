//! Plan vs. actual in the IBCS manner familiar to German finance departments: actual (Ist) as
//! solid dark bars, plan as outlined bars offset behind them, the variance written above.

use serde::{Deserialize, Serialize};

use super::{axis_spec, label_spec, Kind};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::font;
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Pattern, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanActual {
    pub categories: Vec<String>,
    pub plan: Vec<Option<f64>>,
    pub actual: Vec<Option<f64>>,
    pub format: ValueFormat,
    pub value_label: String,
    pub plan_label: String,
    pub actual_label: String,
}

impl PlanActual {
    pub fn new(
        categories: Vec<String>,
        plan: Vec<Option<f64>>,
        actual: Vec<Option<f64>>,
        format: ValueFormat,
        value_label: impl Into<String>,
    ) -> Self {
        PlanActual {
            categories,
            plan,
            actual,
            format,
            value_label: value_label.into(),
            plan_label: "Plan".into(),
            actual_label: "Ist".into(),
        }
    }
}

impl Kind for PlanActual {
    fn legend(&self) -> Vec<LegendItem> {
        vec![
            LegendItem {
                label: self.actual_label.clone(),
                swatch: Swatch::Fill(style::IBCS_ACTUAL, Pattern::Solid),
            },
            LegendItem {
                label: self.plan_label.clone(),
                swatch: Swatch::Outline(style::IBCS_ACTUAL),
            },
        ]
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        size.font * 14.0
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let ax = axis_spec(size);
        let all: Vec<f64> = self
            .plan
            .iter()
            .chain(&self.actual)
            .flatten()
            .copied()
            .collect();
        let (lo, hi) = super::extent(all.iter());
        let top = size.font * 2.8;
        // Category names (often long: "Schüler-Tablet (mit Hülle, Stift)") wrap onto up to three
        // lines under their bar instead of being thinned out.
        let mut lspec = label_spec(size);
        let n = self.categories.len().max(1);
        let est_band = plot.w * 0.9 / n as f64;
        // A word longer than the band ("Dokumentenkamera") gets a slightly smaller font first.
        let widest = self
            .categories
            .iter()
            .flat_map(|l| tokens(l))
            .map(|(t, _)| font::text_width(&t, lspec.px, lspec.weight))
            .fold(0.0, f64::max);
        let avail = est_band - lspec.px * 0.6;
        if widest > avail && widest > 0.0 {
            lspec.px *= (avail / widest).max(0.8);
        }
        let labels: Vec<Vec<String>> = self
            .categories
            .iter()
            .map(|l| wrap_label(l, est_band - lspec.px * 0.6, lspec))
            .collect();
        let lines = labels.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let line_h = lspec.px * 1.15;
        let bottom = size.font * 0.8 + lines as f64 * line_h;
        let h = plot.h - top - bottom;
        let t = axis::ticks(
            lo,
            hi,
            ((h / (size.font * 3.5)) as usize).clamp(2, 8),
            true,
            self.format,
        );
        let lw = axis::label_width(&t, self.format, &ax) + size.font * 0.6;
        let area = Rect::new(plot.x + lw, plot.y + top, plot.w - lw, h);
        let sy = Scale::new(t.lo, t.hi, area.bottom(), area.y);
        axis::draw_y(c, area, &t, &sy, self.format, ax)?;
        super::value_title(c, &self.value_label, plot.x, plot.y, size)?;
        let band = area.w / n as f64;
        let bar_w = (band * 0.5).min(size.font * 4.0);
        let off = bar_w * 0.25;
        let y0 = sy.at(0.0_f64.max(t.lo));
        let val_spec = TextSpec::new(size.font * 0.8, style::INK).align(Align::Center);
        let var_spec = TextSpec::new(size.font * 0.75, style::MUTED).align(Align::Center);
        let fits = band > val_spec.width("99,99 Mio. €") * 0.95;
        let mut centers = Vec::new();
        for i in 0..n {
            let cx = area.x + band * (i as f64 + 0.5);
            centers.push(cx);
            let plan = self
                .plan
                .get(i)
                .copied()
                .flatten()
                .filter(|v| v.is_finite());
            let act = self
                .actual
                .get(i)
                .copied()
                .flatten()
                .filter(|v| v.is_finite());
            if let Some(p) = plan {
                let y = sy.at(p);
                let r = Rect::new(cx - bar_w / 2.0 - off, y.min(y0), bar_w, (y0 - y).abs());
                c.fill_rect(r, style::WHITE, 1.0)?;
                c.stroke_rect(r, style::IBCS_ACTUAL, 1.5)?;
            }
            if let Some(a) = act {
                let y = sy.at(a);
                let r = Rect::new(cx - bar_w / 2.0 + off, y.min(y0), bar_w, (y0 - y).abs());
                c.fill_rect(r, style::IBCS_ACTUAL, 1.0)?;
            }
            let top_v = plan.unwrap_or(0.0).max(act.unwrap_or(0.0));
            let ty = sy.at(top_v) - size.font * 2.3;
            if fits {
                if let Some(a) = act {
                    c.text(&self.format.label(a), cx, ty + size.font * 1.05, val_spec)?;
                    if let Some(p) = plan {
                        if p != 0.0 {
                            let d = (a - p) / p.abs() * 100.0;
                            let s = format!(
                                "{}{} %",
                                if d > 0.0 { "+" } else { "" },
                                crate::format::format_decimal(d, 0)
                            );
                            c.text(&format!("Δ {s}"), cx, ty, var_spec)?;
                        }
                    }
                } else if let Some(p) = plan {
                    let mut s = val_spec;
                    s.color = style::MUTED;
                    c.text(&self.format.label(p), cx, ty + size.font * 1.05, s)?;
                }
            }
        }
        for (ls, cx) in labels.iter().zip(&centers) {
            for (k, l) in ls.iter().enumerate() {
                let y = area.bottom() + size.font * 0.4 + k as f64 * line_h;
                c.text(l, *cx, y, lspec.align(Align::Center))?;
            }
        }
        Ok(())
    }
}

/// Words of a label, split after each hyphen and slash; `true` = no space before the next one.
fn tokens(label: &str) -> Vec<(String, bool)> {
    let mut v = Vec::new();
    for word in label.split_whitespace() {
        let parts: Vec<&str> = word.split_inclusive(['-', '/']).collect();
        for (i, p) in parts.iter().enumerate() {
            v.push((p.to_string(), i + 1 < parts.len()));
        }
    }
    v
}

/// A label wrapped to `w` on at most three lines, breaking at spaces and after hyphens
/// ("Lehrkräfte-" / "Endgerät"), the last line shortened with "…" if needed.
fn wrap_label(label: &str, w: f64, spec: TextSpec) -> Vec<String> {
    const MAX_LINES: usize = 3;
    let w = w.max(spec.px * 3.0);
    let width = |t: &str| font::text_width(t, spec.px, spec.weight);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut glued = false;
    for (tok, glue) in tokens(label) {
        let cand = if line.is_empty() {
            tok.clone()
        } else if glued {
            format!("{line}{tok}")
        } else {
            format!("{line} {tok}")
        };
        if line.is_empty() || width(&cand) <= w {
            line = cand;
        } else {
            lines.push(std::mem::replace(&mut line, tok));
        }
        glued = glue;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        let rest = lines[MAX_LINES - 1..].join(" ");
        lines.truncate(MAX_LINES - 1);
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|l| font::truncate_to_width(&l, w, spec.px, spec.weight))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces_and_after_hyphens() {
        let spec = TextSpec::new(12.0, style::INK);
        let w = font::text_width("Lehrkräfte-", 12.0, spec.weight) + 1.0;
        assert_eq!(
            wrap_label("Lehrkräfte-Endgerät", w, spec),
            vec!["Lehrkräfte-", "Endgerät"]
        );
        let wide = font::text_width("Schüler-Tablet (mit", 12.0, spec.weight) + 1.0;
        assert_eq!(
            wrap_label("Schüler-Tablet (mit Hülle, Stift)", wide, spec),
            vec!["Schüler-Tablet (mit", "Hülle, Stift)"]
        );
        // Never more than three lines; the rest is shortened.
        let v = wrap_label("aaaa bbbb cccc dddd eeee", 12.0 * 3.0, spec);
        assert_eq!(v.len(), 3, "{v:?}");
        assert_eq!(v[..2], ["aaaa", "bbbb"]);
        assert!(v[2].ends_with('…'), "{v:?}");
    }
}
