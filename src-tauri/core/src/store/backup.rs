//! Backup copies of a plan file: `<plan>.backups/<stem>-<timestamp>-<reason>.db`, written with the
//! SQLite online backup API so that a copy is consistent even while the plan is open.
//!
//! A copy is first written under a `.partial` name and renamed when complete, so a crash (or a
//! kill) while backing up never leaves a half-written file that looks like a backup. After each new
//! backup only the newest N are kept (`meta` key [`BACKUP_KEEP_KEY`], default
//! [`DEFAULT_BACKUP_KEEP`]).

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use super::StoreError;

/// `meta` key holding how many backups to keep (a positive integer).
pub const BACKUP_KEEP_KEY: &str = "backup_keep";
/// Backups kept when the plan does not say otherwise.
pub const DEFAULT_BACKUP_KEEP: usize = 10;

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

/// Consistent copy of the open database into `dest` (overwritten). Written to a `.partial` file
/// first and renamed into place when complete.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let mut partial = dest.as_os_str().to_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    {
        let mut target = Connection::open(&partial)
            .map_err(|e| StoreError::Backup(format!("{}: {e}", partial.display())))?;
        let backup = rusqlite::backup::Backup::new(conn, &mut target)
            .map_err(|e| StoreError::Backup(e.to_string()))?;
        backup
            .run_to_completion(256, std::time::Duration::from_millis(0), None)
            .map_err(|e| StoreError::Backup(e.to_string()))?;
        drop(backup);
        // A backup copy is a single self-contained file: no WAL beside it.
        let _ = target.execute_batch("PRAGMA journal_mode = DELETE;");
    }
    std::fs::rename(&partial, dest).map_err(|e| StoreError::Io {
        path: dest.display().to_string(),
        source: e,
    })?;
    Ok(())
}

/// Only letters, digits and `-` in the reason part of a backup file name.
fn sanitize_reason(reason: &str) -> String {
    let s: String = reason
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    if s.is_empty() {
        "manuell".into()
    } else {
        s
    }
}

/// File name for a new backup of `plan`: `<stem>-<YYYYmmdd-HHMMSS.mmm>-<reason>.db` (sorts by
/// time).
pub fn backup_file_name(plan: &Path, reason: &str) -> String {
    let stem = plan.file_stem().and_then(|s| s.to_str()).unwrap_or("plan");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    format!("{stem}-{stamp}-{}.db", sanitize_reason(reason))
}

/// Writes a timestamped backup of `plan` into its backup folder and returns its path, then
/// prunes the folder to the newest `keep` backups.
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
    let reason = sanitize_reason(reason);
    let mut dest = dir.join(format!("{stem}-{stamp}-{reason}.db"));
    let mut n = 2;
    while dest.exists() {
        dest = dir.join(format!("{stem}-{stamp}-{reason}-{n}.db"));
        n += 1;
    }
    backup_to(conn, &dest)?;
    prune_backups(plan, backup_keep(conn))?;
    Ok(dest)
}

/// How many backups the plan keeps (`meta.backup_keep`, default 10, at least 1).
pub fn backup_keep(conn: &Connection) -> usize {
    conn.query_row(
        "SELECT value FROM meta WHERE key = ?1",
        [BACKUP_KEEP_KEY],
        |r| r.get::<_, String>(0),
    )
    .ok()
    .and_then(|v| v.trim().parse::<usize>().ok())
    .filter(|n| *n >= 1)
    .unwrap_or(DEFAULT_BACKUP_KEEP)
}

/// Deletes all but the newest `keep` backups of `plan` (and leftover `.partial` files of
/// interrupted backups). Returns how many were deleted.
pub fn prune_backups(plan: &Path, keep: usize) -> Result<usize, StoreError> {
    let dir = backup_dir(plan);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if e.path().extension().and_then(|x| x.to_str()) == Some("partial") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let all = list_backups(plan)?;
    let mut removed = 0;
    for b in all.iter().skip(keep.max(1)) {
        std::fs::remove_file(&b.path).map_err(|e| StoreError::Io {
            path: b.path.display().to_string(),
            source: e,
        })?;
        removed += 1;
    }
    Ok(removed)
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
    // Names are `<stem>-<YYYYmmdd-HHMMSS.mmm>-<reason>.db`: compare the time stamp part.
    out.sort_by_key(|b| std::cmp::Reverse(sort_key(plan, &b.file_name)));
    Ok(out)
}

