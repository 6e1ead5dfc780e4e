//! The CSV template: one row per offer, the columns named like the fields of the JSON template
//! v1 (`docs/OFFERS.md`). The file is read like every other table import (UTF-8 with or without
//! BOM or Windows-1252, delimiter sniffed, `;` recommended); numbers may use the German decimal
//! comma. Every row becomes the same JSON object the JSON template holds and goes through the
//! same reader and checks ([`super::validate`]); errors name the file, the row (as a
//! spreadsheet counts it, header = row 1) and the column.
//!
//! The comparison settings (`start`, `horizon_years`, `discount_rate_pct`,
//! `discount_rate_source`, `pupils`) are columns too: filled in at least one row (usually the
//! first); where several rows fill them, the values must agree. SLA targets are the columns
//! `sla.first_response_h.1` … `sla.resolution_h.4`, the covered schools one cell with
//! Schulnummern separated by commas or spaces. The UfAB evaluation is not part of the CSV
//! template (JSON or the window).

use serde_json::{Map, Value};

use super::model::OfferSet;
use super::validate::{parse_offer, parse_template_value};
use super::OfferError;
use crate::format::parse_number_de;
use crate::import::{read_table_bytes, HeaderSpec, Record, Table};

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Text,
    /// A whole number (cents, years, months, counts).
    Int,
    /// Any number (percent, hours); German decimal comma accepted.
    Num,
    /// A list of Schulnummern.
    List,
}

/// Settings columns (top level of the JSON template).
const SETTINGS: [(&str, Cell); 5] = [
    ("start", Cell::Text),
    ("horizon_years", Cell::Int),
    ("discount_rate_pct", Cell::Num),
    ("discount_rate_source", Cell::Text),
    ("pupils", Cell::Int),
];

/// Offer columns (fields of one offer in the JSON template); `sla.*` columns are nested.
const OFFER_COLUMNS: [(&str, Cell); 37] = [
    ("kind", Cell::Text),
    ("id", Cell::Text),
    ("name", Cell::Text),
    ("vendor", Cell::Text),
    ("group", Cell::Text),
    ("units", Cell::Int),
    ("escalation_pct", Cell::Num),
    ("notes", Cell::Text),
    ("unit_price_cents", Cell::Int),
    ("useful_life_years", Cell::Int),
    ("residual_value_cents", Cell::Int),
    ("maintenance_cents_per_unit_year", Cell::Int),
    ("warranty_years", Cell::Int),
    ("rate_cents", Cell::Int),
    ("period", Cell::Text),
    ("timing", Cell::Text),
    ("term_months", Cell::Int),
    ("down_payment_cents", Cell::Int),
    ("buyout_cents", Cell::Int),
    ("services", Cell::Text),
    ("model", Cell::Text),
    ("price_cents", Cell::Int),
    ("school_count", Cell::Int),
    ("hours_per_year", Cell::Num),
    ("tickets_per_year", Cell::Num),
    ("service_hours", Cell::Text),
    ("on_site_days_per_month", Cell::Num),
    ("connection", Cell::Text),
    ("schools", Cell::List),
    ("sla.first_response_h.1", Cell::Num),
    ("sla.first_response_h.2", Cell::Num),
    ("sla.first_response_h.3", Cell::Num),
    ("sla.first_response_h.4", Cell::Num),
    ("sla.resolution_h.1", Cell::Num),
    ("sla.resolution_h.2", Cell::Num),
    ("sla.resolution_h.3", Cell::Num),
    ("sla.resolution_h.4", Cell::Num),
];

/// All columns in the order of the example file (settings last).
pub fn column_names() -> Vec<&'static str> {
    OFFER_COLUMNS
        .iter()
        .chain(SETTINGS.iter())
        .map(|(k, _)| *k)
        .collect()
}

fn spec() -> HeaderSpec {
    HeaderSpec {
        fields: column_names().into_iter().map(|k| (k, vec![k])).collect(),
        required: vec!["kind", "id", "units"],
        chosen: vec![],
    }
}

fn is_setting(key: &str) -> bool {
    SETTINGS.iter().any(|(k, _)| *k == key)
}

fn cell_err(t: &Table, row: usize, key: &str, offer: Option<&str>, message: String) -> OfferError {
    OfferError::Cell {
        file: t.file.clone(),
        row,
        column: t.header_of(key),
        offer: offer.map(str::to_string),
        message,
    }
}

/// Parses a CSV template (bytes as read from the file) into a checked [`OfferSet`].
pub fn parse_csv_template(file: &str, bytes: &[u8]) -> Result<OfferSet, OfferError> {
    let t = read_table_bytes(file, bytes, &spec())?;
    check_headers(&t)?;
    if t.records.is_empty() {
        return Err(OfferError::File {
            file: t.file.clone(),
            message: "keine Angebotszeilen unter der Kopfzeile".into(),
        });
    }
    let mut settings = Map::new();
    let mut settings_row: Vec<(&str, usize)> = Vec::new();
    let mut offers = Vec::with_capacity(t.records.len());
    let mut ids: Vec<(String, usize)> = Vec::new();
    for (i, rec) in t.records.iter().enumerate() {
        read_settings(&t, rec, &mut settings, &mut settings_row)?;
        let obj = offer_object(&t, rec)?;
        let value = Value::Object(obj);
        let offer = parse_offer(&value, i).map_err(|e| with_row(&t, rec.row, e))?;
        if let Some((_, first)) = ids.iter().find(|(id, _)| *id == offer.id) {
            return Err(cell_err(
                &t,
                rec.row,
                "id",
                Some(&offer.id),
                format!("kommt mehrfach vor (schon in Zeile {first}); jede Angebots-ID muss eindeutig sein"),
            ));
        }
        ids.push((offer.id.clone(), rec.row));
        offers.push(value);
    }
    // The settings and the offers once more through the reader of the JSON template, so both
    // formats mean exactly the same.
    settings.insert("offers".into(), Value::Array(offers));
    parse_template_value(&t.file, &Value::Object(settings)).map_err(|e| match e {
        OfferError::Settings { field, message } => {
            match settings_row.iter().find(|(k, _)| *k == field) {
                Some((_, row)) => cell_err(&t, *row, &field, None, message),
                None => OfferError::File {
                    file: t.file.clone(),
                    message: format!(
                        "Spalte „{field}“ (Vergleichseinstellung): {message} – in mindestens einer Zeile ausfüllen"
                    ),
                },
            }
        }
        other => other,
    })
}

