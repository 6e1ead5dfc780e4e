//! Small multiples: one mini chart per group (school) with shared axes, so panels compare at a
//! glance.

use serde::{Deserialize, Serialize};

use super::{axis_spec, Kind, RefLine};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::font;
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Size};
use crate::format::format_int;
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    pub title: String,
    /// One value per category; `NaN` = no value.
    pub values: Vec<f64>,
    pub n: Option<u64>,
    pub highlight: bool,
}

impl Panel {
    pub fn new(title: impl Into<String>, values: Vec<f64>) -> Panel {
        Panel {
            title: title.into(),
            values,
            n: None,
            highlight: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmallMultiples {
    pub categories: Vec<String>,
    pub panels: Vec<Panel>,
    pub format: ValueFormat,
    pub value_label: String,
    /// Columns of the grid; 0 = automatic.
    pub columns: usize,
    /// Columns instead of lines.
    pub bars: bool,
    pub reference: Option<RefLine>,
}

impl SmallMultiples {
    pub fn new(
        categories: Vec<String>,
        panels: Vec<Panel>,
        format: ValueFormat,
        value_label: impl Into<String>,
    ) -> Self {
        SmallMultiples {
            categories,
            panels,
            format,
            value_label: value_label.into(),
            columns: 0,
            bars: false,
            reference: None,
        }
    }

    fn cols(&self, size: &Size) -> usize {
        if self.columns > 0 {
            return self.columns;
        }
        let max = (size.width / (size.font * 13.0)).floor().max(1.0) as usize;
        max.min(self.panels.len().max(1))
    }

    fn panel_h(size: &Size) -> f64 {
        size.font * 7.5
    }
}

impl Kind for SmallMultiples {
    fn legend(&self) -> Vec<LegendItem> {
        self.reference
            .iter()
            .map(|r| LegendItem {
                label: format!("{}: {}", r.label, self.format.label(r.value)),
                swatch: Swatch::Dashed(style::TARGET),
            })
            .collect()
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        let cols = self.cols(size);
        let rows = self.panels.len().div_ceil(cols).max(1);
        rows as f64 * Self::panel_h(size) + size.font * 3.0
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let ax = axis_spec(size);
        let cols = self.cols(size);
        let rows = self.panels.len().div_ceil(cols).max(1);
        let mut all: Vec<f64> = self
            .panels
            .iter()
            .flat_map(|p| p.values.iter().copied())
            .collect();
        if let Some(r) = &self.reference {
            all.push(r.value);
        }
        let (lo, hi) = super::extent(all.iter());
        let t = axis::ticks(lo, hi, 2, true, self.format);
        let lw = axis::label_width(&t, self.format, &ax) + size.font * 0.5;
        super::value_title(c, &self.value_label, plot.x, plot.y, size)?;
        let grid = Rect::new(
            plot.x + lw,
            plot.y + size.font * 1.5,
            plot.w - lw,
            plot.h - size.font * 3.0,
        );
        let cw = grid.w / cols as f64;
        let rh = grid.h / rows as f64;
        let title_spec = TextSpec::new(size.font * 0.8, style::INK);
        let n = self.categories.len().max(1);
        for (k, p) in self.panels.iter().enumerate() {
            let (col, row) = (k % cols, k / cols);
            let cell = Rect::new(grid.x + col as f64 * cw, grid.y + row as f64 * rh, cw, rh);
            let area = cell.inset(size.font * 1.3, size.font * 0.8, size.font * 0.4, 0.0);
            let spec = if p.highlight {
                title_spec.bold()
            } else {
                title_spec
            };
            let nt =
                p.n.map(|n| format!(" (n = {})", format_int(n as i64)))
                    .unwrap_or_default();
            let nw = font::text_width(&nt, spec.px, spec.weight);
            let title = font::truncate_to_width(&p.title, area.w - nw, spec.px, spec.weight) + &nt;
            c.text(&title, area.x, cell.y, spec)?;
            let sy = Scale::new(t.lo, t.hi, area.bottom(), area.y);
            for v in t.values() {
                let y = sy.at(v);
                let gc = if v == 0.0 { style::AXIS } else { style::GRID };
                c.line((area.x, y), (area.right(), y), gc, 1.0)?;
                if col == 0 {
                    c.text_mid(
                        &self.format.axis(v, t.step, t.max_abs()),
                        area.x - size.font * 0.4,
                        y,
                        ax.align(Align::Right),
                    )?;
                }
            }
            let band = area.w / n as f64;
            let color = if p.highlight {
                style::HIGHLIGHT
            } else {
                style::PRIMARY
            };
            if self.bars {
                for (i, v) in p.values.iter().enumerate().take(n) {
                    if v.is_finite() {
                        let y0 = sy.at(0.0_f64.max(t.lo));
                        let y1 = sy.at(*v);
                        let r = Rect::new(
                            area.x + band * i as f64 + band * 0.15,
                            y1.min(y0),
                            band * 0.7,
                            (y0 - y1).abs(),
                        );
                        c.fill_rect(r, color, 1.0)?;
                    }
                }
            } else {
                let pts: Vec<(f64, f64)> = p
                    .values
                    .iter()
                    .enumerate()
                    .take(n)
                    .filter(|(_, v)| v.is_finite())
                    .map(|(i, v)| (area.x + band * (i as f64 + 0.5), sy.at(*v)))
                    .collect();
                if pts.len() > 1 {
                    c.polyline(&pts, color, 2.0)?;
                }
                if let Some(&(x, y)) = pts.last() {
                    c.circle(x, y, 2.5, color, None)?;
                }
            }
            if let Some(r) = &self.reference {
                let y = sy.at(r.value);
                c.dashed((area.x, y), (area.right(), y), style::TARGET, 1.0, 4.0, 3.0)?;
            }
            // First and last category under the bottom row.
            if row == rows - 1 || k + cols >= self.panels.len() {
                if let (Some(first), Some(last)) = (self.categories.first(), self.categories.last())
                {
                    let y = area.bottom() + size.font * 0.2;
                    let small = ax;
                    c.text(first, area.x, y, small.align(Align::Left))?;
                    if n > 1 {
                        c.text(last, area.right(), y, small.align(Align::Right))?;
                    }
                }
            }
        }
        Ok(())
    }
}
