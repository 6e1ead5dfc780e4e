//! XLSX workbooks: the zip-bomb guard, the first sheet read into rows (damaged workbooks
//! reported, not panicking) and Excel serial dates.

use std::io::{Cursor, Read};

use super::{Record, MAX_COLUMNS};
use crate::import::ImportError;

/// Largest uncompressed size accepted from an XLSX file (zip bombs).
pub const MAX_XLSX_UNCOMPRESSED: u64 = 512 << 20;

pub(crate) fn read_xlsx_rows(file: &str, bytes: &[u8]) -> Result<Vec<Record>, ImportError> {
    guard_zip(file, bytes)?;
    // calamine 0.30 panics on some damaged workbooks (e.g. a cell pointing past the shared
    // strings, found by fuzzing): such a file gets the same clear message as any broken XLSX.
    // Only data read from `bytes` is involved, so nothing is left half-done by the unwind.
    std::panic::catch_unwind(|| read_xlsx_rows_unguarded(file, bytes)).unwrap_or_else(|_| {
        Err(ImportError::Xlsx {
            file: file.into(),
            reason: "die Arbeitsmappe ist beschädigt (ein Verweis in einer Zelle zeigt ins Leere)"
                .into(),
        })
    })
}

/// Keeps the panics of the XLSX reader (caught in [`read_xlsx_rows`] and reported as a German
/// message) off stderr; every other panic is reported as before. Call once at program start.
pub fn quiet_caught_xlsx_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_reader = info
            .location()
            .is_some_and(|l| l.file().contains("calamine"));
        if !in_reader {
            previous(info);
        }
    }));
}

fn read_xlsx_rows_unguarded(file: &str, bytes: &[u8]) -> Result<Vec<Record>, ImportError> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Xlsx {
        file: file.into(),
        reason: e.to_string(),
    })?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ImportError::Xlsx {
            file: file.into(),
            reason: "keine Tabelle in der Arbeitsmappe".into(),
        })?;
    let range = wb.worksheet_range(&sheet).map_err(|e| ImportError::Xlsx {
        file: file.into(),
        reason: e.to_string(),
    })?;
    if range.width() > MAX_COLUMNS {
        return Err(ImportError::TooLarge {
            file: file.into(),
            detail: format!("{} Spalten, höchstens {MAX_COLUMNS}", range.width()),
        });
    }
    let start_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let start_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut rows = Vec::with_capacity(range.height());
    for (i, r) in range.rows().enumerate() {
        let mut cells = vec![String::new(); start_col];
        for c in r {
            cells.push(match c {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) => {
                    if f.fract() == 0.0 && f.abs() < 1e15 {
                        format!("{}", *f as i64)
                    } else {
                        format!("{f}")
                    }
                }
                Data::Int(i) => i.to_string(),
                Data::Bool(b) => b.to_string(),
                Data::DateTime(d) => excel_serial_to_iso(d.as_f64()),
                Data::DateTimeIso(s) => s.replace('T', " "),
                Data::DurationIso(s) => s.clone(),
                Data::Error(e) => format!("#{e:?}"),
            });
        }
        rows.push(Record {
            row: start_row + i + 1,
            cells,
        });
    }
    Ok(rows)
}

/// Refuses archives whose declared uncompressed size is absurd (zip bombs).
fn guard_zip(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Xlsx {
        file: file.into(),
        reason: format!(
            "kein vollständiges XLSX-(ZIP-)Archiv, abgeschnitten oder beschädigt ({e})"
        ),
    })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| ImportError::Xlsx {
            file: file.into(),
            reason: e.to_string(),
        })?;
        total = total.saturating_add(entry.size());
        if entry.compressed_size() > 0
            && entry.size() / entry.compressed_size().max(1) > 1000
            && entry.size() > (16 << 20)
        {
            return Err(ImportError::TooLarge {
                file: file.into(),
                detail: format!("Eintrag {} entpackt {} Bytes", entry.name(), entry.size()),
            });
        }
    }
    if total > MAX_XLSX_UNCOMPRESSED {
        return Err(ImportError::TooLarge {
            file: file.into(),
            detail: format!("entpackt {total} Bytes"),
        });
    }
    // The sizes above are the archive's own claims. Count what really comes out (a forged header
    // must not smuggle a bomb past the check); stops at the limit.
    let mut actual_total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| ImportError::Xlsx {
            file: file.into(),
            reason: e.to_string(),
        })?;
        let name = entry.name().to_string();
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        let left = MAX_XLSX_UNCOMPRESSED - actual_total;
        let n =
            std::io::copy(&mut (&mut entry).take(left + 1), &mut std::io::sink()).map_err(|e| {
                ImportError::Xlsx {
                    file: file.into(),
                    reason: format!("Eintrag {name} ist beschädigt ({e})"),
                }
            })?;
        actual_total += n;
        if n > left || (n > (16 << 20) && n / compressed > 1000) {
            return Err(ImportError::TooLarge {
                file: file.into(),
                detail: format!("Eintrag {name} entpackt mehr als {n} Bytes"),
            });
        }
        if n != declared {
            return Err(ImportError::Xlsx {
                file: file.into(),
                reason: format!(
                    "Eintrag {name}: Größenangabe im Archiv ({declared} Bytes) stimmt nicht mit dem Inhalt ({n} Bytes) überein – Datei beschädigt oder manipuliert"
                ),
            });
        }
    }
    Ok(())
}

/// Excel serial date (1900 system) → `YYYY-MM-DD HH:MM:SS`.
pub fn excel_serial_to_iso(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    let ms = (serial * 86_400_000.0).round() as i64;
    match base.and_then(|b| b.checked_add_signed(chrono::Duration::milliseconds(ms))) {
        Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => serial.to_string(),
    }
}
