//! The data-protection notice of an import: which columns are dropped or pseudonymised for
//! a format and its column mapping, and the header names a format uses for a field.

use super::{ImportOptions, Privacy};
use crate::tickets::columns::{ColumnMap, Field, Format};

pub(super) fn alias_of(f: &Format, field: Field) -> Option<&'static str> {
    f.aliases
        .iter()
        .find(|(k, _)| *k == field)
        .and_then(|(_, a)| a.first())
        .copied()
}

pub(super) fn privacy(format: &Format, cols: &ColumnMap, opts: &ImportOptions) -> Privacy {
    let requester_cols: Vec<usize> = [
        Field::Requester,
        Field::RequesterFirst,
        Field::RequesterLast,
    ]
    .iter()
    .flat_map(|f| cols.positions[*f as usize].iter().copied())
    .collect();
    let mut dropped = Vec::new();
    let mut pseudo = Vec::new();
    for (i, h) in cols.headers.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        if requester_cols.contains(&i) {
            if opts.drop_requester {
                dropped.push(h.to_string());
            } else {
                pseudo.push(h.to_string());
            }
        } else if format.is_person_header(h) {
            dropped.push(h.to_string());
        }
    }
    dropped.dedup();
    pseudo.dedup();
    let title_dropped = !opts.keep_title && cols.has(Field::Title);
    let list = |v: &[String]| {
        v.iter()
            .map(|h| format!("„{h}“"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut notice = String::from("Datenschutz: ");
    if dropped.is_empty() && pseudo.is_empty() {
        notice.push_str("Die Datei enthält keine erkannten Personenspalten.");
    }
    if !dropped.is_empty() {
        notice.push_str(&format!(
            "Die Personenspalten {} werden nicht gespeichert. ",
            list(&dropped)
        ));
    }
    if !pseudo.is_empty() {
        notice.push_str(&format!(
            "Die anfragende Person ({}) wird nur als Pseudonym gespeichert (HMAC-SHA256 mit einem Schlüssel, der nur in dieser Plandatei liegt). ",
            list(&pseudo)
        ));
    }
    if title_dropped {
        notice.push_str("Der Ticket-Titel wird nicht gespeichert (er enthält oft Namen).");
    }
    Privacy {
        dropped_columns: dropped,
        pseudonymised_columns: pseudo,
        title_dropped,
        notice: notice.trim().to_string(),
    }
}
