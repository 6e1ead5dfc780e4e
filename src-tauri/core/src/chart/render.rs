//! Chart spec → SVG (window, export), PNG (96 dpi screen, 300 dpi print) and PDF.
//! PNG and PDF are made from the SVG with resvg / svg2pdf and the embedded font only.

use serde::{Deserialize, Serialize};

use super::canvas::Canvas;
use super::font;
use super::frame;
use super::kinds::Kind;
use super::style::{Size, CSS_DPI, PRINT_DPI};
use super::{Chart, ChartKind};
use crate::report::ReportError;

fn kind(k: &ChartKind) -> &dyn Kind {
    match k {
        ChartKind::Ranking(x) => x,
        ChartKind::Stacked(x) => x,
        ChartKind::Lines(x) => x,
        ChartKind::Band(x) => x,
        ChartKind::SmallMultiples(x) => x,
        ChartKind::Heatmap(x) => x,
        ChartKind::Scatter(x) => x,
        ChartKind::PlanActual(x) => x,
        ChartKind::Tornado(x) => x,
    }
}

/// The SVG of `chart` at `size` (taller if the data need it).
pub fn render_svg(chart: &Chart, size: Size) -> Result<String, ReportError> {
    let k = kind(&chart.kind);
    let layout = frame::measure(&chart.meta, &k.legend(), &size);
    let height = size
        .height
        .max(layout.header_h + layout.footer_h + k.min_plot_height(&size))
        .ceil();
    let size = size.with_height(height);
    let mut buf = String::new();
    {
        let mut c = Canvas::new(&mut buf, size.width, height);
        let plot = frame::draw(&mut c, &layout, &size)?;
        k.draw(&mut c, plot, &size)?;
        c.finish()?;
    }
    Ok(buf)
}

/// Parses an SVG produced here with the embedded fonts only.
pub fn parse_svg(svg: &str) -> Result<resvg::usvg::Tree, ReportError> {
    let opt = resvg::usvg::Options {
        fontdb: font::fontdb(),
        font_family: font::FAMILY.to_string(),
        ..Default::default()
    };
    resvg::usvg::Tree::from_str(svg, &opt)
        .map_err(|e| ReportError::Render(format!("SVG nicht lesbar: {e}")))
}

/// Rasterises an SVG at `scale` (1 = 96 dpi).
pub fn svg_to_png(svg: &str, scale: f64) -> Result<Vec<u8>, ReportError> {
    let tree = parse_svg(svg)?;
    let w = (tree.size().width() as f64 * scale).ceil() as u32;
    let h = (tree.size().height() as f64 * scale).ceil() as u32;
    let mut pix = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| ReportError::Render(format!("Bildgröße {w}×{h} nicht möglich")))?;
    pix.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32),
        &mut pix.as_mut(),
    );
    let mut png = pix
        .encode_png()
        .map_err(|e| ReportError::Render(format!("PNG-Kodierung: {e}")))?;
    set_png_dpi(&mut png, scale * CSS_DPI);
    Ok(png)
}

/// Inserts a pHYs chunk so that image programs know the print resolution.
fn set_png_dpi(png: &mut Vec<u8>, dpi: f64) {
    // Signature (8) + IHDR chunk (4 len + 4 type + 13 data + 4 crc) = 33 bytes.
    if png.len() < 33 || &png[12..16] != b"IHDR" {
        return;
    }
    let ppm = (dpi / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    let mut body = Vec::with_capacity(13);
    body.extend_from_slice(b"pHYs");
    body.extend_from_slice(&ppm.to_be_bytes());
    body.extend_from_slice(&ppm.to_be_bytes());
    body.push(1);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    png.splice(33..33, chunk);
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One-page PDF of an SVG (page size = SVG size; text stays text with the embedded font).
pub fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, ReportError> {
    let tree = parse_svg(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| ReportError::Render(format!("PDF-Erzeugung: {e}")))
}

/// Export formats of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartFormat {
    Svg,
    /// PNG at 96 dpi, screen size.
    PngScreen,
    /// PNG at 300 dpi, A4 print size.
    PngPrint,
    Pdf,
}

impl ChartFormat {
    /// From a file name: `.svg`, `.pdf`, `.png` (print, 300 dpi).
    pub fn from_path(path: &std::path::Path) -> Option<ChartFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("svg") => Some(ChartFormat::Svg),
            Some("png") => Some(ChartFormat::PngPrint),
            Some("pdf") => Some(ChartFormat::Pdf),
            _ => None,
        }
    }
}

/// The bytes of `chart` in `format`.
pub fn export(chart: &Chart, format: ChartFormat) -> Result<Vec<u8>, ReportError> {
    Ok(match format {
        ChartFormat::Svg => render_svg(chart, Size::PRINT)?.into_bytes(),
        ChartFormat::PngScreen => svg_to_png(&render_svg(chart, Size::SCREEN)?, 1.0)?,
        ChartFormat::PngPrint => svg_to_png(&render_svg(chart, Size::PRINT)?, PRINT_DPI / CSS_DPI)?,
        ChartFormat::Pdf => svg_to_pdf(&render_svg(chart, Size::PRINT)?)?,
    })
}

/// Writes `chart` to `path` in the format its extension names, all or nothing.
pub fn export_to_file(
    chart: &Chart,
    path: &std::path::Path,
    format: Option<ChartFormat>,
) -> Result<(), ReportError> {
    let format = format
        .or_else(|| ChartFormat::from_path(path))
        .ok_or_else(|| {
            ReportError::Render(format!(
                "Unbekanntes Format für {}: bitte .png, .svg oder .pdf",
                path.display()
            ))
        })?;
    let bytes = export(chart, format)?;
    crate::report::write_atomic(path, &bytes)
}
