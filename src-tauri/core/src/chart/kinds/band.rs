//! Median with the P25–P75 band over categories (months), optionally with one school's line
//! and a target line: robust against outliers, unlike means.

use serde::{Deserialize, Serialize};

use super::{axis_spec, category_labels, label_spec, Kind, RefLine, Series};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Canvas, Rect};
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Pattern, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub categories: Vec<String>,
    pub p25: Vec<f64>,
    pub median: Vec<f64>,
    pub p75: Vec<f64>,
    /// "Bezirk: mittlere 50 %".
    pub band_label: String,
    /// "Bezirk: Median".
    pub median_label: String,
    /// One school's values on top of the band.
    pub highlight: Option<Series>,
    pub target: Option<RefLine>,
    pub format: ValueFormat,
    pub value_label: String,
}

impl Band {
    /// Computes P25, median and P75 per category from the values of many groups
    /// (`groups[g][category]`, `NaN` = no value).
    pub fn from_groups(
        categories: Vec<String>,
        groups: &[Vec<f64>],
        format: ValueFormat,
        value_label: impl Into<String>,
    ) -> Band {
        let mut p25 = Vec::new();
        let mut med = Vec::new();
        let mut p75 = Vec::new();
        for i in 0..categories.len() {
            let col: Vec<f64> = groups.iter().filter_map(|g| g.get(i).copied()).collect();
            p25.push(super::quantile(&col, 0.25).unwrap_or(f64::NAN));
            med.push(super::quantile(&col, 0.5).unwrap_or(f64::NAN));
            p75.push(super::quantile(&col, 0.75).unwrap_or(f64::NAN));
        }
        Band {
            categories,
            p25,
            median: med,
            p75,
            band_label: "mittlere 50 % (P25–P75)".into(),
            median_label: "Median".into(),
            highlight: None,
            target: None,
            format,
            value_label: value_label.into(),
        }
    }
}

impl Kind for Band {
    fn legend(&self) -> Vec<LegendItem> {
        let band_col = style::PRIMARY.mix(style::WHITE, 0.7);
        let mut l = vec![
            LegendItem {
                label: self.band_label.clone(),
                swatch: Swatch::Fill(band_col, Pattern::Solid),
            },
            LegendItem {
                label: self.median_label.clone(),
                swatch: Swatch::Line(style::PRIMARY),
            },
        ];
        if let Some(h) = &self.highlight {
            l.push(LegendItem {
                label: h.name.clone(),
                swatch: Swatch::Line(style::HIGHLIGHT),
            });
        }
        if let Some(t) = &self.target {
            l.push(LegendItem {
                label: format!("{}: {}", t.label, self.format.label(t.value)),
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
        let mut all: Vec<f64> = self
            .p25
            .iter()
            .chain(&self.p75)
            .chain(&self.median)
            .copied()
            .collect();
        if let Some(h) = &self.highlight {
            all.extend(&h.values);
        }
        if let Some(t) = &self.target {
            all.push(t.value);
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
        // Band polygon over runs where both quantiles exist.
        let band_col = style::PRIMARY.mix(style::WHITE, 0.7);
        let mut run: Vec<usize> = Vec::new();
        let flush = |c: &mut Canvas, run: &mut Vec<usize>| -> Result<(), ReportError> {
            if run.len() > 1 {
                let mut poly: Vec<(f64, f64)> = run
                    .iter()
                    .map(|&i| (centers[i], sy.at(self.p75[i])))
                    .collect();
                poly.extend(run.iter().rev().map(|&i| (centers[i], sy.at(self.p25[i]))));
                c.polygon(&poly, band_col, 1.0)?;
            } else if let Some(&i) = run.first() {
                let r = Rect::new(
                    centers[i] - 3.0,
                    sy.at(self.p75[i]),
                    6.0,
                    sy.at(self.p25[i]) - sy.at(self.p75[i]),
                );
                c.fill_rect(r, band_col, 1.0)?;
            }
            run.clear();
            Ok(())
        };
        for i in 0..n {
            let ok = self.p25.get(i).is_some_and(|v| v.is_finite())
                && self.p75.get(i).is_some_and(|v| v.is_finite());
            if ok {
                run.push(i);
            } else {
                flush(c, &mut run)?;
            }
        }
        flush(c, &mut run)?;
        let line =
            |c: &mut Canvas, vals: &[f64], col: style::Rgb, w: f64| -> Result<(), ReportError> {
                let mut pts: Vec<(f64, f64)> = Vec::new();
                for (i, &cx) in centers.iter().enumerate() {
                    match vals.get(i) {
                        Some(v) if v.is_finite() => pts.push((cx, sy.at(*v))),
                        _ => {
                            if pts.len() > 1 {
                                c.polyline(&pts, col, w)?;
                            }
                            pts.clear();
                        }
                    }
                }
                if pts.len() > 1 {
                    c.polyline(&pts, col, w)?;
                }
                for (i, &cx) in centers.iter().enumerate() {
                    if let Some(v) = vals.get(i).filter(|v| v.is_finite()) {
                        c.circle(cx, sy.at(*v), 2.5, col, Some(style::WHITE))?;
                    }
                }
                Ok(())
            };
        line(c, &self.median, style::PRIMARY, 2.0)?;
        if let Some(h) = &self.highlight {
            line(c, &h.values, style::HIGHLIGHT, 3.0)?;
        }
        if let Some(r) = &self.target {
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
