//! `schulit backup list|create|restore|keep` and the hidden `schulit selftest …` helpers the
//! crash-safety harness (`tests/safety/kill_harness.rs`) drives in a child process.

use std::path::PathBuf;

use clap::Subcommand;
use schulit_core::store::{self, BackupInfo};
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// List the backups of the plan, newest first.
    List,
    /// Write a backup now.
    Create {
        /// Word for the file name (default „manuell“).
        #[arg(long, default_value = "manuell")]
        reason: String,
    },
    /// Replace the plan with a backup (the current state is backed up first).
    Restore {
        /// File name as `backup list` shows it.
        name: String,
    },
    /// How many backups to keep (older ones are deleted after each new backup).
    Keep { count: usize },
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    size_bytes: u64,
    intact: bool,
    path: String,
}

pub fn run(ctx: &Ctx, cmd: BackupCmd) -> Result<(), CliError> {
    let plan = ctx.db_path()?;
    match cmd {
        BackupCmd::List => {
            let list: Vec<BackupInfo> = store::list_backups(&plan).map_err(CoreError::from)?;
            let rows: Vec<Row> = list
                .iter()
                .map(|b| Row {
                    name: &b.file_name,
                    size_bytes: b.size_bytes,
                    intact: store::check_backup(&b.path).is_ok(),
                    path: b.path.display().to_string(),
                })
                .collect();
            ctx.out.print(&rows, || {
                if rows.is_empty() {
                    return format!(
                        "Keine Sicherungen in {}.",
                        store::backup_dir(&plan).display()
                    );
                }
                let mut t = String::new();
                for r in &rows {
                    t.push_str(&format!(
                        "{}  {} KB{}\n",
                        r.name,
                        schulit_core::format::format_int(r.size_bytes.div_ceil(1024) as i64),
                        if r.intact { "" } else { "  BESCHÄDIGT" }
                    ));
                }
                t.push_str(&format!(
                    "{} Sicherungen in {}",
                    rows.len(),
                    store::backup_dir(&plan).display()
                ));
                t
            });
            Ok(())
        }
        BackupCmd::Create { reason } => {
            let s = ctx.open()?;
            let path = s
                .create_backup(&reason)
                .map_err(CoreError::from)?
                .unwrap_or_default();
            print_path(ctx, "Sicherung geschrieben", path);
            Ok(())
        }
        BackupCmd::Restore { name } => {
            let b = store::find_backup(&plan, &name).map_err(CoreError::from)?;
            store::restore_backup(&plan, &b.path).map_err(CoreError::from)?;
            print_path(ctx, "Sicherung wiederhergestellt", b.path);
            Ok(())
        }
        BackupCmd::Keep { count } => {
            if count == 0 {
                return Err(CliError::Usage(
                    "Mindestens eine Sicherung muss bleiben (Anzahl ≥ 1).".into(),
                ));
            }
            let s = ctx.open()?;
            store::set_meta(s.conn(), store::BACKUP_KEEP_KEY, &count.to_string())
                .map_err(CoreError::from)?;
            let removed = store::prune_backups(&plan, count).map_err(CoreError::from)?;
            #[derive(Serialize)]
            struct Out {
                keep: usize,
                removed: usize,
            }
            ctx.out.print(&Out { keep: count, removed }, || {
                format!("Es werden die letzten {count} Sicherungen behalten ({removed} ältere gelöscht).")
            });
            Ok(())
        }
    }
}

fn print_path(ctx: &Ctx, what: &str, path: PathBuf) {
    #[derive(Serialize)]
    struct Out {
        path: String,
    }
    let p = path.display().to_string();
    ctx.out
        .print(&Out { path: p.clone() }, || format!("{what}: {p}"));
}

/// Hidden helpers for the crash-safety harness (not part of the user-facing CLI).
#[derive(Debug, Subcommand)]
pub enum SelftestCmd {
    /// Import every school of a directory file, without a Schulträger filter.
    ImportAllSchools { file: PathBuf },
}

pub fn selftest(ctx: &Ctx, cmd: SelftestCmd) -> Result<(), CliError> {
    match cmd {
        SelftestCmd::ImportAllSchools { file } => {
            let mut s = ctx.open()?;
            let sum = schulit_core::schools::import_directory(
                &mut s,
                &file,
                &schulit_core::schools::DirectoryFilter::default(),
            )?;
            ctx.out.print(&sum, || format!("{} Schulen neu", sum.added));
            Ok(())
        }
    }
}
