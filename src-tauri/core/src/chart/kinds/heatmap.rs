//! Heatmap: rows × columns (e.g. schools × months) on a sequential single-hue ramp (readable in
//! greyscale), with the values written into the cells where they fit.

use serde::{Deserialize, Serialize};

use super::{axis_spec, label_spec, Kind};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::font;
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Pattern, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<Option<f64>>>,
    pub format: ValueFormat,
}

impl Heatmap {
    fn range(&self) -> (f64, f64) {
        let v: Vec<f64> = self.values.iter().flatten().flatten().copied().collect();
        super::extent(v.iter())
    }
    fn row_h(size: &Size) -> f64 {
        (size.font * 1.6).round()
    }
}

impl Kind for Heatmap {
    fn legend(&self) -> Vec<LegendItem> {
        let (lo, hi) = self.range();
        vec![
            LegendItem {
                label: format!("niedrig ({})", self.format.label(lo)),
                swatch: Swatch::Fill(style::ramp(0.0), Pattern::Solid),
            },
            LegendItem {
                label: "mittel".into(),
                swatch: Swatch::Fill(style::ramp(0.5), Pattern::Solid),
            },
            LegendItem {
                label: format!("hoch ({})", self.format.label(hi)),
                swatch: Swatch::Fill(style::ramp(1.0), Pattern::Solid),
            },
            LegendItem {
                label: "keine Daten".into(),
                swatch: Swatch::Outline(style::GRID),
            },
        ]
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        self.rows.len().max(1) as f64 * Self::row_h(size) + size.font * 2.0
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let lab = label_spec(size);
        let ax = axis_spec(size);
        let (lo, hi) = self.range();
        let label_w = self
            .rows
            .iter()
            .map(|r| lab.width(r))
            .fold(0.0, f64::max)
            .min(plot.w * 0.35)
            + size.font * 0.6;
        let top = size.font * 1.6;
        let grid = Rect::new(
            plot.x + label_w,
            plot.y + top,
            plot.w - label_w,
            plot.h - top,
        );
        let nc = self.columns.len().max(1);
        let nr = self.rows.len().max(1);
        let cw = grid.w / nc as f64;
        let rh = grid.h / nr as f64;
        // Column labels (thinned if needed).
        let maxw = self.columns.iter().map(|l| ax.width(l)).fold(0.0, f64::max);
        let every = ((maxw + size.font * 0.5) / cw).ceil().max(1.0) as usize;
        for (j, l) in self.columns.iter().enumerate() {
            if j % every == 0 {
                c.text(
                    l,
                    grid.x + cw * (j as f64 + 0.5),
                    plot.y,
                    ax.align(Align::Center),
                )?;
            }
        }
        let cell_spec = TextSpec::new(size.font * 0.75, style::INK).align(Align::Center);
        let max_text = self
            .values
            .iter()
            .flatten()
            .flatten()
            .map(|v| cell_spec.width(&self.format.label(*v)))
            .fold(0.0, f64::max);
        let write_values = max_text < cw - 4.0 && rh >= cell_spec.px * 1.1;
        for (i, r) in self.rows.iter().enumerate() {
            let y = grid.y + rh * i as f64;
            let t = font::truncate_to_width(r, label_w - size.font * 0.6, lab.px, lab.weight);
            c.text_mid(
                &t,
                grid.x - size.font * 0.5,
                y + rh / 2.0,
                lab.align(Align::Right),
            )?;
            for j in 0..nc {
                let cell = Rect::new(grid.x + cw * j as f64 + 1.0, y + 1.0, cw - 2.0, rh - 2.0);
                match self
                    .values
                    .get(i)
                    .and_then(|row| row.get(j))
                    .copied()
                    .flatten()
                {
                    Some(v) if v.is_finite() => {
                        let tt = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                        let col = style::ramp(tt);
                        c.fill_rect(cell, col, 1.0)?;
                        if write_values {
                            let mut s = cell_spec;
                            s.color = col.text_on();
                            c.text_mid(
                                &self.format.label(v),
                                cell.x + cell.w / 2.0,
                                cell.y + cell.h / 2.0,
                                s,
                            )?;
                        }
                    }
                    _ => c.stroke_rect(cell, style::GRID, 1.0)?,
                }
            }
        }
        Ok(())
    }
}
