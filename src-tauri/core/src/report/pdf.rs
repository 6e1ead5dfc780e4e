//! A4 documents: blocks (headings, text, facts, tables, charts, "no data yet" boxes) are laid out
//! onto SVG pages (tables split over pages with their header repeated, charts kept whole), each
//! page with header, date and "Seite x von n"; the pages become one PDF through svg2pdf with the
//! embedded font (text stays text).

use std::collections::HashMap;

use chrono::NaiveDate;
use pdf_writer::{Content, Finish, Name, Pdf, Rect as PdfRect, Ref, TextStr};

use super::table::{ColumnType, DataTable};
use super::ReportError;
use crate::chart::canvas::{Align, Canvas, Rect, TextSpec};
use crate::chart::font::{self, Weight};
use crate::chart::style::{self, Rgb, Size};
use crate::chart::{render, Chart};
use crate::format::format_date;

/// A4 in CSS pixels (96 dpi): 210 × 297 mm.
pub const PAGE_W: f64 = 794.0;
pub const PAGE_H: f64 = 1123.0;
/// 20 mm side margins: content width 642 px = `Size::PRINT.width`.
pub const MARGIN_X: f64 = 76.0;
const TOP: f64 = 84.0;
const BOTTOM: f64 = 80.0;
const CONTENT_W: f64 = PAGE_W - 2.0 * MARGIN_X;
/// A4 in PDF points.
const A4_PT: (f32, f32) = (595.28, 841.89);

/// One element of a document.
#[derive(Debug, Clone)]
pub enum Block {
    /// Big title with a subtitle (first page).
    Title {
        title: String,
        subtitle: String,
    },
    Heading(String),
    Paragraph(String),
    /// Small grey text (definitions, sources).
    Note(String),
    /// Key/value facts, two pairs per row.
    Facts(Vec<(String, String)>),
    Table(DataTable),
    Chart(Box<Chart>),
    /// A framed box for a section whose data are missing ("noch keine Daten").
    Placeholder {
        title: String,
        text: String,
    },
    Spacer(f64),
    PageBreak,
}

/// A document of blocks.
#[derive(Debug, Clone)]
pub struct Document {
    /// Running header on every page.
    pub header: String,
    pub date: NaiveDate,
    /// Footer left, e.g. "Schul-IT-Cockpit · Demo-Schulträger Leverkusen".
    pub footer: String,
    pub blocks: Vec<Block>,
}

fn body() -> TextSpec {
    TextSpec::new(13.0, style::INK)
}
fn note() -> TextSpec {
    TextSpec::new(10.5, style::MUTED)
}
fn heading() -> TextSpec {
    TextSpec::new(17.0, Rgb(0x00, 0x4f, 0x7c)).bold()
}
fn table_spec() -> TextSpec {
    TextSpec::new(10.5, style::INK)
}

/// A placed, measured piece of a page.
#[derive(Debug, Clone)]
enum Piece {
    Lines {
        lines: Vec<String>,
        spec: TextSpec,
        gap_before: f64,
    },
    Title {
        title: Vec<String>,
        subtitle: Vec<String>,
    },
    Facts(Vec<(String, String)>),
    TableRows {
        cols: Vec<TableCol>,
        rows: Vec<Vec<String>>,
        first_row: usize,
    },
    Chart {
        svg: String,
        h: f64,
    },
    Placeholder {
        title: String,
        lines: Vec<String>,
    },
    Space(f64),
}

#[derive(Debug, Clone)]
struct TableCol {
    title: String,
    x: f64,
    w: f64,
    right: bool,
}

const ROW_H: f64 = 17.0;

impl Piece {
    fn height(&self) -> f64 {
        match self {
            Piece::Lines {
                lines,
                spec,
                gap_before,
            } => gap_before + lines.len() as f64 * spec.line_height() + 4.0,
            Piece::Title { title, subtitle } => {
                title.len() as f64 * 32.0 + subtitle.len() as f64 * 20.0 + 18.0
            }
            Piece::Facts(f) => f.len().div_ceil(2) as f64 * 21.0 + 8.0,
            Piece::TableRows { rows, .. } => (rows.len() + 1) as f64 * ROW_H + 6.0,
            Piece::Chart { h, .. } => h + 12.0,
            Piece::Placeholder { lines, .. } => {
                40.0 + lines.len() as f64 * note().line_height() + 12.0
            }
            Piece::Space(h) => *h,
        }
    }
}

