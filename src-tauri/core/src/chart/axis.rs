//! Value axes: "nice" ticks (1, 2, 2,5, 5 × 10ⁿ), linear scales, grid lines and German tick labels.

use super::canvas::{Align, Canvas, Rect, TextSpec};
use super::frame::ValueFormat;
use super::style;
use crate::report::ReportError;

/// Ticks covering [lo, hi] with about `target` intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Ticks {
    pub fn values(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n).map(|i| self.lo + i as f64 * self.step).collect()
    }
    pub fn max_abs(&self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }
}

fn nice_step(raw: f64, integral: bool) -> f64 {
    if raw.is_nan() || raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let e = raw.log10().floor();
    let base = 10f64.powf(e);
    let f = raw / base;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    let s = m * base;
    if integral {
        s.max(1.0).round().max(1.0)
    } else {
        s
    }
}

/// Nice ticks for data in [min, max]; the axis always includes 0 when `zero` is set.
pub fn ticks(min: f64, max: f64, target: usize, zero: bool, fmt: ValueFormat) -> Ticks {
    let (mut a, mut b) = (min.min(max), max.max(min));
    if !a.is_finite() || !b.is_finite() {
        a = 0.0;
        b = 1.0;
    }
    if zero {
        a = a.min(0.0);
        b = b.max(0.0);
    }
    if (b - a).abs() < 1e-12 {
        b = a + if a == 0.0 { 1.0 } else { a.abs() * 0.5 };
    }
    let step = nice_step((b - a) / target.max(1) as f64, fmt.integral());
    let lo = (a / step + 1e-9).floor() * step;
    let hi = (b / step - 1e-9).ceil() * step;
    Ticks { lo, hi, step }
}

/// Linear map from data [d0, d1] to pixels [r0, r1].
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Scale {
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        Scale { d0, d1, r0, r1 }
    }
    pub fn at(&self, v: f64) -> f64 {
        if (self.d1 - self.d0).abs() < 1e-300 {
            return self.r0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// Width of the widest tick label.
pub fn label_width(t: &Ticks, fmt: ValueFormat, spec: &TextSpec) -> f64 {
    t.values()
        .iter()
        .map(|&v| spec.width(&fmt.axis(v, t.step, t.max_abs())))
        .fold(0.0, f64::max)
}

/// A vertical value axis at the left of `plot`: grid lines across, labels right-aligned left of it.
pub fn draw_y(
    c: &mut Canvas,
    plot: Rect,
    t: &Ticks,
    scale: &Scale,
    fmt: ValueFormat,
    spec: TextSpec,
) -> Result<(), ReportError> {
    for v in t.values() {
        let y = scale.at(v);
        let col = if v.abs() < t.step * 1e-9 {
            style::AXIS
        } else {
            style::GRID
        };
        c.line((plot.x, y), (plot.right(), y), col, 1.0)?;
        c.text_mid(
            &fmt.axis(v, t.step, t.max_abs()),
            plot.x - spec.px * 0.5,
            y,
            spec.align(Align::Right),
        )?;
    }
    Ok(())
}

/// A horizontal value axis below `plot`: grid lines up, labels centred under the ticks.
pub fn draw_x(
    c: &mut Canvas,
    plot: Rect,
    t: &Ticks,
    scale: &Scale,
    fmt: ValueFormat,
    spec: TextSpec,
) -> Result<(), ReportError> {
    let vals = t.values();
    // Thin the labels if they would collide.
    let widths: Vec<f64> = vals
        .iter()
        .map(|&v| spec.width(&fmt.axis(v, t.step, t.max_abs())))
        .collect();
    let spacing = if vals.len() > 1 {
        (scale.at(vals[1]) - scale.at(vals[0])).abs()
    } else {
        f64::MAX
    };
    let maxw = widths.iter().cloned().fold(0.0, f64::max);
    let every = ((maxw + spec.px) / spacing).ceil().max(1.0) as usize;
    for (i, v) in vals.iter().enumerate() {
        let x = scale.at(*v);
        let col = if v.abs() < t.step * 1e-9 {
            style::AXIS
        } else {
            style::GRID
        };
        c.line((x, plot.y), (x, plot.bottom()), col, 1.0)?;
        if i % every == 0 {
            c.text(
                &fmt.axis(*v, t.step, t.max_abs()),
                x,
                plot.bottom() + spec.px * 0.4,
                spec.align(Align::Center),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks() {
        let t = ticks(0.0, 937.0, 5, true, ValueFormat::Int);
        assert_eq!((t.lo, t.hi, t.step), (0.0, 1000.0, 200.0));
        let t = ticks(3.2, 8.9, 5, false, ValueFormat::Decimal(1));
        assert_eq!((t.lo, t.hi, t.step), (2.0, 10.0, 2.0));
        let t = ticks(0.0, 4.0, 8, true, ValueFormat::Int);
        assert_eq!(t.step, 1.0);
        let t = ticks(-120.0, 80.0, 4, true, ValueFormat::Eur);
        assert_eq!((t.lo, t.hi, t.step), (-150.0, 100.0, 50.0));
        assert_eq!(t.values().len(), 6);
    }

    #[test]
    fn scale_maps_linearly() {
        let s = Scale::new(0.0, 100.0, 50.0, 250.0);
        assert_eq!(s.at(25.0), 100.0);
        let inv = Scale::new(0.0, 10.0, 300.0, 100.0);
        assert_eq!(inv.at(10.0), 100.0);
    }
}
