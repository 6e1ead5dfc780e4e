//! Tornado chart (sensitivity): one row per parameter, a bar from the base value to the value
//! at the parameter's low setting and one to the value at its high setting; rows sorted by
//! their spread (longest first), a vertical line at the base value.

use serde::{Deserialize, Serialize};

use super::{axis_spec, label_spec, Kind};
use crate::chart::axis::{self, Scale};
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::font;
use crate::chart::frame::{LegendItem, Swatch, ValueFormat};
use crate::chart::style::{self, Pattern, Size};
use crate::report::ReportError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TornadoRow {
    /// The parameter ("Kalkulationszinssatz").
    pub label: String,
    /// The low and high settings ("1,00 %", "−10 %").
    pub low_setting: String,
    pub high_setting: String,
    /// The value (display units) at the low and at the high setting.
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    pub rows: Vec<TornadoRow>,
    pub base: f64,
    pub base_label: String,
    pub format: ValueFormat,
    pub value_label: String,
}

impl Tornado {
    pub fn new(
        mut rows: Vec<TornadoRow>,
        base: f64,
        format: ValueFormat,
        value_label: impl Into<String>,
    ) -> Tornado {
        rows.sort_by(|a, b| (b.high - b.low).abs().total_cmp(&(a.high - a.low).abs()));
        Tornado {
            rows,
            base,
            base_label: "Basis".into(),
            format,
            value_label: value_label.into(),
        }
    }

    fn row_h(size: &Size) -> f64 {
        (size.font * 2.2).round()
    }

    fn end_text(&self, setting: &str, v: f64) -> String {
        format!("{setting}: {}", self.format.label(v))
    }
}

const LOW: style::Rgb = style::SERIES[0];
const HIGH: style::Rgb = style::SERIES[1];

impl Kind for Tornado {
    fn legend(&self) -> Vec<LegendItem> {
        vec![
            LegendItem {
                label: "niedriger Wert des Parameters".into(),
                swatch: Swatch::Fill(LOW, Pattern::Solid),
            },
            LegendItem {
                label: "hoher Wert des Parameters".into(),
                swatch: Swatch::Fill(HIGH, Pattern::Solid),
            },
            LegendItem {
                label: format!("{}: {}", self.base_label, self.format.label(self.base)),
                swatch: Swatch::Line(style::REFERENCE),
            },
        ]
    }

    fn min_plot_height(&self, size: &Size) -> f64 {
        self.rows.len().max(1) as f64 * Self::row_h(size) + size.font * 5.0
    }

    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError> {
        let lab = label_spec(size);
        let ax = axis_spec(size);
        let small = TextSpec::new(size.font * 0.75, style::INK);
        let label_w = self
            .rows
            .iter()
            .map(|r| lab.width(&r.label))
            .fold(0.0, f64::max)
            .min(plot.w * 0.25)
            + size.font * 0.6;
        // Room for the end texts on both sides.
        let text_w = self
            .rows
            .iter()
            .flat_map(|r| {
                [
                    small.width(&self.end_text(&r.low_setting, r.low)),
                    small.width(&self.end_text(&r.high_setting, r.high)),
                ]
            })
            .fold(0.0, f64::max)
            + size.font * 0.5;
        let top = size.font * 1.5;
        let axis_h = size.font * 3.0;
        let bars = Rect::new(
            plot.x + label_w + text_w,
            plot.y + top,
            (plot.w - label_w - 2.0 * text_w).max(size.font * 8.0),
            plot.h - top - axis_h,
        );
        let mut vals: Vec<f64> = self.rows.iter().flat_map(|r| [r.low, r.high]).collect();
        vals.push(self.base);
        let (lo, hi) = super::extent(vals.iter());
        let pad = ((hi - lo) * 0.05).max(hi.abs().max(1.0) * 0.001);
        let ticks = axis::ticks(
            lo - pad,
            hi + pad,
            ((bars.w / (size.font * 6.0)) as usize).max(2),
            false,
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
        let n = self.rows.len().max(1) as f64;
        let row = bars.h / n;
        let bar_h = (row * 0.6).max(2.0);
        let xb = sx.at(self.base);
        for (k, r) in self.rows.iter().enumerate() {
            let cy = bars.y + row * (k as f64 + 0.5);
            // The longer bar first so that the shorter stays visible on the same side.
            let mut ends = [
                (r.low, LOW, &r.low_setting),
                (r.high, HIGH, &r.high_setting),
            ];
            ends.sort_by(|a, b| (b.0 - self.base).abs().total_cmp(&(a.0 - self.base).abs()));
            for (v, col, _) in &ends {
                let x = sx.at(*v);
                let rect = Rect::new(x.min(xb), cy - bar_h / 2.0, (x - xb).abs().max(1.0), bar_h);
                c.fill_rect(rect, *col, 1.0)?;
            }
            let text =
                font::truncate_to_width(&r.label, label_w - size.font * 0.6, lab.px, lab.weight);
            c.text_mid(
                &text,
                plot.x + label_w - size.font * 0.5,
                cy,
                lab.align(Align::Right),
            )?;
            // End texts: left of the leftmost end, right of the rightmost end; if both ends lie
            // on one side, stack them above and below the row centre.
            let (left, right) = if r.low <= r.high {
                ((r.low, &r.low_setting), (r.high, &r.high_setting))
            } else {
                ((r.high, &r.high_setting), (r.low, &r.low_setting))
            };
            let xl = sx.at(left.0).min(xb);
            let xr = sx.at(right.0).max(xb);
            if left.0 < self.base - 1e-9 || right.0 <= self.base + 1e-9 {
                c.text_mid(
                    &self.end_text(left.1, left.0),
                    xl - size.font * 0.3,
                    cy,
                    small.align(Align::Right),
                )?;
            } else {
                c.text_mid(
                    &self.end_text(left.1, left.0),
                    xr + size.font * 0.3,
                    cy - size.font * 0.45,
                    small.align(Align::Left),
                )?;
            }
            if right.0 > self.base + 1e-9 || left.0 >= self.base - 1e-9 {
                let dy = if left.0 >= self.base - 1e-9 && right.0 > self.base + 1e-9 {
                    size.font * 0.45
                } else {
                    0.0
                };
                c.text_mid(
                    &self.end_text(right.1, right.0),
                    xr + size.font * 0.3,
                    cy + dy,
                    small.align(Align::Left),
                )?;
            } else {
                c.text_mid(
                    &self.end_text(right.1, right.0),
                    xl - size.font * 0.3,
                    cy + size.font * 0.45,
                    small.align(Align::Right),
                )?;
            }
        }
        c.line(
            (xb, bars.y - 2.0),
            (xb, bars.bottom()),
            style::REFERENCE,
            2.0,
        )?;
        let text = format!("{} {}", self.base_label, self.format.label(self.base));
        let spec = TextSpec::new(size.font * 0.8, style::REFERENCE)
            .bold()
            .align(Align::Center);
        let w = spec.width(&text);
        c.text(
            &text,
            xb.clamp(plot.x + w / 2.0, plot.right() - w / 2.0),
            bars.y - size.font * 1.0,
            spec,
        )?;
        Ok(())
    }
}
