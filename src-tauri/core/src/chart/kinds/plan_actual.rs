//! Plan vs. actual in the IBCS manner familiar to German finance departments: actual (Ist) as
//! solid dark bars, plan as outlined bars offset behind them, the variance written above.

use serde::{Deserialize, Serialize};

use super::{axis_spec, category_labels, label_spec, Kind};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
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
        let n = self.categories.len().max(1);
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
