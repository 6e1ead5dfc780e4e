//! The plan file: one SQLite database per plan. Opening it sets the connection pragmas, checks
//! integrity, writes a backup copy when a migration is due, and migrates to the current schema.

mod backup;
mod lock;
mod meta;
mod migrations;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};
use thiserror::Error;

pub use backup::{
    backup_dir, backup_file_name, backup_keep, backup_to, check_backup, find_backup, list_backups,
    newest_good_backup, prune_backups, restore_backup, BackupInfo, BACKUP_KEEP_KEY,
    DEFAULT_BACKUP_KEEP,
};
pub use lock::{lock_path, LockInfo, PlanLock};
pub use meta::{get_meta, set_meta};
pub use migrations::{schema_version, CURRENT_VERSION, MIGRATIONS};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Die Plandatei {path} kann nicht geöffnet werden: {reason}")]
    Open { path: String, reason: String },
    #[error("Die Plandatei {path} ist beschädigt (Integritätsprüfung: {detail}).{recovery}")]
    Corrupt {
        path: String,
        detail: String,
        /// How to get back to a good state (names the newest intact backup); may be empty.
        recovery: String,
    },
    #[error("Die Plandatei {path} ist in einem anderen Fenster oder Programm geöffnet ({holder}). Bitte dort schließen und erneut versuchen.")]
    Locked { path: String, holder: LockInfo },
    #[error("Die Plandatei {path} stammt aus einer neueren Programmversion (Schema {found}, dieses Programm kennt bis {known}).")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("Sicherung fehlgeschlagen: {0}")]
    Backup(String),
    #[error("Datei-Fehler bei {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// An open plan file.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Held while the plan is open (None in memory, or when the lock file cannot be written).
    _lock: Option<PlanLock>,
    /// Another instance that had the plan open when this one opened it (warn the user).
    other_instance: Option<LockInfo>,
    /// An earlier instance that ended without closing the plan (crash, kill, power cut).
    crashed_instance: Option<LockInfo>,
    /// The file was created by this `open` (a new plan: nothing to lose before its first import).
    created: bool,
}

impl Store {
    /// Opens (or creates) the plan file at `path` and migrates it to the current schema.
    /// Before a migration of an existing file, a backup copy is written next to it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let existed = path.exists()
            && std::fs::metadata(path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        let (lock, other_instance, crashed_instance) = match PlanLock::acquire(path) {
            Some(lock::Acquired::Held { lock, crashed }) => (Some(lock), None, crashed),
            Some(lock::Acquired::Busy(info)) => (None, Some(info), None),
            None => (None, None, None),
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        if let Err(e) = configure(&conn) {
            // An existing file that SQLite cannot even configure is damaged (or no plan at all).
            return Err(if existed && is_corruption(&e) {
                corrupt(path, e.to_string())
            } else {
                StoreError::Open {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                }
            });
        }
        if existed {
            check_integrity(&conn, path)?;
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            _lock: lock,
            other_instance,
            crashed_instance,
            created: !existed,
        };
        let version = schema_version(&store.conn)?;
        if version > CURRENT_VERSION {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found: version,
                known: CURRENT_VERSION,
            });
        }
        if version < CURRENT_VERSION {
            if let Some(holder) = &store.other_instance {
                // Upgrading under a running (older) instance would break it.
                return Err(StoreError::Locked {
                    path: path.display().to_string(),
                    holder: holder.clone(),
                });
            }
        }
        if existed && version < CURRENT_VERSION {
            backup::backup_before(&store.conn, path, &format!("vor-migration-v{version}"))?;
        }
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Another instance that has this plan open (the UI shows a warning; the CLI prints one).
    pub fn other_instance(&self) -> Option<&LockInfo> {
        self.other_instance.as_ref()
    }

    /// An earlier instance that ended without closing the plan (its lock file was left behind).
    pub fn crashed_instance(&self) -> Option<&LockInfo> {
        self.crashed_instance.as_ref()
    }

    /// Writes a backup now (`reason` becomes part of the file name) and prunes old ones.
    /// `None` for an in-memory plan.
    pub fn create_backup(&self, reason: &str) -> Result<Option<PathBuf>, StoreError> {
        match &self.path {
            Some(p) => backup::backup_before(&self.conn, p, reason).map(Some),
            None => Ok(None),
        }
    }