fn sort_key(plan: &Path, name: &str) -> String {
    let stem = plan.file_stem().and_then(|s| s.to_str()).unwrap_or("plan");
    name.strip_prefix(stem)
        .and_then(|r| r.strip_prefix('-'))
        .unwrap_or(name)
        .to_string()
}

/// `PRAGMA quick_check` of a backup file (read-only): `Ok(())` when intact.
pub fn check_backup(path: &Path) -> Result<(), StoreError> {
    let c = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::Backup(format!("{}: {e}", path.display())))?;
    let ok: String = c
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| StoreError::Corrupt {
            path: path.display().to_string(),
            detail: e.to_string(),
            recovery: String::new(),
        })?;
    if ok != "ok" {
        return Err(StoreError::Corrupt {
            path: path.display().to_string(),
            detail: ok,
            recovery: String::new(),
        });
    }
    Ok(())
}

/// The newest backup of `plan` that passes the integrity check.
pub fn newest_good_backup(plan: &Path) -> Option<BackupInfo> {
    list_backups(plan)
        .ok()?
        .into_iter()
        .find(|b| check_backup(&b.path).is_ok())
}

/// Finds a backup of `plan` by its file name (as `backup list` shows it).
pub fn find_backup(plan: &Path, name: &str) -> Result<BackupInfo, StoreError> {
    let name = name.trim();
    list_backups(plan)?
        .into_iter()
        .find(|b| b.file_name == name || b.file_name.trim_end_matches(".db") == name)
        .ok_or_else(|| {
            StoreError::Backup(format!(
                "Sicherung „{name}“ gibt es nicht (siehe „schulit --db {} backup list“).",
                plan.display()
            ))
        })
}

/// Replaces the plan file at `plan` with the backup at `backup`. The current state is itself
/// backed up first (or, when it cannot be read because it is damaged, moved aside as
/// `<plan>.beschaedigt-<time>`). Refused while another instance has the plan open.
///
/// The backup is copied beside the plan and renamed over it, so a crash leaves either the old or
/// the restored plan, never a mix.
pub fn restore_backup(plan: &Path, backup: &Path) -> Result<(), StoreError> {
    check_backup(backup)?;
    if let Some(info) = super::lock::PlanLock::holder(plan) {
        return Err(StoreError::Locked {
            path: plan.display().to_string(),
            holder: info,
        });
    }
    let io = |p: &Path, e: std::io::Error| StoreError::Io {
        path: p.display().to_string(),
        source: e,
    };
    let mut partial = plan.as_os_str().to_os_string();
    partial.push(".restore.partial");
    let partial = PathBuf::from(partial);
    std::fs::copy(backup, &partial).map_err(|e| io(&partial, e))?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(&partial, e))?;
    let side = |suffix: &str| {
        let mut s = plan.as_os_str().to_os_string();
        s.push(suffix);
        PathBuf::from(s)
    };
    if plan.exists() {
        let saved = Connection::open(plan)
            .map_err(StoreError::from)
            .and_then(|cur| {
                let r = backup_before(&cur, plan, "vor-wiederherstellung");
                let _ = cur.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
                r
            });
        if saved.is_err() {
            // Damaged beyond copying: keep the file as it is, beside the plan.
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let aside = side(&format!(".beschaedigt-{stamp}"));
            std::fs::rename(plan, &aside).map_err(|e| io(plan, e))?;
            for ext in ["-wal", "-shm"] {
                let from = side(ext);
                if from.exists() {
                    let mut to = aside.as_os_str().to_os_string();
                    to.push(ext);
                    let _ = std::fs::rename(&from, PathBuf::from(to));
                }
            }
        }
    }
    // A WAL left beside the plan would be replayed onto the restored file.
    for ext in ["-wal", "-shm"] {
        let p = side(ext);
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| io(&p, e))?;
        }
    }
    std::fs::rename(&partial, plan).map_err(|e| io(plan, e))?;
    let dest = Connection::open(plan)?;
    dest.execute_batch("PRAGMA journal_mode = WAL;")?;
    Ok(())
}
