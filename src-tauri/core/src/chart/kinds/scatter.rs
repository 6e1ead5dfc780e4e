//! Scatter plot of two figures per item (e.g. Sozialindex vs. tickets per 100 pupils); highlighted
//! points are labelled.

use serde::{Deserialize, Serialize};

use super::{axis_spec, Kind};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScatterPoint {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub highlight: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scatter {
    pub points: Vec<ScatterPoint>,
    pub x_format: ValueFormat,
    pub y_format: ValueFormat,
    pub x_label: String,
    pub y_label: String,
    /// Start both axes at 0.
    pub zero: bool,
}

impl Kind for Scatter {
    fn legend(&self) -> Vec<LegendItem> {
        if self.points.iter().any(|p| p.highlight) {
            vec![
                LegendItem {
                    label: "andere".into(),
                    swatch: Swatch::Dot(style::PRIMARY),
                },
                LegendItem {
                    label: "hervorgehoben".into(),
                    swatch: Swatch::Dot(style::HIGHLIGHT),
                },
            ]
        } else {
            vec![]
        }
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        size.font * 16.0
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let ax = axis_spec(size);
        let (xlo, xhi) = super::extent(self.points.iter().map(|p| &p.x));
        let (ylo, yhi) = super::extent(self.points.iter().map(|p| &p.y));
        let top = size.font * 1.6;
        let bottom = size.font * 3.2;
        let h = plot.h - top - bottom;
        let ty = axis::ticks(
            ylo,
            yhi,
            ((h / (size.font * 3.5)) as usize).clamp(2, 8),
            self.zero,
            self.y_format,
        );
        let lw = axis::label_width(&ty, self.y_format, &ax) + size.font * 0.6;
        let area = Rect::new(plot.x + lw, plot.y + top, plot.w - lw - size.font, h);
        let tx = axis::ticks(
            xlo,
            xhi,
            ((area.w / (size.font * 6.0)) as usize).clamp(2, 10),
            self.zero,
            self.x_format,
        );
        let sx = Scale::new(tx.lo, tx.hi, area.x, area.right());
        let sy = Scale::new(ty.lo, ty.hi, area.bottom(), area.y);
        axis::draw_y(c, area, &ty, &sy, self.y_format, ax)?;
        axis::draw_x(c, area, &tx, &sx, self.x_format, ax)?;
        super::value_title(c, &self.y_label, plot.x, plot.y, size)?;
        c.text(
            &self.x_label,
            area.x + area.w / 2.0,
            area.bottom() + size.font * 1.7,
            ax.align(Align::Center),
        )?;
        for p in self.points.iter().filter(|p| !p.highlight) {
            if p.x.is_finite() && p.y.is_finite() {
                c.circle(
                    sx.at(p.x),
                    sy.at(p.y),
                    size.font * 0.3,
                    style::PRIMARY,
                    Some(style::WHITE),
                )?;
            }
        }
        let lab = TextSpec::new(size.font * 0.8, style::INK).bold();
        for p in self.points.iter().filter(|p| p.highlight) {
            if p.x.is_finite() && p.y.is_finite() {
                let (x, y) = (sx.at(p.x), sy.at(p.y));
                c.circle(x, y, size.font * 0.4, style::HIGHLIGHT, Some(style::INK))?;
                let right = x + lab.width(&p.label) + size.font < area.right();
                let (tx, al) = if right {
                    (x + size.font * 0.6, Align::Left)
                } else {
                    (x - size.font * 0.6, Align::Right)
                };
                c.text_mid(&p.label, tx, y, lab.align(al))?;
            }
        }
        Ok(())
    }
}