/// Unknown or doubled column names are refused (a typo would otherwise be ignored silently).
fn check_headers(t: &Table) -> Result<(), OfferError> {
    let spec = spec();
    for (i, h) in t.headers.iter().enumerate() {
        let name = crate::import::normalize_header(h);
        if name.is_empty() {
            continue;
        }
        match spec.fields.iter().find(|(k, _)| *k == name) {
            None => {
                return Err(OfferError::Cell {
                    file: t.file.clone(),
                    row: t.header_row,
                    column: h.trim().to_string(),
                    offer: None,
                    message: "unbekannte Spalte (Tippfehler?); die Spalten heißen wie die Felder der JSON-Vorlage, siehe docs/OFFERS.md".into(),
                })
            }
            Some((k, _)) if t.columns.get(k) != Some(&i) => {
                return Err(OfferError::Cell {
                    file: t.file.clone(),
                    row: t.header_row,
                    column: h.trim().to_string(),
                    offer: None,
                    message: "Spalte kommt doppelt vor".into(),
                })
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Takes the settings cells of `rec`; a value that differs from an earlier row is an error.
fn read_settings(
    t: &Table,
    rec: &Record,
    settings: &mut Map<String, Value>,
    rows: &mut Vec<(&'static str, usize)>,
) -> Result<(), OfferError> {
    for (key, kind) in SETTINGS.iter() {
        let raw = t.get(rec, key);
        if raw.is_empty() {
            continue;
        }
        let v = cell_value(t, rec.row, key, *kind, raw, None)?;
        match rows.iter().find(|(k, _)| k == key) {
            Some((_, first)) => {
                if settings.get(*key) != Some(&v) {
                    return Err(cell_err(
                        t,
                        rec.row,
                        key,
                        None,
                        format!(
                            "weicht vom Wert in Zeile {first} ab; die Vergleichseinstellungen gelten für alle Angebote (nur einmal ausfüllen oder überall gleich)"
                        ),
                    ));
                }
            }
            None => {
                rows.push((key, rec.row));
                settings.insert(key.to_string(), v);
            }
        }
    }
    Ok(())
}

/// The JSON object of one offer row: every non-empty offer cell, typed; `sla.*` nested.
fn offer_object(t: &Table, rec: &Record) -> Result<Map<String, Value>, OfferError> {
    let offer = t.get(rec, "id");
    let offer = (!offer.is_empty()).then_some(offer);
    let mut obj = Map::new();
    let mut sla = Map::new();
    for (key, kind) in OFFER_COLUMNS.iter() {
        let raw = t.get(rec, key);
        if raw.is_empty() {
            continue;
        }
        let v = cell_value(t, rec.row, key, *kind, raw, offer)?;
        if let Some(path) = key.strip_prefix("sla.") {
            let (group, prio) = path.split_once('.').unwrap_or((path, ""));
            let g = sla
                .entry(group.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = g {
                m.insert(prio.to_string(), v);
            }
        } else {
            obj.insert(key.to_string(), v);
        }
    }
    if !sla.is_empty() {
        obj.insert("sla".into(), Value::Object(sla));
    }
    Ok(obj)
}

fn cell_value(
    t: &Table,
    row: usize,
    key: &str,
    kind: Cell,
    raw: &str,
    offer: Option<&str>,
) -> Result<Value, OfferError> {
    match kind {
        Cell::Text => Ok(Value::String(raw.to_string())),
        Cell::List => Ok(Value::Array(
            raw.split(|c: char| c == ',' || c == '|' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )),
        Cell::Int | Cell::Num => {
            if key.ends_with("_cents") && raw.contains('€') {
                return Err(cell_err(
                    t,
                    row,
                    key,
                    offer,
                    format!("„{raw}“: Beträge in Cent ohne „€“ angeben (z. B. 45000 für 450,00 €)"),
                ));
            }
            let x = parse_number_de(raw)
                .ok_or_else(|| cell_err(t, row, key, offer, format!("„{raw}“ ist keine Zahl")))?;
            if kind == Cell::Int && x.fract() == 0.0 && x.abs() < 9.0e15 {
                Ok(Value::from(x as i64))
            } else {
                Ok(serde_json::Number::from_f64(x)
                    .map(Value::Number)
                    .unwrap_or(Value::Null))
            }
        }
    }
}

/// An error of the offer reader, placed in the row (and column, when the field is one).
fn with_row(t: &Table, row: usize, e: OfferError) -> OfferError {
    match e {
        OfferError::Invalid {
            offer,
            field,
            message,
        } => {
            let offer = (!offer.starts_with("Nr. ")).then_some(offer);
            let key = field.as_str();
            let column = if cell_type_known(key) {
                t.header_of(key)
            } else {
                field.clone()
            };
            OfferError::Cell {
                file: t.file.clone(),
                row,
                column,
                offer,
                message,
            }
        }
        other => other,
    }
}

fn cell_type_known(key: &str) -> bool {
    OFFER_COLUMNS.iter().any(|(k, _)| *k == key) || is_setting(key)
}
