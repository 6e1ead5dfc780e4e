//! Reusable chart kinds. Each takes plain data (labels and `f64` values in display units, e.g.
//! euros not cents) and draws itself inside the frame's plot rectangle.

mod band;
mod heatmap;
mod lines;
mod multiples;
mod plan_actual;
mod ranking;
mod scatter;
mod stacked;
mod tornado;

pub use band::Band;
pub use heatmap::Heatmap;
pub use lines::Lines;
pub use multiples::{Panel, SmallMultiples};
pub use plan_actual::PlanActual;
pub use ranking::{RankItem, Ranking, Sort};
pub use scatter::{Scatter, ScatterPoint};
pub use stacked::StackedBars;
pub use tornado::{Tornado, TornadoRow};

use serde::{Deserialize, Serialize};

use super::canvas::{Align, Canvas, Rect, TextSpec};
use super::frame::LegendItem;
use super::style::{self, Size};
use crate::report::ReportError;

/// A named data series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// One value per category; `NaN` = no value.
    pub values: Vec<f64>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<f64>) -> Series {
        Series {
            name: name.into(),
            values,
        }
    }
}

/// A reference line (district median, contract target, budget cap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefLine {
    pub value: f64,
    pub label: String,
}

impl RefLine {
    pub fn new(label: impl Into<String>, value: f64) -> RefLine {
        RefLine {
            value,
            label: label.into(),
        }
    }
}

/// Median of the finite values (mean of the middle two for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// Quantile with linear interpolation between closest ranks (type 7, as in spreadsheets'
/// `QUANTIL.INKL`).
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let h = (v.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(v[lo] + (h - lo as f64) * (v[hi] - v[lo]))
}

/// What a chart kind must provide to the renderer.
pub(crate) trait Kind {
    fn legend(&self) -> Vec<LegendItem>;
    /// Plot height needed for the data (rankings grow with their rows).
    fn min_plot_height(&self, size: &Size) -> f64;
    fn draw(&self, c: &mut Canvas, plot: Rect, size: &Size) -> Result<(), ReportError>;
}

pub(crate) fn axis_spec(size: &Size) -> TextSpec {
    TextSpec::new(size.font * 0.85, style::MUTED)
}

pub(crate) fn label_spec(size: &Size) -> TextSpec {
    TextSpec::new(size.font * 0.85, style::INK)
}

/// Axis title (unit) above the value axis, left-aligned at the plot's left edge.
pub(crate) fn value_title(
    c: &mut Canvas,
    text: &str,
    x: f64,
    y: f64,
    size: &Size,
) -> Result<(), ReportError> {
    if text.is_empty() {
        return Ok(());
    }
    c.text(text, x, y, axis_spec(size).align(Align::Left))
}

/// Category labels centred under `centers`, thinned out (every k-th) if they would collide.
pub(crate) fn category_labels(
    c: &mut Canvas,
    labels: &[String],
    centers: &[f64],
    y: f64,
    spec: TextSpec,
) -> Result<(), ReportError> {
    if labels.is_empty() || centers.is_empty() {
        return Ok(());
    }
    let spacing = if centers.len() > 1 {
        (centers[1] - centers[0]).abs()
    } else {
        f64::MAX
    };
    let maxw = labels.iter().map(|l| spec.width(l)).fold(0.0, f64::max);
    let every = ((maxw + spec.px * 0.8) / spacing).ceil().max(1.0) as usize;
    for (i, (l, x)) in labels.iter().zip(centers).enumerate() {
        if i % every == 0 {
            let l = super::font::truncate_to_width(
                l,
                (spacing * every as f64 - spec.px * 0.4).max(spec.px * 3.0),
                spec.px,
                spec.weight,
            );
            c.text(&l, *x, y, spec.align(Align::Center))?;
        }
    }
    Ok(())
}

/// Finite min/max over many slices.
pub(crate) fn extent<'a>(iter: impl IntoIterator<Item = &'a f64>) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for &v in iter {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if lo > hi {
        (0.0, 1.0)
    } else {
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_like_spreadsheet() {
        // QUANTIL.INKL({1;2;3;4;10}; 0,25) = 2; median 3; 0,75 → 4.
        let v = [4.0, 1.0, 10.0, 3.0, 2.0];
        assert_eq!(quantile(&v, 0.25), Some(2.0));
        assert_eq!(median(&v), Some(3.0));
        assert_eq!(quantile(&v, 0.75), Some(4.0));
        // Even count: median of {1;2;3;4} = 2,5; P25 = 1,75.
        assert_eq!(median(&[1.0, 2.0, 3.0, 4.0]), Some(2.5));
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.25), Some(1.75));
        assert_eq!(median(&[f64::NAN]), None);
    }
}
