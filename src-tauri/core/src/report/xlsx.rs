//! XLSX export of `DataTable`s for the Kämmerei: real numeric cells (money as euros with a €
//! format, percentages as fractions with a % format, dates as dates), a title and source row, a
//! frozen header with filter, and column widths from the content. Text is always written as text;
//! text that a spreadsheet could take for a formula (`=`, `+`, `-`, `@`, tab, CR) gets Excel's
//! quote prefix, so it stays text even when a user edits the cell.

use std::path::Path;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use super::table::{display_cell, Cell, ColumnType, DataTable};
use super::ReportError;
use chrono::Datelike;

const HEADER_ROW: u32 = 3;

fn xerr(e: rust_xlsxwriter::XlsxError) -> ReportError {
    ReportError::Render(format!("XLSX: {e}"))
}

/// Whether a spreadsheet could read `s` as a formula or command.
pub fn looks_like_formula(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// A valid, unique worksheet name (≤ 31 chars, none of `[]:*?/\`).
fn sheet_name(title: &str, used: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = if clean.is_empty() {
        "Tabelle".into()
    } else {
        clean
    };
    let mut name: String = base.chars().take(31).collect();
    let mut k = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({k})");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        k += 1;
    }
    used.push(name.clone());
    name
}

fn num_format(ty: ColumnType) -> String {
    let dec = |d: u8| {
        if d == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(d as usize))
        }
    };
    match ty {
        ColumnType::Text => "@".into(),
        ColumnType::Integer => "#,##0".into(),
        ColumnType::Cents => "#,##0.00 \"€\";-#,##0.00 \"€\"".into(),
        ColumnType::Percent(d) => format!("0{}%", dec(d)),
        ColumnType::Date => "dd.mm.yyyy".into(),
        ColumnType::Decimal(d) => format!("#,##0{}", dec(d)),
    }
}

fn write_table(ws: &mut Worksheet, t: &DataTable) -> Result<(), ReportError> {
    let title = Format::new().set_bold().set_font_size(14);
    let muted = Format::new()
        .set_font_color(Color::RGB(0x5a5a5a))
        .set_italic();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xdce6f0))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let text = Format::new();
    let quoted = Format::new().set_quote_prefix();
    ws.write_string_with_format(0, 0, &t.title, &title)
        .map_err(xerr)?;
    let src = if t.source.is_empty() {
        "Quelle: eigene Daten (Schul-IT-Cockpit)".to_string()
    } else {
        format!("Quelle: {}", t.source)
    };
    ws.write_string_with_format(1, 0, &src, &muted)
        .map_err(xerr)?;
    let formats: Vec<Format> = t
        .columns
        .iter()
        .map(|c| Format::new().set_num_format(num_format(c.ty)))
        .collect();
    let mut widths: Vec<usize> = t
        .columns
        .iter()
        .map(|c| c.title.chars().count().min(30))
        .collect();
    for (j, c) in t.columns.iter().enumerate() {
        let j16 = j as u16;
        if looks_like_formula(&c.title) {
            ws.write_string_with_format(
                HEADER_ROW,
                j16,
                &c.title,
                &header.clone().set_quote_prefix(),
            )
        } else {
            ws.write_string_with_format(HEADER_ROW, j16, &c.title, &header)
        }
        .map_err(xerr)?;
    }
    for (i, row) in t.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        for (j, cell) in row.iter().enumerate() {
            let Some(col) = t.columns.get(j) else {
                continue;
            };
            let c16 = j as u16;
            let f = &formats[j];
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    let fmt = if looks_like_formula(s) {
                        &quoted
                    } else {
                        &text
                    };
                    ws.write_string_with_format(r, c16, s, fmt).map_err(xerr)?;
                }
                Cell::Int(v) => {
                    let x = match col.ty {
                        ColumnType::Percent(_) => *v as f64 / 100.0,
                        _ => *v as f64,
                    };
                    ws.write_number_with_format(r, c16, x, f).map_err(xerr)?;
                }
                Cell::Cents(c) => {
                    // Exact: cents / 100 as the nearest double, as Excel itself stores 1234.56.
                    ws.write_number_with_format(r, c16, *c as f64 / 100.0, f)
                        .map_err(xerr)?;
                }
                Cell::Num(x) => {
                    let x = match col.ty {
                        ColumnType::Percent(_) => *x / 100.0,
                        _ => *x,
                    };
                    if x.is_finite() {
                        ws.write_number_with_format(r, c16, x, f).map_err(xerr)?;
                    }
                }
                Cell::Date(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(xerr)?;
                    ws.write_datetime_with_format(r, c16, &dt, f)
                        .map_err(xerr)?;
                }
            }
            let w = display_cell(cell, col.ty).chars().count();
            if let Some(slot) = widths.get_mut(j) {
                *slot = (*slot).max(w);
            }
        }
    }
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, (*w as f64 * 1.1 + 2.0).clamp(8.0, 60.0))
            .map_err(xerr)?;
    }
    ws.set_row_height(HEADER_ROW, 30).map_err(xerr)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0).map_err(xerr)?;
    if !t.columns.is_empty() {
        let last_row = HEADER_ROW + t.rows.len() as u32;
        ws.autofilter(HEADER_ROW, 0, last_row, t.columns.len() as u16 - 1)
            .map_err(xerr)?;
    }
    let first = HEADER_ROW + t.rows.len() as u32 + 2;
    for (r, n) in (first..).zip(&t.notes) {
        let fmt = if looks_like_formula(n) {
            muted.clone().set_quote_prefix()
        } else {
            muted.clone()
        };
        ws.write_string_with_format(r, 0, n, &fmt).map_err(xerr)?;
    }
    Ok(())
}

