//! Backup copies of a plan file: `<plan>.backups/<stem>-<timestamp>-<reason>.db`, written with the
//! SQLite online backup API so that a copy is consistent even while the plan is open.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use super::StoreError;

#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub file_name: String,
    pub size_bytes: u64,
}

/// Folder holding the backups of `plan`.
pub fn backup_dir(plan: &Path) -> PathBuf {
    let mut name = plan
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".backups");
    plan.with_file_name(name)
}

/// Consistent copy of the open database into `dest` (overwritten).
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let mut target = Connection::open(dest)
        .map_err(|e| StoreError::Backup(format!("{}: {e}", dest.display())))?;
    let backup = rusqlite::backup::Backup::new(conn, &mut target)
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    backup
        .run_to_completion(256, std::time::Duration::from_millis(0), None)
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    Ok(())
}

/// Writes a timestamped backup of `plan` into its backup folder and returns its path.
pub(crate) fn backup_before(
    conn: &Connection,
    plan: &Path,
    reason: &str,
) -> Result<PathBuf, StoreError> {
    let dir = backup_dir(plan);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    let stem = plan.file_stem().and_then(|s| s.to_str()).unwrap_or("plan");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let dest = dir.join(format!("{stem}-{stamp}-{reason}.db"));
    backup_to(conn, &dest)?;
    Ok(dest)
}

/// Backups of `plan`, newest first.
pub fn list_backups(plan: &Path) -> Result<Vec<BackupInfo>, StoreError> {
    let dir = backup_dir(plan);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| StoreError::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("db") {
            continue;
        }
        let size_bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        out.push(BackupInfo {
            path,
            file_name,
            size_bytes,
        });
    }
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

/// Replaces the plan file at `plan` with the backup at `backup` (the current state is itself
/// backed up first). The plan must not be open.
pub fn restore_backup(plan: &Path, backup: &Path) -> Result<(), StoreError> {
    let src = Connection::open(backup)
        .map_err(|e| StoreError::Backup(format!("{}: {e}", backup.display())))?;
    let ok: String = src
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    if ok != "ok" {
        return Err(StoreError::Corrupt {
            path: backup.display().to_string(),
            detail: ok,
        });
    }
    if plan.exists() {
        if let Ok(cur) = Connection::open(plan) {
            let _ = backup_before(&cur, plan, "vor-wiederherstellung");
        }
    }
    let mut dest = Connection::open(plan).map_err(|e| StoreError::Backup(e.to_string()))?;
    let b = rusqlite::backup::Backup::new(&src, &mut dest)
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    b.run_to_completion(256, std::time::Duration::from_millis(0), None)
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    Ok(())
}
