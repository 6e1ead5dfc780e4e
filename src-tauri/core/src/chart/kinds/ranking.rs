//! Horizontal ranking bars, sorted, with the district median and a target line, n per bar.

use serde::{Deserialize, Serialize};

use super::{axis_spec, label_spec, Kind, RefLine};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::font;
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Pattern, Size};
use crate::format::format_int;
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankItem {
    pub label: String,
    pub value: f64,
    /// Observations behind the value (tickets, devices), printed next to the bar.
    pub n: Option<u64>,
    /// Drawn in the highlight colour (the school of a per-school report).
    pub highlight: bool,
}

impl RankItem {
    pub fn new(label: impl Into<String>, value: f64) -> RankItem {
        RankItem {
            label: label.into(),
            value,
            n: None,
            highlight: false,
        }
    }
    pub fn n(mut self, n: u64) -> Self {
        self.n = Some(n);
        self
    }
    pub fn highlight(mut self, h: bool) -> Self {
        self.highlight = h;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    Descending,
    Ascending,
    AsGiven,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub items: Vec<RankItem>,
    pub format: ValueFormat,
    /// What the values are ("Tickets je 100 Schüler"), shown above the value axis.
    pub value_label: String,
    pub median: Option<RefLine>,
    pub target: Option<RefLine>,
    pub sort: Sort,
}

impl Ranking {
    pub fn new(items: Vec<RankItem>, format: ValueFormat, value_label: impl Into<String>) -> Self {
        Ranking {
            items,
            format,
            value_label: value_label.into(),
            median: None,
            target: None,
            sort: Sort::Descending,
        }
    }
    /// Adds a median line computed over the items' values.
    pub fn with_median(mut self, label: impl Into<String>) -> Self {
        let vals: Vec<f64> = self.items.iter().map(|i| i.value).collect();
        self.median = super::median(&vals).map(|m| RefLine::new(label, m));
        self
    }
    pub fn with_target(mut self, t: RefLine) -> Self {
        self.target = Some(t);
        self
    }
    pub fn sorted(mut self, s: Sort) -> Self {
        self.sort = s;
        self
    }

    fn ordered(&self) -> Vec<&RankItem> {
        let mut v: Vec<&RankItem> = self.items.iter().collect();
        match self.sort {
            Sort::Descending => v.sort_by(|a, b| b.value.total_cmp(&a.value)),
            Sort::Ascending => v.sort_by(|a, b| a.value.total_cmp(&b.value)),
            Sort::AsGiven => {}
        }
        v
    }

    fn row_h(size: &Size) -> f64 {
        (size.font * 1.45).round()
    }

