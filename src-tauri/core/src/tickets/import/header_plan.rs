//! Header-row planning: which format (a saved profile, a forced source or the detected one),
//! which source key, columns, header row and date order the import uses.

use super::ImportOptions;
use crate::import::ImportError;
use crate::tickets::columns::{ColumnMap, Field, Format};
use crate::tickets::datetime::DateOrder;
use crate::tickets::detect::{detect, format_by_key, HEADER_SEARCH_ROWS};

/// How the file will be read: format, source key, columns and header position.
pub(super) struct Plan {
    pub(super) format: &'static Format,
    pub(super) source: String,
    pub(super) columns: ColumnMap,
    pub(super) header_index: usize,
    pub(super) order: DateOrder,
}

pub(super) fn plan(
    file: &str,
    head: &[Vec<String>],
    nums: &[usize],
    opts: &ImportOptions,
) -> Result<Plan, ImportError> {
    let row_number = |i: usize| nums.get(i).copied().unwrap_or(i + 1);
    if let Some(p) = &opts.profile {
        // The header row is the one with the most mapped headers.
        let wanted: Vec<String> = p
            .columns
            .values()
            .map(|h| crate::tickets::columns::normalize_header(h))
            .collect();
        let (hi, hits) = head
            .iter()
            .enumerate()
            .take(HEADER_SEARCH_ROWS)
            .map(|(i, r)| {
                let n = r
                    .iter()
                    .filter(|c| wanted.contains(&crate::tickets::columns::normalize_header(c)))
                    .count();
                (i, n)
            })
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
            .unwrap_or((0, 0));
        if hits == 0 {
            return Err(ImportError::NoHeader {
                file: file.into(),
                expected: p
                    .columns
                    .values()
                    .map(|h| format!("„{h}“"))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let headers = head.get(hi).cloned().unwrap_or_default();
        let mut columns =
            ColumnMap::resolve(&crate::tickets::mapped::FORMAT, &headers, row_number(hi));
        for (key, header) in &p.columns {
            let Some(f) = Field::from_key(key) else {
                continue;
            };
            if !columns.set_column(f, header) {
                return Err(ImportError::MissingColumn {
                    file: file.into(),
                    column: header.clone(),
                    header_row: row_number(hi),
                });
            }
        }
        return Ok(Plan {
            format: &crate::tickets::mapped::FORMAT,
            source: if p.source.trim().is_empty() {
                "csv".into()
            } else {
                p.source.trim().to_lowercase()
            },
            columns,
            header_index: hi,
            order: p.date_order(),
        });
    }
    let forced = match opts.source.as_deref().map(|s| s.trim().to_lowercase()) {
        None => None,
        Some(s) if s.is_empty() || s == "auto" => None,
        Some(s) => Some(format_by_key(&s).ok_or_else(|| ImportError::Read {
            file: file.into(),
            reason: format!(
                "unbekannte Quelle „{s}“ (möglich: zammad, glpi, znuny, jira, itop, auto)"
            ),
        })?),
    };
    match detect(head, forced, &row_number) {
        Some(d) => Ok(Plan {
            format: d.format,
            source: d.format.source.to_string(),
            columns: d.columns,
            header_index: d.header_index,
            order: DateOrder::DayFirst,
        }),
        None => {
            // Say which required column is missing where the header most likely is.
            let f = forced;
            if let Some(f) = f {
                let best = head
                    .iter()
                    .enumerate()
                    .take(HEADER_SEARCH_ROWS)
                    .map(|(i, r)| (i, ColumnMap::resolve(f, r, row_number(i))))
                    .max_by_key(|(_, cm)| cm.matched());
                if let Some((i, cm)) = best.filter(|(_, cm)| cm.matched() >= 2) {
                    let missing = if cm.has(Field::Id) {
                        Field::Created
                    } else {
                        Field::Id
                    };
                    let alias = f
                        .aliases
                        .iter()
                        .find(|(k, _)| *k == missing)
                        .and_then(|(_, a)| a.first())
                        .copied()
                        .unwrap_or(missing.label_de());
                    return Err(ImportError::MissingColumn {
                        file: file.into(),
                        column: alias.to_string(),
                        header_row: row_number(i),
                    });
                }
            } else {
                // Auto: a known format with one required column missing.
                for f in crate::tickets::detect::builtin_formats() {
                    for (i, r) in head.iter().enumerate().take(HEADER_SEARCH_ROWS) {
                        let cm = ColumnMap::resolve(f, r, row_number(i));
                        if cm.matched() >= 4 && !(cm.has(Field::Id) && cm.has(Field::Created)) {
                            let missing = if cm.has(Field::Id) {
                                Field::Created
                            } else {
                                Field::Id
                            };
                            let alias = f
                                .aliases
                                .iter()
                                .find(|(k, _)| *k == missing)
                                .and_then(|(_, a)| a.first())
                                .copied()
                                .unwrap_or(missing.label_de());
                            return Err(ImportError::MissingColumn {
                                file: file.into(),
                                column: format!("{alias} ({})", f.name),
                                header_row: row_number(i),
                            });
                        }
                    }
                }
            }
            Err(ImportError::NoHeader {
                file: file.into(),
                expected: "Ticketnummer und Erstellungsdatum (Zammad, GLPI, Znuny/OTRS, Jira, iTop) – sonst bitte die Spalten zuordnen".into(),
            })
        }
    }
}
