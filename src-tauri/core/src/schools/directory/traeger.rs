//! The Schulträger candidates of a directory file (Verwaltungsbezirk, Gemeindeschlüssel,
//! school counts), for picking one before importing.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::rows::{normalize_ags, spec};
use crate::import::{display_name, read_table_bytes, ImportError};
use crate::CoreError;

/// One Schulträger candidate found in a directory file: a `Verwaltungsbezirk` with its
/// `Amtlicher Gemeindeschlüssel` and how many schools the file lists for it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DirectoryTraeger {
    pub verwaltungsbezirk: String,
    pub gemeindeschluessel: String,
    pub schools: usize,
    /// Schools with `Rechtsstatus = Öffentlich` (what "nur öffentliche Schulen" would import).
    pub public_schools: usize,
}

/// The Verwaltungsbezirke / Gemeindeschlüssel of a directory file with their school counts,
/// sorted by name, so that a user can pick their Schulträger before importing.
pub fn list_directory_traeger(path: &Path) -> Result<Vec<DirectoryTraeger>, CoreError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: display_name(path),
        reason: e.to_string(),
    })?;
    list_directory_traeger_bytes(&display_name(path), &bytes)
}

/// Same as [`list_directory_traeger`] for bytes in memory.
pub fn list_directory_traeger_bytes(
    file: &str,
    bytes: &[u8],
) -> Result<Vec<DirectoryTraeger>, CoreError> {
    let table = read_table_bytes(file, bytes, &spec())?;
    let mut map: HashMap<(String, String), DirectoryTraeger> = HashMap::new();
    for rec in &table.records {
        let bezirk = table.get(rec, "bezirk").to_string();
        let ags = normalize_ags(table.get(rec, "ags"));
        if bezirk.is_empty() && ags.is_empty() {
            continue;
        }
        let status = table.get(rec, "status");
        let public = status.is_empty()
            || status.eq_ignore_ascii_case("öffentlich")
            || status == "Öffentlich";
        let e = map
            .entry((bezirk.clone(), ags.clone()))
            .or_insert_with(|| DirectoryTraeger {
                verwaltungsbezirk: bezirk,
                gemeindeschluessel: ags,
                schools: 0,
                public_schools: 0,
            });
        e.schools += 1;
        if public {
            e.public_schools += 1;
        }
    }
    if map.is_empty() {
        return Err(ImportError::NoRows {
            file: file.to_string(),
        }
        .into());
    }
    let mut out: Vec<DirectoryTraeger> = map.into_values().collect();
    out.sort_by(|a, b| {
        a.verwaltungsbezirk
            .to_lowercase()
            .cmp(&b.verwaltungsbezirk.to_lowercase())
            .then_with(|| a.gemeindeschluessel.cmp(&b.gemeindeschluessel))
    });
    Ok(out)
}