    fn value_text(&self, it: &RankItem) -> (String, String) {
        let v = self.format.label(it.value);
        let n =
            it.n.map(|n| format!("n = {}", format_int(n as i64)))
                .unwrap_or_default();
        (v, n)
    }
}

impl Kind for Ranking {
    fn legend(&self) -> Vec<LegendItem> {
        let mut l = Vec::new();
        if self.items.iter().any(|i| i.highlight) {
            l.push(LegendItem {
                label: "hervorgehoben".into(),
                swatch: Swatch::Fill(style::HIGHLIGHT, Pattern::Solid),
            });
        }
        if let Some(m) = &self.median {
            l.push(LegendItem {
                label: format!("{}: {}", m.label, self.format.label(m.value)),
                swatch: Swatch::Dashed(style::REFERENCE),
            });
        }
        if let Some(t) = &self.target {
            l.push(LegendItem {
                label: format!("{}: {}", t.label, self.format.label(t.value)),
                swatch: Swatch::Line(style::TARGET),
            });
        }
        l
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        self.items.len().max(1) as f64 * Self::row_h(size) + size.font * 4.5
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let items = self.ordered();
        let lab = label_spec(size);
        let ax = axis_spec(size);
        let nspec = TextSpec::new(size.font * 0.75, style::MUTED);
        // Columns: labels | bars | value labels.
        let max_label = items
            .iter()
            .map(|i| lab.width(&i.label))
            .fold(0.0, f64::max);
        let label_w = max_label.min(plot.w * 0.38) + size.font * 0.6;
        let value_w = items
            .iter()
            .map(|i| {
                let (v, n) = self.value_text(i);
                lab.width(&v) + nspec.width(&n) + size.font * 0.4
            })
            .fold(0.0, f64::max)
            + size.font * 0.6;
        let top = if self.median.is_some() && self.target.is_some() {
            size.font * 2.6 // two reference line labels: room for a second row if they collide
        } else if self.median.is_some() || self.target.is_some() {
            size.font * 1.5 // reference line labels
        } else {
            size.font * 0.3
        };
        let axis_h = size.font
            * if self.value_label.is_empty() {
                1.7
            } else {
                3.0
            };
        let bars = Rect::new(
            plot.x + label_w,
            plot.y + top,
            plot.w - label_w - value_w,
            plot.h - top - axis_h,
        );
        let mut vals: Vec<f64> = items.iter().map(|i| i.value).collect();
        if let Some(m) = &self.median {
            vals.push(m.value);
        }
        if let Some(t) = &self.target {
            vals.push(t.value);
        }
        let (lo, hi) = super::extent(vals.iter());
        let ticks = axis::ticks(
            lo,
            hi,
            ((bars.w / (size.font * 6.0)) as usize).max(2),
            true,
            self.format,
        );
        let sx = Scale::new(ticks.lo, ticks.hi, bars.x, bars.right());
        axis::draw_x(c, bars, &ticks, &sx, self.format, ax)?;
        c.text(
            &self.value_label,
            bars.x + bars.w / 2.0,
            bars.bottom() + size.font * 1.6,
            ax.align(Align::Center),
        )?;
        let n = items.len().max(1) as f64;
        let row = bars.h / n;
        let bar_h = (row * 0.72).max(2.0);
        for (k, it) in items.iter().enumerate() {
            let cy = bars.y + row * (k as f64 + 0.5);
            let x0 = sx.at(0.0_f64.max(ticks.lo));
            let x1 = sx.at(it.value);
            let r = Rect::new(x0.min(x1), cy - bar_h / 2.0, (x1 - x0).abs(), bar_h);
            let col = if it.highlight {
                style::HIGHLIGHT
            } else {
                style::PRIMARY
            };
            c.fill_rect(r, col, 1.0)?;
            let spec = if it.highlight { lab.bold() } else { lab };
            let text =
                font::truncate_to_width(&it.label, label_w - size.font * 0.6, spec.px, spec.weight);
            c.text_mid(
                &text,
                bars.x - size.font * 0.5,
                cy,
                spec.align(Align::Right),
            )?;
        }
        // Reference lines on top of the bars, with their labels above the plot.
        let mut lines: Vec<(&RefLine, style::Rgb, bool)> = Vec::new();
        if let Some(m) = &self.median {
            lines.push((m, style::REFERENCE, true));
        }
        if let Some(t) = &self.target {
            lines.push((t, style::TARGET, false));
        }
        let first_left = lines.len() == 2 && lines[0].0.value <= lines[1].0.value;
        // Horizontal extent of the label placed so far, to lift a colliding second one a row.
        let mut placed: Option<(f64, f64)> = None;
        for (i, (l, col, dashed)) in lines.iter().enumerate() {
            let x = sx.at(l.value);
            if *dashed {
                c.dashed((x, bars.y - 2.0), (x, bars.bottom()), *col, 2.0, 5.0, 3.0)?;
            } else {
                c.line((x, bars.y - 2.0), (x, bars.bottom()), *col, 2.0)?;
            }
            let align = match (lines.len(), i, first_left) {
                (2, 0, true) | (2, 1, false) => Align::Right,
                (2, _, _) => Align::Left,
                _ => Align::Center,
            };
            let text = format!("{} {}", l.label, self.format.label(l.value));
            let dx = match align {
                Align::Right => -3.0,
                Align::Left => 3.0,
                Align::Center => 0.0,
            };
            let spec = TextSpec::new(size.font * 0.8, *col).bold().align(align);
            // Keep the label inside the chart.
            let w = spec.width(&text);
            let tx = match align {
                Align::Right => (x + dx).max(plot.x + w),
                Align::Left => (x + dx).min(plot.right() - w),
                Align::Center => (x).clamp(plot.x + w / 2.0, plot.right() - w / 2.0),
            };
            let (x0, x1) = match align {
                Align::Right => (tx - w, tx),
                Align::Left => (tx, tx + w),
                Align::Center => (tx - w / 2.0, tx + w / 2.0),
            };
            let gap = size.font * 0.5;
            let collides = placed.is_some_and(|(a, b)| x0 < b + gap && a < x1 + gap);
            let y = bars.y - size.font * if collides { 2.1 } else { 1.0 };
            placed = Some((x0, x1));
            c.text(&text, tx, y, spec)?;
        }
        // Value labels last, on a white ground so that reference lines do not cross them.
        for (k, it) in items.iter().enumerate() {
            let cy = bars.y + row * (k as f64 + 0.5);
            let spec = if it.highlight { lab.bold() } else { lab };
            let (v, nt) = self.value_text(it);
            let vx = sx.at(it.value.max(0.0)) + size.font * 0.35;
            let w = font::text_width(&v, spec.px, spec.weight);
            let nw = if nt.is_empty() {
                0.0
            } else {
                nspec.width(&nt) + size.font * 0.4
            };
            c.fill_rect(
                Rect::new(vx - 2.0, cy - spec.px * 0.6, w + nw + 4.0, spec.px * 1.2),
                style::WHITE,
                1.0,
            )?;
            c.text_mid(&v, vx, cy, spec)?;
            if !nt.is_empty() {
                c.text_mid(&nt, vx + w + size.font * 0.4, cy, nspec)?;
            }
        }
        Ok(())
    }
}
