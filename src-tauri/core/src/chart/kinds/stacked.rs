//! Vertical bars per category (years), stacked by series (e.g. device categories), with totals
//! and an optional horizontal reference (budget cap). One series = plain columns.

use serde::{Deserialize, Serialize};

use super::{axis_spec, category_labels, label_spec, Kind, RefLine, Series};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Pattern, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackedBars {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub format: ValueFormat,
    pub value_label: String,
    pub show_totals: bool,
    pub reference: Option<RefLine>,
}

impl StackedBars {
    pub fn new(
        categories: Vec<String>,
        series: Vec<Series>,
        format: ValueFormat,
        value_label: impl Into<String>,
    ) -> Self {
        StackedBars {
            categories,
            series,
            format,
            value_label: value_label.into(),
            show_totals: true,
            reference: None,
        }
    }
    pub fn with_reference(mut self, r: RefLine) -> Self {
        self.reference = Some(r);
        self
    }

    fn total(&self, i: usize) -> f64 {
        self.series
            .iter()
            .filter_map(|s| s.values.get(i))
            .filter(|v| v.is_finite() && **v > 0.0)
            .sum()
    }
}

impl Kind for StackedBars {
    fn legend(&self) -> Vec<LegendItem> {
        let mut l: Vec<LegendItem> = if self.series.len() > 1 {
            self.series
                .iter()
                .enumerate()
                .map(|(i, s)| LegendItem {
                    label: s.name.clone(),
                    swatch: Swatch::Fill(style::series_color(i), style::series_pattern(i)),
                })
                .collect()
        } else {
            vec![]
        };
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
        let n = self.categories.len().max(1);
        let totals: Vec<f64> = (0..n).map(|i| self.total(i)).collect();
        let mut vals = totals.clone();
        if let Some(r) = &self.reference {
            vals.push(r.value);
        }
        let (lo, hi) = super::extent(vals.iter());
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
        let area = Rect::new(plot.x + lw, plot.y + top, plot.w - lw, h);
        let sy = Scale::new(t.lo, t.hi, area.bottom(), area.y);
        axis::draw_y(c, area, &t, &sy, self.format, ax)?;
        super::value_title(c, &self.value_label, plot.x, plot.y, size)?;
        let band = area.w / n as f64;
        let bar_w = (band * 0.62).min(size.font * 5.0);
        let mut centers = Vec::with_capacity(n);
        let tot_spec = TextSpec::new(size.font * 0.8, style::INK).align(Align::Center);
        let show_totals = self.show_totals
            && totals
                .iter()
                .map(|v| tot_spec.width(&self.format.label(*v)))
                .fold(0.0, f64::max)
                < band * 0.98;
        for i in 0..n {
            let cx = area.x + band * (i as f64 + 0.5);
            centers.push(cx);
            let mut acc = 0.0;
            for (k, s) in self.series.iter().enumerate() {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                if !v.is_finite() || v <= 0.0 {
                    continue;
                }
                let y0 = sy.at(acc);
                let y1 = sy.at(acc + v);
                let r = Rect::new(cx - bar_w / 2.0, y1, bar_w, y0 - y1);
                c.fill_rect(r, style::series_color(k), 1.0)?;
                if style::series_pattern(k) == Pattern::Hatch {
                    c.hatch(r)?;
                }
                // Thin white separator between segments.
                c.line((r.x, y1), (r.right(), y1), style::WHITE, 1.0)?;
                acc += v;
            }
        }
        if let Some(r) = &self.reference {
            let y = sy.at(r.value);
            c.dashed((area.x, y), (area.right(), y), style::TARGET, 2.0, 6.0, 4.0)?;
        }
        for (i, cx) in centers.iter().enumerate() {
            if show_totals && totals[i] > 0.0 {
                let s = self.format.label(totals[i]);
                let w = tot_spec.width(&s);
                let y = sy.at(totals[i]) - size.font * 1.05;
                c.fill_rect(
                    Rect::new(cx - w / 2.0 - 2.0, y - 1.0, w + 4.0, tot_spec.px * 1.1),
                    style::WHITE,
                    1.0,
                )?;
                c.text(&s, *cx, y, tot_spec)?;
            }
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