/// The XLSX bytes of `tables`, one worksheet each.
pub fn to_xlsx(tables: &[DataTable]) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    let mut used = Vec::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t.title, &mut used)).map_err(xerr)?;
        write_table(ws, t)?;
    }
    if tables.is_empty() {
        wb.add_worksheet();
    }
    wb.save_to_buffer().map_err(xerr)
}

/// Writes `tables` to `path` (all or nothing).
pub fn write_xlsx(tables: &[DataTable], path: &Path) -> Result<(), ReportError> {
    let bytes = to_xlsx(tables)?;
    super::write_atomic(path, &bytes)
}

/// Row index (0-based) of the header in the exported sheet; data start on the next row.
pub const fn header_row() -> u32 {
    HEADER_ROW
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::table::Column;
    use super::*;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use chrono::NaiveDate;

    fn sample() -> DataTable {
        let mut t = DataTable::new(
            "kosten",
            "Kosten je Schule",
            vec![
                Column::new("name", "Schule", ColumnType::Text),
                Column::new("n", "Geräte", ColumnType::Integer),
                Column::new("eur", "Betrag", ColumnType::Cents),
                Column::new("pct", "Anteil", ColumnType::Percent(1)),
                Column::new("d", "Stichtag", ColumnType::Date),
                Column::new("x", "Faktor", ColumnType::Decimal(2)),
            ],
        )
        .with_source("Test");
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        t.push(vec![
            "GGS Am Park".into(),
            Cell::Int(1234),
            Cell::Cents(123456),
            Cell::Num(12.5),
            Cell::Date(d),
            Cell::Num(1.02),
        ])
        .unwrap();
        t.push(vec![
            "=HYPERLINK(\"http://x\";\"klick\")".into(),
            Cell::Int(-3),
            Cell::Cents(-5),
            Cell::Num(0.0),
            Cell::Empty,
            Cell::Num(-0.5),
        ])
        .unwrap();
        t.push(vec![
            "+49 214 123".into(),
            Cell::Empty,
            Cell::Cents(1),
            Cell::Num(100.0),
            Cell::Date(d),
            Cell::Empty,
        ])
        .unwrap();
        t.push(vec![
            "@SUM(A1)".into(),
            Cell::Int(0),
            Cell::Cents(9_999_999_999),
            Cell::Num(33.3),
            Cell::Date(d),
            Cell::Num(3.0),
        ])
        .unwrap();
        t.push(vec![
            "-1+1".into(),
            Cell::Int(1),
            Cell::Cents(0),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ])
        .unwrap();
        t
    }

    /// Every data cell of `range` (a sheet read back with calamine) equals the table's cell:
    /// cents/100, percent/100, dates as Excel serials (days since 30.12.1899).
    pub(crate) fn assert_cells_equal(t: &DataTable, range: &calamine::Range<Data>) {
        let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
        for (i, row) in t.rows.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let got = range
                    .get_value((HEADER_ROW + 1 + i as u32, j as u32))
                    .cloned()
                    .unwrap_or(Data::Empty);
                let at = format!("{} row {i} col {j}", t.name);
                match (cell, &got) {
                    (Cell::Empty, Data::Empty) => {}
                    (Cell::Num(x), Data::Empty) if !x.is_finite() => {}
                    (Cell::Text(s), Data::String(g)) => assert_eq!(s, g, "{at}"),
                    (Cell::Int(v), Data::Float(g))
                        if matches!(t.columns[j].ty, ColumnType::Percent(_)) =>
                    {
                        assert!((*v as f64 / 100.0 - g).abs() < 1e-12, "{at}")
                    }
                    (Cell::Int(v), Data::Float(g)) => assert_eq!(*v as f64, *g, "{at}"),
                    (Cell::Int(v), Data::Int(g)) => assert_eq!(v, g, "{at}"),
                    (Cell::Cents(c), Data::Float(g)) => {
                        assert_eq!(crate::money::round_cents(g * 100.0), *c, "{at}")
                    }
                    (Cell::Num(x), Data::Float(g))
                        if matches!(t.columns[j].ty, ColumnType::Percent(_)) =>
                    {
                        assert!((x / 100.0 - g).abs() < 1e-12, "{at}")
                    }
                    (Cell::Num(x), Data::Float(g)) => assert_eq!(x, g, "{at}"),
                    (Cell::Date(d), Data::DateTime(g)) => {
                        assert_eq!(g.as_f64(), (*d - epoch).num_days() as f64, "{at}")
                    }
                    other => panic!("{at}: {other:?}"),
                }
            }
        }
    }

    /// Reads a sheet back and compares every cell with the table (independent expectations:
    /// cents/100, percent/100, Excel serial date of 24.11.2026 = 46350).
    #[test]
    fn cells_read_back_equal_the_table() {
        let t = sample();
        let bytes = to_xlsx(std::slice::from_ref(&t)).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        let range = wb.worksheet_range("Kosten je Schule").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("Kosten je Schule".into()))
        );
        assert_eq!(
            range.get_value((1, 0)),
            Some(&Data::String("Quelle: Test".into()))
        );
        for (j, c) in t.columns.iter().enumerate() {
            assert_eq!(
                range.get_value((HEADER_ROW, j as u32)),
                Some(&Data::String(c.title.clone()))
            );
        }
        assert_cells_equal(&t, &range);
        // Money: 1.234,56 € is the number 1234.56, not text.
        assert_eq!(
            range.get_value((HEADER_ROW + 1, 2)),
            Some(&Data::Float(1234.56))
        );
    }

    #[test]
    fn formula_like_text_is_never_a_formula() {
        let bytes = to_xlsx(&[sample()]).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        let formulas = wb.worksheet_formula("Kosten je Schule").unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no cell may hold a formula"
        );
        // The raw sheet XML: no <f> elements, and the quote-prefix style is used.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        assert!(!sheet.contains("<f>"));
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains("quotePrefix=\"1\""));
        assert!(
            looks_like_formula("=1+1")
                && looks_like_formula("-1")
                && looks_like_formula("@x")
                && looks_like_formula("+1")
        );
        assert!(!looks_like_formula("GGS"));
    }

    #[test]
    fn frozen_header_and_formats() {
        let bytes = to_xlsx(&[sample()]).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        assert!(
            sheet.contains("<pane ySplit=\"4\" topLeftCell=\"A5\""),
            "{sheet}"
        );
        assert!(sheet.contains("<autoFilter ref=\"A4:F9\""));
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains("dd.mm.yyyy"));
        assert!(styles.contains("#,##0.00 &quot;€&quot;"));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = vec![];
        assert_eq!(
            sheet_name("Budget [2027/2031]", &mut used),
            "Budget -2027-2031-"
        );
        let long = "Ein sehr langer Tabellenname, der nicht passt";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert_eq!(a.chars().count(), 31);
        assert!(b.ends_with(" (2)") && b.chars().count() <= 31);
    }
}
