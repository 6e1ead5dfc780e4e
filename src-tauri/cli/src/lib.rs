//! `schulit <subcommand>`: the command-line interface over `schulit-core`, in the same binary
//! as the window. No arguments (or only `--db FILE`) opens the window instead.
//!
//! Each area has its own module; output is German text, or JSON with `--json`. Errors go to
//! stderr as plain German (or `{"error":{"kind","message"}}` with `--json`), exit code 1; usage
//! errors exit 2.

mod backup;
mod calendar;
mod inventory;
mod kpi;
mod offers;
mod output;
mod plan;
mod plan_funding;
mod plan_scenario;
mod report;
mod schools;
mod tickets;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use schulit_core::CoreError;

pub use output::Output;

#[derive(Debug, Parser)]
#[command(name = "schulit", version, about = "Schul-IT-Cockpit – Ausstattung, Budget und Support für Schulträger", long_about = None)]
pub struct Cli {
    /// Plan file (SQLite). Also from the environment variable SCHULIT_DB.
    #[arg(long, global = true, env = "SCHULIT_DB", value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// School register: import the NRW directory, list, show, edit.
    #[command(subcommand)]
    Schools(schools::SchoolsCmd),
    /// Create the demo district (Leverkusen) in a new plan file.
    Demo,
    /// Backups of the plan: list, create, restore, how many to keep.
    #[command(subcommand)]
    Backup(backup::BackupCmd),
    /// Test helpers for the crash-safety harness.
    #[command(subcommand, hide = true)]
    Selftest(backup::SelftestCmd),
    /// Support tickets: import exports, map schools and states, retention, import profiles.
    #[command(subcommand)]
    Tickets(tickets::TicketsCmd),
    /// List the named charts.
    Charts,
    /// Render a named chart to PNG (300 dpi), SVG or PDF.
    Chart(report::ChartArgs),
    /// Reports (PDF): per school, district, all schools into a folder.
    #[command(subcommand)]
    Report(report::ReportCmd),
    /// Export a table as XLSX (`--list` shows the tables).
    Export(report::ExportArgs),
    /// Developer tools (benchmark input).
    #[command(subcommand, hide = true)]
    Dev(tickets::DevCmd),
    /// Support KPIs per school, month, priority or category.
    Kpi(kpi::KpiArgs),
    /// School time: NRW public and school holidays, ICS import.
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
    /// Offers and contracts: present value comparison, sensitivity, UfAB evaluation.
    #[command(subcommand)]
    Offers(offers::OffersCmd),
    /// Equipment budget plan (Medienentwicklungsplan): compute, compare, explain, assumptions.
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// Inventory cohorts: import exports (Snipe-IT, GLPI, i-doit, template), list, edit.
    #[command(subcommand)]
    Inventory(inventory::InventoryCmd),
}

/// Whether `args` (including the program name) ask for the CLI rather than the window.
pub fn wants_cli(args: &[OsString]) -> bool {
    let mut rest = args.iter().skip(1);
    while let Some(a) = rest.next() {
        let s = a.to_string_lossy();
        if s == "--db" {
            rest.next();
            continue;
        }
        if s.starts_with("--db=") {
            continue;
        }
        return true;
    }
    false
}

/// The `--db FILE` of a window start, if given.
pub fn db_arg(args: &[OsString]) -> Option<PathBuf> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if s == "--db" {
            return it.next().map(PathBuf::from);
        }
        if let Some(v) = s.strip_prefix("--db=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// Errors of the CLI layer.
#[derive(Debug)]
pub enum CliError {
    Core(CoreError),
    Usage(String),
}

impl From<CoreError> for CliError {
    fn from(e: CoreError) -> Self {
        CliError::Core(e)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Core(e) => write!(f, "{e}"),
            CliError::Usage(m) => write!(f, "{m}"),
        }
    }
}

impl CliError {
    fn kind(&self) -> &'static str {
        match self {
            CliError::Core(e) => e.kind(),
            CliError::Usage(_) => "usage",
        }
    }
}

/// Shared context of a subcommand.
pub struct Ctx {
    pub db: Option<PathBuf>,
    pub out: Output,
}

impl Ctx {
    /// The plan file: `--db` is required for commands that use a plan.
    pub fn db_path(&self) -> Result<PathBuf, CliError> {
        self.db.clone().ok_or_else(|| {
            CliError::Usage(
                "Bitte die Plandatei mit --db DATEI angeben (oder SCHULIT_DB setzen).".into(),
            )
        })
    }

    pub fn open(&self) -> Result<schulit_core::Store, CliError> {
        let store = schulit_core::Store::open(self.db_path()?).map_err(CoreError::from)?;
        if let Some(other) = store.other_instance() {
            eprintln!(
                "Warnung: Die Plandatei ist auch in einer anderen Instanz geöffnet ({other}). Änderungen können sich überschneiden."
            );
        }
        Ok(store)
    }
}

/// Runs the CLI with `args` (including the program name) and returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let ctx = Ctx {
        db: cli.db,
        out: Output::new(cli.json),
    };
    let result = match cli.command {
        Command::Schools(cmd) => schools::run(&ctx, cmd),
        Command::Demo => schools::demo(&ctx),
        Command::Backup(cmd) => backup::run(&ctx, cmd),
        Command::Selftest(cmd) => backup::selftest(&ctx, cmd),
        Command::Tickets(cmd) => tickets::run(&ctx, cmd),
        Command::Dev(cmd) => tickets::run_dev(&ctx, cmd),
        Command::Kpi(args) => kpi::run(&ctx, args),
        Command::Calendar(cmd) => calendar::run(&ctx, cmd),
        Command::Charts => report::charts(&ctx),
        Command::Chart(a) => report::chart(&ctx, a),
        Command::Report(cmd) => report::report(&ctx, cmd),
        Command::Export(a) => report::export(&ctx, a),
        Command::Offers(cmd) => offers::run(&ctx, cmd),
        Command::Plan(cmd) => plan::run(&ctx, cmd),
        Command::Inventory(cmd) => inventory::run_inventory(&ctx, cmd),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            ctx.out.error(e.kind(), &e.to_string());
            match e {
                CliError::Usage(_) => 2,
                CliError::Core(_) => 1,
            }
        }
    }
}