fn table_cols(t: &DataTable) -> Vec<TableCol> {
    let spec = table_spec();
    let head = spec.bold();
    let want: Vec<f64> = t
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let data = (0..t.rows.len())
                .map(|i| spec.width(&t.display(i, j)))
                .fold(0.0, f64::max);
            let h = c
                .title
                .split_whitespace()
                .map(|w| head.width(w))
                .fold(0.0, f64::max);
            data.max(h).max(head.width(&c.title).min(120.0)) + 10.0
        })
        .collect();
    let want = fit_widths(&want, CONTENT_W);
    let mut x = MARGIN_X;
    t.columns
        .iter()
        .zip(want)
        .map(|(c, w)| {
            let col = TableCol {
                title: c.title.clone(),
                x,
                w,
                right: c.ty.is_numeric() && c.ty != ColumnType::Date,
            };
            x += w;
            col
        })
        .collect()
}

/// Caps the widest columns at one common width so that all fit into `total` (narrow columns keep
/// their natural width).
pub(crate) fn fit_widths(want: &[f64], total: f64) -> Vec<f64> {
    let sum: f64 = want.iter().sum();
    if sum <= total || want.is_empty() {
        return want.to_vec();
    }
    let mut sorted = want.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let mut fixed = 0.0;
    let mut cap = total / want.len() as f64;
    for (i, w) in sorted.iter().enumerate() {
        let rest = (sorted.len() - i) as f64;
        let c = (total - fixed) / rest;
        if *w <= c {
            fixed += w;
        } else {
            cap = c;
            break;
        }
    }
    want.iter().map(|w| w.min(cap)).collect()
}

/// Measures blocks into pieces.
fn pieces(blocks: &[Block]) -> Result<Vec<(Piece, bool, bool)>, ReportError> {
    // (piece, page break before, keep with next)
    let mut out = Vec::new();
    let mut brk = false;
    for b in blocks {
        match b {
            Block::PageBreak => {
                brk = true;
                continue;
            }
            Block::Title { title, subtitle } => out.push((
                Piece::Title {
                    title: font::wrap(title, CONTENT_W, 26.0, Weight::Bold),
                    subtitle: font::wrap(subtitle, CONTENT_W, 15.0, Weight::Regular),
                },
                brk,
                true,
            )),
            Block::Heading(h) => out.push((
                Piece::Lines {
                    lines: font::wrap(h, CONTENT_W, heading().px, Weight::Bold),
                    spec: heading(),
                    gap_before: 12.0,
                },
                brk,
                true,
            )),
            Block::Paragraph(p) => out.push((
                Piece::Lines {
                    lines: font::wrap(p, CONTENT_W, body().px, Weight::Regular),
                    spec: body(),
                    gap_before: 0.0,
                },
                brk,
                false,
            )),
            Block::Note(p) => out.push((
                Piece::Lines {
                    lines: font::wrap(p, CONTENT_W, note().px, Weight::Regular),
                    spec: note(),
                    gap_before: 0.0,
                },
                brk,
                false,
            )),
            Block::Facts(f) => out.push((Piece::Facts(f.clone()), brk, false)),
            Block::Table(t) => {
                let cols = table_cols(t);
                let rows: Vec<Vec<String>> = (0..t.rows.len())
                    .map(|i| (0..t.columns.len()).map(|j| t.display(i, j)).collect())
                    .collect();
                out.push((
                    Piece::TableRows {
                        cols,
                        rows,
                        first_row: 0,
                    },
                    brk,
                    false,
                ));
                for n in &t.notes {
                    out.push((
                        Piece::Lines {
                            lines: font::wrap(n, CONTENT_W, note().px, Weight::Regular),
                            spec: note(),
                            gap_before: 0.0,
                        },
                        false,
                        false,
                    ));
                }
            }
            Block::Chart(c) => {
                let svg = render::render_svg(c, Size::PRINT)?;
                let h = svg_height(&svg).unwrap_or(Size::PRINT.height);
                out.push((Piece::Chart { svg, h }, brk, false));
            }
            Block::Placeholder { title, text } => out.push((
                Piece::Placeholder {
                    title: title.clone(),
                    lines: font::wrap(text, CONTENT_W - 24.0, note().px, Weight::Regular),
                },
                brk,
                false,
            )),
            Block::Spacer(h) => out.push((Piece::Space(*h), brk, false)),
        }
        brk = false;
    }
    Ok(out)
}

