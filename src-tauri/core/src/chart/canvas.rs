//! Drawing primitives for charts and report pages on plotters' SVG backend, in CSS pixels.
//! Text is measured with the embedded font (`font.rs`) and positioned here, so labels can be
//! truncated, wrapped and kept apart before they are drawn.

use plotters::prelude::SVGBackend;
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, FontFamily,
    FontStyle, FontTransform,
};

use super::font::{self, Weight};
use super::style::{Rgb, WHITE};
use crate::report::ReportError;

/// Horizontal text alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A text run's look.
#[derive(Debug, Clone, Copy)]
pub struct TextSpec {
    pub px: f64,
    pub weight: Weight,
    pub color: Rgb,
    pub align: Align,
}

impl TextSpec {
    pub fn new(px: f64, color: Rgb) -> TextSpec {
        TextSpec {
            px,
            weight: Weight::Regular,
            color,
            align: Align::Left,
        }
    }
    pub fn bold(mut self) -> TextSpec {
        self.weight = Weight::Bold;
        self
    }
    pub fn align(mut self, a: Align) -> TextSpec {
        self.align = a;
        self
    }
    pub fn width(&self, text: &str) -> f64 {
        font::text_width(text, self.px, self.weight)
    }
    /// Line height used for stacking lines of this size.
    pub fn line_height(&self) -> f64 {
        self.px * 1.3
    }
}

struct Txt {
    px: f64,
    weight: Weight,
    color: Rgb,
    h: HPos,
    rotate: bool,
}

#[derive(Debug)]
pub struct NoFontError;
impl std::fmt::Display for NoFontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "font layout is done by the chart layer")
    }
}
impl std::error::Error for NoFontError {}

impl BackendTextStyle for Txt {
    type FontError = NoFontError;
    fn color(&self) -> BackendColor {
        bc(self.color, 1.0)
    }
    fn size(&self) -> f64 {
        // plotters' SVG backend writes font-size = size / 1.24.
        self.px * 1.24
    }
    fn transform(&self) -> FontTransform {
        if self.rotate {
            FontTransform::Rotate270
        } else {
            FontTransform::None
        }
    }
    fn style(&self) -> FontStyle {
        match self.weight {
            Weight::Regular => FontStyle::Normal,
            Weight::Bold => FontStyle::Bold,
        }
    }
    fn anchor(&self) -> Pos {
        Pos::new(self.h, VPos::Top)
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(font::CSS_FAMILY)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), NoFontError> {
        let w = font::text_width(text, self.px, self.weight);
        Ok(((0, 0), (w.ceil() as i32, self.px.ceil() as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, NoFontError> {
        Err(NoFontError)
    }
}

struct Stroke {
    color: BackendColor,
    width: u32,
}
impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn bc(c: Rgb, alpha: f64) -> BackendColor {
    BackendColor {
        alpha,
        rgb: (c.0, c.1, c.2),
    }
}

fn p(x: f64, y: f64) -> BackendCoord {
    (x.round() as i32, y.round() as i32)
}

fn render_err<E: std::fmt::Debug>(e: E) -> ReportError {
    ReportError::Render(format!("SVG-Ausgabe: {e:?}"))
}

/// A rectangle in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect {
            x,
            y,
            w: w.max(0.0),
            h: h.max(0.0),
        }
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Shrinks by the given insets.
    pub fn inset(&self, top: f64, right: f64, bottom: f64, left: f64) -> Rect {
        Rect::new(
            self.x + left,
            self.y + top,
            self.w - left - right,
            self.h - top - bottom,
        )
    }
}

/// An SVG drawing surface of `width × height` CSS pixels.
pub struct Canvas<'a> {
    backend: SVGBackend<'a>,
    pub width: f64,
    pub height: f64,
}

impl<'a> Canvas<'a> {
    pub fn new(buf: &'a mut String, width: f64, height: f64) -> Canvas<'a> {
        let backend = SVGBackend::with_string(buf, (width.ceil() as u32, height.ceil() as u32));
        Canvas {
            backend,
            width: width.ceil(),
            height: height.ceil(),
        }
    }

    /// Closes the SVG document.
    pub fn finish(mut self) -> Result<(), ReportError> {
        self.backend.present().map_err(render_err)
    }

    pub fn full(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width, self.height)
    }

    /// Text whose top of the line box is at `y` (cap height starts ~0.03 em below `y`).
    pub fn text(&mut self, s: &str, x: f64, y: f64, spec: TextSpec) -> Result<(), ReportError> {
        if s.is_empty() {
            return Ok(());
        }
        let h = match spec.align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        let st = Txt {
            px: spec.px,
            weight: spec.weight,
            color: spec.color,
            h,
            rotate: false,
        };
        self.backend.draw_text(s, &st, p(x, y)).map_err(render_err)
    }

