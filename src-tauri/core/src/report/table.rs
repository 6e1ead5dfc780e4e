//! `DataTable`: the one table type every area hands to the exports (XLSX, PDF, CLI). Columns are
//! typed, so money stays integer cents until the spreadsheet cell, and dates are real dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ReportError;
use crate::format::{format_date, format_decimal, format_int};
use crate::money::format_eur;

/// Type of a column; decides cell format in XLSX and alignment/format in PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "decimals")]
pub enum ColumnType {
    Text,
    Integer,
    /// Money in integer cents, shown as `1.234,56 €`.
    Cents,
    /// A percentage given in percent units (12.5 = 12,5 %), with decimals.
    Percent(u8),
    Date,
    /// A decimal number with decimals.
    Decimal(u8),
}

impl ColumnType {
    pub fn is_numeric(&self) -> bool {
        !matches!(self, ColumnType::Text | ColumnType::Date)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Stable key (for JSON).
    pub key: String,
    /// German header.
    pub title: String,
    pub ty: ColumnType,
}

impl Column {
    pub fn new(key: impl Into<String>, title: impl Into<String>, ty: ColumnType) -> Column {
        Column {
            key: key.into(),
            title: title.into(),
            ty,
        }
    }
}

/// One cell value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// Integer cents (column type `Cents`).
    Cents(i64),
    /// Decimal or percent value (column type `Decimal`/`Percent`).
    Num(f64),
    Date(NaiveDate),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Cell {
        v.map(Cell::Int).unwrap_or(Cell::Empty)
    }
}

/// A titled, typed table with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataTable {
    /// Stable name (`schulit export NAME`), also the sheet name basis.
    pub name: String,
    pub title: String,
    /// Data source and date, e.g. "Schulverzeichnis NRW 2024/25 · Stand: 24.11.2026".
    pub source: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Notes printed under the table (definitions, attribution).
    pub notes: Vec<String>,
}

impl DataTable {
    pub fn new(
        name: impl Into<String>,
        title: impl Into<String>,
        columns: Vec<Column>,
    ) -> DataTable {
        DataTable {
            name: name.into(),
            title: title.into(),
            source: String::new(),
            columns,
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn with_source(mut self, s: impl Into<String>) -> Self {
        self.source = s.into();
        self
    }

    pub fn with_note(mut self, n: impl Into<String>) -> Self {
        self.notes.push(n.into());
        self
    }

    /// Adds a row, checking its length and that each cell fits its column's type.
    pub fn push(&mut self, row: Vec<Cell>) -> Result<(), ReportError> {
        if row.len() != self.columns.len() {
            return Err(ReportError::Render(format!(
                "Tabelle „{}“: Zeile {} hat {} statt {} Werte",
                self.title,
                self.rows.len() + 1,
                row.len(),
                self.columns.len()
            )));
        }
        for (c, col) in row.iter().zip(&self.columns) {
            let ok = matches!(
                (c, col.ty),
                (Cell::Empty, _)
                    | (Cell::Text(_), ColumnType::Text)
                    | (Cell::Int(_), ColumnType::Integer)
                    | (Cell::Cents(_), ColumnType::Cents)
                    | (
                        Cell::Num(_),
                        ColumnType::Decimal(_) | ColumnType::Percent(_)
                    )
                    | (
                        Cell::Int(_),
                        ColumnType::Decimal(_) | ColumnType::Percent(_)
                    )
                    | (Cell::Date(_), ColumnType::Date)
            );
            if !ok {
                return Err(ReportError::Render(format!(
                    "Tabelle „{}“, Spalte „{}“: Wert {:?} passt nicht zum Spaltentyp",
                    self.title, col.title, c
                )));
            }
        }
        self.rows.push(row);
        Ok(())
    }

    /// German display text of a cell (PDF, CLI).
    pub fn display(&self, row: usize, col: usize) -> String {
        let (Some(r), Some(c)) = (self.rows.get(row), self.columns.get(col)) else {
            return String::new();
        };
        display_cell(r.get(col).unwrap_or(&Cell::Empty), c.ty)
    }
}

pub fn display_cell(cell: &Cell, ty: ColumnType) -> String {
    match (cell, ty) {
        (Cell::Empty, _) => String::new(),
        (Cell::Text(s), _) => s.clone(),
        (Cell::Int(i), ColumnType::Percent(d)) => {
            format!("{} %", format_decimal(*i as f64, d as usize))
        }
        (Cell::Int(i), ColumnType::Decimal(d)) => format_decimal(*i as f64, d as usize),
        (Cell::Int(i), _) => format_int(*i),
        (Cell::Cents(c), _) => format_eur(*c),
        (Cell::Num(x), ColumnType::Percent(d)) => format!("{} %", format_decimal(*x, d as usize)),
        (Cell::Num(x), ColumnType::Decimal(d)) => format_decimal(*x, d as usize),
        (Cell::Num(x), _) => format_decimal(*x, 2),
        (Cell::Date(d), _) => format_date(*d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_checked_and_displayed_german() {
        let mut t = DataTable::new(
            "t",
            "Test",
            vec![
                Column::new("a", "Name", ColumnType::Text),
                Column::new("b", "Betrag", ColumnType::Cents),
                Column::new("c", "Anteil", ColumnType::Percent(1)),
                Column::new("d", "Datum", ColumnType::Date),
            ],
        );
        t.push(vec![
            "x".into(),
            Cell::Cents(123456),
            Cell::Num(12.5),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
        ])
        .unwrap();
        assert_eq!(t.display(0, 1), "1.234,56 €");
        assert_eq!(t.display(0, 2), "12,5 %");
        assert_eq!(t.display(0, 3), "24.11.2026");
        let e = t
            .push(vec![
                "y".into(),
                Cell::Text("1,00".into()),
                Cell::Empty,
                Cell::Empty,
            ])
            .unwrap_err();
        assert!(e.to_string().contains("Spalte „Betrag“"), "{e}");
        assert!(t.push(vec!["y".into()]).is_err());
    }
}