fn svg_height(svg: &str) -> Option<f64> {
    let head = &svg[..svg.find('>')?];
    let i = head.find("height=\"")? + 8;
    let rest = &head[i..];
    rest[..rest.find('"')?].parse().ok()
}

/// Paginates pieces: returns pages of (y, piece).
fn paginate(items: Vec<(Piece, bool, bool)>) -> Vec<Vec<(f64, Piece)>> {
    let bottom = PAGE_H - BOTTOM;
    let mut pages: Vec<Vec<(f64, Piece)>> = vec![vec![]];
    let mut y = TOP;
    let heights: Vec<f64> = items.iter().map(|(p, _, _)| p.height()).collect();
    for (k, (piece, brk, keep)) in items.into_iter().enumerate() {
        let new_page = |pages: &mut Vec<Vec<(f64, Piece)>>, y: &mut f64| {
            pages.push(vec![]);
            *y = TOP;
        };
        if brk && !pages.last().is_some_and(|p| p.is_empty()) {
            new_page(&mut pages, &mut y);
        }
        let h = heights[k];
        let need = if keep {
            h + heights.get(k + 1).copied().unwrap_or(0.0).min(140.0)
        } else {
            h
        };
        match piece {
            Piece::TableRows { cols, rows, .. } => {
                let mut start = 0usize;
                loop {
                    let room = ((bottom - y - 6.0) / ROW_H).floor() as i64 - 1;
                    let left = rows.len() - start;
                    if room < 3.min(left as i64).max(1)
                        && !pages.last().is_some_and(|p| p.is_empty())
                    {
                        new_page(&mut pages, &mut y);
                        continue;
                    }
                    let take = (room.max(1) as usize).min(left);
                    let chunk = Piece::TableRows {
                        cols: cols.clone(),
                        rows: rows[start..start + take].to_vec(),
                        first_row: start,
                    };
                    let ch = chunk.height();
                    if let Some(p) = pages.last_mut() {
                        p.push((y, chunk));
                    }
                    y += ch;
                    start += take;
                    if start >= rows.len() {
                        break;
                    }
                    new_page(&mut pages, &mut y);
                }
            }
            Piece::Space(s) => {
                if y > TOP {
                    y += s;
                }
            }
            piece => {
                if y + need > bottom && y > TOP {
                    new_page(&mut pages, &mut y);
                }
                if let Some(p) = pages.last_mut() {
                    p.push((y, piece));
                }
                y += h;
            }
        }
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

fn draw_page(
    doc: &Document,
    items: &[(f64, Piece)],
    page: usize,
    total: usize,
) -> Result<String, ReportError> {
    let mut buf = String::new();
    let mut charts: Vec<(f64, String)> = Vec::new();
    {
        let mut c = Canvas::new(&mut buf, PAGE_W, PAGE_H);
        c.fill_rect(c.full(), style::WHITE, 1.0)?;
        let small = TextSpec::new(10.0, style::MUTED);
        let header =
            font::truncate_to_width(&doc.header, CONTENT_W * 0.75, small.px, Weight::Regular);
        c.text(&header, MARGIN_X, 38.0, small)?;
        c.text(
            &format_date(doc.date),
            PAGE_W - MARGIN_X,
            38.0,
            small.align(Align::Right),
        )?;
        c.line(
            (MARGIN_X, 56.0),
            (PAGE_W - MARGIN_X, 56.0),
            style::GRID,
            1.0,
        )?;
        let fy = PAGE_H - BOTTOM + 28.0;
        c.line(
            (MARGIN_X, fy - 8.0),
            (PAGE_W - MARGIN_X, fy - 8.0),
            style::GRID,
            1.0,
        )?;
        let footer =
            font::truncate_to_width(&doc.footer, CONTENT_W * 0.75, small.px, Weight::Regular);
        c.text(&footer, MARGIN_X, fy, small)?;
        c.text(
            &format!("Seite {page} von {total}"),
            PAGE_W - MARGIN_X,
            fy,
            small.align(Align::Right),
        )?;
        for (y, p) in items {
            let y = *y;
            match p {
                Piece::Title { title, subtitle } => {
                    let mut yy = y;
                    for l in title {
                        c.text(l, MARGIN_X, yy, TextSpec::new(26.0, style::INK).bold())?;
                        yy += 32.0;
                    }
                    for l in subtitle {
                        c.text(l, MARGIN_X, yy, TextSpec::new(15.0, style::MUTED))?;
                        yy += 20.0;
                    }
                    c.fill_rect(
                        Rect::new(MARGIN_X, yy + 4.0, 60.0, 3.0),
                        style::PRIMARY,
                        1.0,
                    )?;
                }
                Piece::Lines {
                    lines,
                    spec,
                    gap_before,
                } => {
                    let mut yy = y + gap_before;
                    for l in lines {
                        c.text(l, MARGIN_X, yy, *spec)?;
                        yy += spec.line_height();
                    }
                }
                Piece::Facts(f) => {
                    let key = TextSpec::new(11.5, style::MUTED);
                    let val = TextSpec::new(12.5, style::INK).bold();
                    let colw = CONTENT_W / 2.0;
                    for (i, (k, v)) in f.iter().enumerate() {
                        let x = MARGIN_X + (i % 2) as f64 * colw;
                        let yy = y + (i / 2) as f64 * 21.0;
                        let kw = 150.0;
                        let vw = if i % 2 == 0 && i + 1 == f.len() {
                            CONTENT_W - kw
                        } else {
                            colw - kw - 10.0
                        };
                        c.text(
                            &font::truncate_to_width(k, kw - 8.0, key.px, Weight::Regular),
                            x,
                            yy + 1.0,
                            key,
                        )?;
                        c.text(
                            &font::truncate_to_width(v, vw, val.px, Weight::Bold),
                            x + kw,
                            yy,
                            val,
                        )?;
                    }
                }
                Piece::TableRows {
                    cols,
                    rows,
                    first_row,
                } => {
                    let spec = table_spec();
                    let head = spec.bold();
                    let right = PAGE_W - MARGIN_X;
                    c.fill_rect(
                        Rect::new(MARGIN_X, y, CONTENT_W, ROW_H),
                        Rgb(0xdc, 0xe6, 0xf0),
                        1.0,
                    )?;
                    for col in cols {
                        let t =
                            font::truncate_to_width(&col.title, col.w - 8.0, head.px, Weight::Bold);
                        if col.right {
                            c.text_mid(
                                &t,
                                col.x + col.w - 4.0,
                                y + ROW_H / 2.0,
                                head.align(Align::Right),
                            )?;
                        } else {
                            c.text_mid(&t, col.x + 4.0, y + ROW_H / 2.0, head)?;
                        }
                    }
                    for (i, row) in rows.iter().enumerate() {
                        let ry = y + ROW_H * (i + 1) as f64;
                        if (first_row + i) % 2 == 1 {
                            c.fill_rect(
                                Rect::new(MARGIN_X, ry, CONTENT_W, ROW_H),
                                Rgb(0xf4, 0xf6, 0xf8),
                                1.0,
                            )?;
                        }
                        for (col, text) in cols.iter().zip(row) {
                            let t = font::truncate_to_width(
                                text,
                                col.w - 8.0,
                                spec.px,
                                Weight::Regular,
                            );
                            if col.right {
                                c.text_mid(
                                    &t,
                                    col.x + col.w - 4.0,
                                    ry + ROW_H / 2.0,
                                    spec.align(Align::Right),
                                )?;
                            } else {
                                c.text_mid(&t, col.x + 4.0, ry + ROW_H / 2.0, spec)?;
                            }
                        }
                    }
                    let yb = y + ROW_H * (rows.len() + 1) as f64;
                    c.line((MARGIN_X, yb), (right, yb), style::AXIS, 1.0)?;
                }
                Piece::Chart { svg, .. } => charts.push((y, svg.clone())),
                Piece::Placeholder { title, lines } => {
                    let h = p.height() - 12.0;
                    let r = Rect::new(MARGIN_X, y, CONTENT_W, h);
                    c.fill_rect(r, Rgb(0xf7, 0xf7, 0xf7), 1.0)?;
                    c.dashed((r.x, r.y), (r.right(), r.y), style::AXIS, 1.0, 4.0, 3.0)?;
                    c.dashed(
                        (r.x, r.bottom()),
                        (r.right(), r.bottom()),
                        style::AXIS,
                        1.0,
                        4.0,
                        3.0,
                    )?;
                    c.dashed((r.x, r.y), (r.x, r.bottom()), style::AXIS, 1.0, 4.0, 3.0)?;
                    c.dashed(
                        (r.right(), r.y),
                        (r.right(), r.bottom()),
                        style::AXIS,
                        1.0,
                        4.0,
                        3.0,
                    )?;
                    c.text(
                        title,
                        r.x + 12.0,
                        r.y + 12.0,
                        TextSpec::new(12.5, style::MUTED).bold(),
                    )?;
                    let mut yy = r.y + 34.0;
                    for l in lines {
                        c.text(l, r.x + 12.0, yy, note())?;
                        yy += note().line_height();
                    }
                }
                Piece::Space(_) => {}
            }
        }
        c.finish()?;
    }
    // Charts are complete SVG documents of their own: embed their content, shifted into place.
    let mut groups = String::new();
    for (y, svg) in charts {
        if let (Some(start), Some(end)) = (svg.find('>'), svg.rfind("</svg>")) {
            groups.push_str(&format!(
                "<g transform=\"translate({MARGIN_X},{y})\">{}</g>\n",
                &svg[start + 1..end]
            ));
        }
    }
    if let Some(end) = buf.rfind("</svg>") {
        buf.insert_str(end, &groups);
    }
    Ok(buf)
}

/// The pages of `doc` as SVG documents (A4, CSS pixels).
pub fn render_pages(doc: &Document) -> Result<Vec<String>, ReportError> {
    let pages = paginate(pieces(&doc.blocks)?);
    let total = pages.len();
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| draw_page(doc, p, i + 1, total))
        .collect()
}

/// One PDF of SVG pages, each scaled onto an A4 page.
pub fn pages_to_pdf(pages: &[String], title: &str) -> Result<Vec<u8>, ReportError> {
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let info_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::new();
    for svg in pages {
        let tree = render::parse_svg(svg)?;
        let (chunk, xref) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| ReportError::Render(format!("PDF-Erzeugung: {e}")))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let xref = *map
            .get(&xref)
            .ok_or_else(|| ReportError::Render("PDF-Erzeugung: Seite ohne Inhalt".into()))?;
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let mut page = pdf.page(page_id);
        page.media_box(PdfRect::new(0.0, 0.0, A4_PT.0, A4_PT.1));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(Name(b"P"), xref);
        page.finish();
        let mut content = Content::new();
        content.transform([A4_PT.0, 0.0, 0.0, A4_PT.1, 0.0, 0.0]);
        content.x_object(Name(b"P"));
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
        page_ids.push(page_id);
    }
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.document_info(info_id)
        .title(TextStr(title))
        .creator(TextStr("Schul-IT-Cockpit"))
        .producer(TextStr("Schul-IT-Cockpit (svg2pdf)"));
    Ok(pdf.finish())
}

/// The PDF of `doc`.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, ReportError> {
    pages_to_pdf(&render_pages(doc)?, &doc.header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widest_columns_give_way() {
        // 60 + 40 fit; the two wide ones share the rest equally: (300 - 100) / 2 = 100.
        assert_eq!(
            fit_widths(&[60.0, 400.0, 40.0, 250.0], 300.0),
            vec![60.0, 100.0, 40.0, 100.0]
        );
        assert_eq!(fit_widths(&[10.0, 20.0], 100.0), vec![10.0, 20.0]);
    }
}
