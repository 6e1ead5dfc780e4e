//! Lines over categories (months, years), optionally cumulative and as filled areas.

use serde::{Deserialize, Serialize};

use super::{axis_spec, category_labels, label_spec, Kind, RefLine, Series};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Canvas, Rect};
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lines {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub format: ValueFormat,
    pub value_label: String,
    /// Plot running totals instead of the values.
    pub cumulative: bool,
    /// Fill the area under each line (translucent).
    pub area: bool,
    pub reference: Option<RefLine>,
}

impl Lines {
    pub fn new(
        categories: Vec<String>,
        series: Vec<Series>,
        format: ValueFormat,
        value_label: impl Into<String>,
    ) -> Self {
        Lines {
            categories,
            series,
            format,
            value_label: value_label.into(),
            cumulative: false,
            area: false,
            reference: None,
        }
    }
    pub fn cumulative(mut self) -> Self {
        self.cumulative = true;
        self
    }
    pub fn area(mut self) -> Self {
        self.area = true;
        self
    }
    pub fn with_reference(mut self, r: RefLine) -> Self {
        self.reference = Some(r);
        self
    }

    /// The values as plotted (running sums when cumulative; a missing value stays missing).
    pub fn plotted(&self) -> Vec<Vec<f64>> {
        self.series
            .iter()
            .map(|s| {
                if !self.cumulative {
                    return s.values.clone();
                }
                let mut acc = 0.0;
                s.values
                    .iter()
                    .map(|v| {
                        if v.is_finite() {
                            acc += v;
                            acc
                        } else {
                            f64::NAN
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

impl Kind for Lines {
    fn legend(&self) -> Vec<LegendItem> {
        let mut l: Vec<LegendItem> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| LegendItem {
                label: s.name.clone(),
                swatch: Swatch::Line(style::series_color(i)),
            })
            .collect();
        if self.series.len() < 2 && self.reference.is_none() {
            l.clear();
        }
        if let Some(r) = &self.reference {
            l.push(LegendItem {
                label: format!("{}: {}", r.label, self.format.label(r.value)),
                swatch: Swatch::Dashed(style::TARGET),
            });
        }
        l
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        size.font * 14.0
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let ax = axis_spec(size);
        let data = self.plotted();
        let mut all: Vec<f64> = data.iter().flatten().copied().collect();
        if let Some(r) = &self.reference {
            all.push(r.value);
        }
        let (lo, hi) = super::extent(all.iter());
        let top = size.font * 1.6;
        let bottom = size.font * 1.8;
        let h = plot.h - top - bottom;
        let t = axis::ticks(
            lo,
            hi,
            ((h / (size.font * 3.5)) as usize).clamp(2, 8),
            true,
            self.format,
        );
        let lw = axis::label_width(&t, self.format, &ax) + size.font * 0.6;
        let area = Rect::new(plot.x + lw, plot.y + top, plot.w - lw - size.font, h);
        let sy = Scale::new(t.lo, t.hi, area.bottom(), area.y);
        axis::draw_y(c, area, &t, &sy, self.format, ax)?;
        super::value_title(c, &self.value_label, plot.x, plot.y, size)?;
        let n = self.categories.len().max(1);
        let band = area.w / n as f64;
        let centers: Vec<f64> = (0..n).map(|i| area.x + band * (i as f64 + 0.5)).collect();
        let y0 = sy.at(0.0_f64.max(t.lo));
        for (k, vals) in data.iter().enumerate() {
            let col = style::series_color(k);
            // Split into runs of finite values.
            let mut runs: Vec<Vec<(f64, f64)>> = vec![vec![]];
            for (i, v) in vals.iter().enumerate().take(n) {
                if v.is_finite() {
                    if let Some(r) = runs.last_mut() {
                        r.push((centers[i], sy.at(*v)));
                    }
                } else if runs.last().is_some_and(|r| !r.is_empty()) {
                    runs.push(vec![]);
                }
            }
            for run in runs.iter().filter(|r| !r.is_empty()) {
                if self.area && run.len() > 1 {
                    let mut poly = run.clone();
                    poly.push((run[run.len() - 1].0, y0));
                    poly.push((run[0].0, y0));
                    c.polygon(&poly, col, 0.18)?;
                }
                c.polyline(run, col, 2.5)?;
                if n <= 24 {
                    for &(x, y) in run {
                        c.circle(x, y, 3.0, col, Some(style::WHITE))?;
                    }
                }
            }
        }
        if let Some(r) = &self.reference {
            let y = sy.at(r.value);
            c.dashed((area.x, y), (area.right(), y), style::TARGET, 2.0, 6.0, 4.0)?;
        }
        category_labels(
            c,
            &self.categories,
            &centers,
            area.bottom() + size.font * 0.4,
            label_spec(size),
        )?;
        Ok(())
    }
}