    /// Text vertically centred (capitals) on `cy`.
    pub fn text_mid(
        &mut self,
        s: &str,
        x: f64,
        cy: f64,
        spec: TextSpec,
    ) -> Result<(), ReportError> {
        self.text(s, x, cy - 0.40 * spec.px, spec)
    }

    /// Text rotated by 270° (reading bottom to top), centred at (`cx`, `cy`).
    pub fn text_vertical(
        &mut self,
        s: &str,
        cx: f64,
        cy: f64,
        spec: TextSpec,
    ) -> Result<(), ReportError> {
        let st = Txt {
            px: spec.px,
            weight: spec.weight,
            color: spec.color,
            h: HPos::Center,
            rotate: true,
        };
        // Rotated about its anchor: the top of the line box points left.
        self.backend
            .draw_text(s, &st, p(cx - 0.40 * spec.px, cy))
            .map_err(render_err)
    }

    pub fn fill_rect(&mut self, r: Rect, c: Rgb, alpha: f64) -> Result<(), ReportError> {
        if r.w <= 0.0 || r.h <= 0.0 {
            return Ok(());
        }
        self.backend
            .draw_rect(p(r.x, r.y), p(r.right(), r.bottom()), &bc(c, alpha), true)
            .map_err(render_err)
    }

    /// Outline of a rectangle with a stroke of `width` px drawn inside the rectangle.
    pub fn stroke_rect(&mut self, r: Rect, c: Rgb, width: f64) -> Result<(), ReportError> {
        let hw = width / 2.0;
        let (x0, y0, x1, y1) = (r.x + hw, r.y + hw, r.right() - hw, r.bottom() - hw);
        self.polyline(
            &[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0 - hw)],
            c,
            width,
        )
    }

    pub fn line(
        &mut self,
        a: (f64, f64),
        b: (f64, f64),
        c: Rgb,
        width: f64,
    ) -> Result<(), ReportError> {
        let st = Stroke {
            color: bc(c, 1.0),
            width: width.round().max(1.0) as u32,
        };
        self.backend
            .draw_line(p(a.0, a.1), p(b.0, b.1), &st)
            .map_err(render_err)
    }

    /// A dashed straight line (dash and gap in px).
    pub fn dashed(
        &mut self,
        a: (f64, f64),
        b: (f64, f64),
        c: Rgb,
        width: f64,
        dash: f64,
        gap: f64,
    ) -> Result<(), ReportError> {
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len <= 0.0 {
            return Ok(());
        }
        let (dx, dy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        let mut t = 0.0;
        while t < len {
            let e = (t + dash).min(len);
            self.line(
                (a.0 + dx * t, a.1 + dy * t),
                (a.0 + dx * e, a.1 + dy * e),
                c,
                width,
            )?;
            t += dash + gap;
        }
        Ok(())
    }

    pub fn polyline(&mut self, pts: &[(f64, f64)], c: Rgb, width: f64) -> Result<(), ReportError> {
        let st = Stroke {
            color: bc(c, 1.0),
            width: width.round().max(1.0) as u32,
        };
        self.backend
            .draw_path(pts.iter().map(|&(x, y)| p(x, y)), &st)
            .map_err(render_err)
    }

    pub fn polygon(&mut self, pts: &[(f64, f64)], c: Rgb, alpha: f64) -> Result<(), ReportError> {
        self.backend
            .fill_polygon(pts.iter().map(|&(x, y)| p(x, y)), &bc(c, alpha))
            .map_err(render_err)
    }

    pub fn circle(
        &mut self,
        cx: f64,
        cy: f64,
        r: f64,
        fill: Rgb,
        stroke: Option<Rgb>,
    ) -> Result<(), ReportError> {
        self.backend
            .draw_circle(p(cx, cy), r.round().max(1.0) as u32, &bc(fill, 1.0), true)
            .map_err(render_err)?;
        if let Some(s) = stroke {
            let st = Stroke {
                color: bc(s, 1.0),
                width: 1,
            };
            self.backend
                .draw_circle(p(cx, cy), r.round().max(1.0) as u32, &st, false)
                .map_err(render_err)?;
        }
        Ok(())
    }

    /// White diagonal hatching inside `r` (for greyscale separation of series).
    pub fn hatch(&mut self, r: Rect) -> Result<(), ReportError> {
        let step = 5.0;
        let mut k = step;
        // Lines x + y = const, clipped to the rectangle.
        while k < r.w + r.h {
            let (mut x0, mut y0) = (r.x + k, r.y);
            if k > r.w {
                x0 = r.right();
                y0 = r.y + (k - r.w);
            }
            let (mut x1, mut y1) = (r.x, r.y + k);
            if k > r.h {
                y1 = r.bottom();
                x1 = r.x + (k - r.h);
            }
            if (x0 - x1).abs() > 1.0 {
                self.line((x0, y0), (x1, y1), WHITE, 1.0)?;
            }
            k += step;
        }
        Ok(())
    }
}