    /// A fresh in-memory plan (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: None,
            _lock: None,
            other_instance: None,
            crashed_instance: None,
            created: true,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one transaction: all of it is stored, or none of it.
    pub fn transaction<T, E>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Writes a consistent copy of the plan to `dest` (SQLite online backup).
    pub fn backup_to(&self, dest: impl AsRef<Path>) -> Result<(), StoreError> {
        backup_to(&self.conn, dest.as_ref())
    }

    /// `PRAGMA quick_check` on the open file.
    pub fn quick_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))?)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.conn.execute_batch("PRAGMA optimize;");
    }
}

/// Connection settings of every plan. `secure_delete` overwrites deleted rows in the file, so
/// that retention deletes (`tickets delete-before`) really remove personal data. A new plan
/// gets 16 KiB pages (an existing file keeps its own): a million tickets are 10,000 instead of
/// 40,000 pages to write at the commit of their import, and the KPI scan reads fewer.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA page_size = 16384;
         PRAGMA foreign_keys = ON;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(())
}

/// Writes a backup of the plan before an import of `kind` (e.g. "schulen", "inventar",
/// "tickets") and prunes old backups. Call it after the file was read and validated and before
/// the import's transaction starts. Nothing is written for an in-memory plan, or for a plan
/// created in this session that has had no import yet (nothing to lose: the demo, a new plan's
/// first import). Returns the backup's path if one was written.
pub fn backup_before_import(store: &Store, kind: &str) -> Result<Option<PathBuf>, StoreError> {
    if store.path.is_none() {
        return Ok(None);
    }
    if store.created {
        let imports: i64 = store
            .conn
            .query_row("SELECT count(*) FROM import_log", [], |r| r.get(0))?;
        if imports == 0 {
            return Ok(None);
        }
    }
    store.create_backup(&format!("vor-import-{kind}"))
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// The error for a damaged plan, with the way back: the newest intact backup and the command
/// that restores it.
fn corrupt(path: &Path, detail: String) -> StoreError {
    let recovery = match backup::newest_good_backup(path) {
        Some(b) => format!(
            " Neueste intakte Sicherung: {} (in {}). Wiederherstellen mit „schulit --db {} backup restore {}“ oder im Menü „Datei → Sicherung wiederherstellen“.",
            b.file_name,
            backup::backup_dir(path).display(),
            path.display(),
            b.file_name
        ),
        None => format!(
            " Es gibt keine intakte Sicherung in {}. Bitte die Datei aus der Datensicherung der IT holen.",
            backup::backup_dir(path).display()
        ),
    };
    StoreError::Corrupt {
        path: path.display().to_string(),
        detail,
        recovery,
    }
}

fn check_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let result: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| corrupt(path, e.to_string()))?;
    if result != "ok" {
        return Err(corrupt(path, result));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_and_reopens_at_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("plan.db");
        {
            let s = Store::open(&p).unwrap();
            assert_eq!(schema_version(s.conn()).unwrap(), CURRENT_VERSION);
            let fk: i64 = s
                .conn()
                .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                .unwrap();
            assert_eq!(fk, 1);
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(s.quick_check().unwrap(), "ok");
        // No migration was due, so no backup was written.
        assert!(list_backups(&p).unwrap().is_empty());
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("plan.db");
        drop(Store::open(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", CURRENT_VERSION + 5)
            .unwrap();
        drop(c);
        match Store::open(&p) {
            Err(StoreError::TooNew { found, .. }) => assert_eq!(found, CURRENT_VERSION + 5),
            other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn backs_up_before_migrating_an_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("plan.db");
        {
            let mut c = Connection::open(&p).unwrap();
            migrations::migrate_to(&mut c, 1).unwrap();
            c.execute("INSERT INTO meta(key, value) VALUES ('probe', 'v1')", [])
                .unwrap();
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(schema_version(s.conn()).unwrap(), CURRENT_VERSION);
        let backups = list_backups(&p).unwrap();
        assert_eq!(backups.len(), 1, "{backups:?}");
        let b = Connection::open(&backups[0].path).unwrap();
        let v: i64 = b
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        let probe: String = b
            .query_row("SELECT value FROM meta WHERE key='probe'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(probe, "v1");
    }
}

#[cfg(test)]
mod safety_tests;
