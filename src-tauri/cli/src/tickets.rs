//! `schulit tickets …`: import helpdesk exports, map schools and states, retention, profiles;
//! and the hidden `schulit dev gen-tickets` generator for the import benchmark.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Subcommand;
use schulit_core::format::format_int;
use schulit_core::tickets::{self, mapped, schools_match, state, ImportOptions, StateClass};
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum TicketsCmd {
    /// Import a ticket export (Zammad XLSX, GLPI, Znuny/OTRS, Jira, iTop CSV, or any file via --profile).
    Import {
        file: PathBuf,
        /// zammad | glpi | znuny | jira | itop | auto
        #[arg(long, default_value = "auto")]
        source: String,
        /// Named column mapping (see `tickets profiles`).
        #[arg(long)]
        profile: Option<String>,
        /// Header of the column naming the school (default: the format's organisation/entity column).
        #[arg(long)]
        school_column: Option<String>,
        /// Keep ticket titles (dropped by default).
        #[arg(long)]
        keep_title: bool,
        /// Drop the requester instead of storing a pseudonym.
        #[arg(long)]
        drop_requester: bool,
    },
    /// Remember that LABEL (as in the ticket system) is the school SCHULNUMMER; re-assign tickets.
    MapSchool { label: String, schulnummer: String },
    /// Classify a state label of SOURCE as open, solved or closed; re-classify tickets.
    MapState {
        source: String,
        label: String,
        /// open | solved | closed
        state: String,
    },
    /// School labels of stored tickets that match no school yet.
    Unmatched,
    /// Delete tickets created before DATE (YYYY-MM-DD or DD.MM.YYYY; retention).
    DeleteBefore { date: String },
    /// List the saved import profiles.
    Profiles,
    /// Save an import profile: --map FIELD=HEADER (fields: id, created, school, state, …).
    ProfileSave {
        name: String,
        /// Stored as the tickets' source (default: csv).
        #[arg(long, default_value = "csv")]
        source: String,
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
        /// All-numeric dates are month first (03-14-2025).
        #[arg(long)]
        month_first: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DevCmd {
    /// Write a Znuny-style CSV with N synthetic tickets (benchmark input). With --db, the
    /// synthetic schools are added to that plan.
    GenTickets {
        #[arg(long, default_value_t = 1_000_000)]
        rows: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 305)]
        schools: usize,
        #[arg(long, default_value_t = 5)]
        years: i64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let t = s.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
}

pub fn run(ctx: &Ctx, cmd: TicketsCmd) -> Result<(), CliError> {
    match cmd {
        TicketsCmd::Import {
            file,
            source,
            profile,
            school_column,
            keep_title,
            drop_requester,
        } => {
            let mut store = ctx.open()?;
            let profile = match profile {
                Some(name) => {
                    Some(mapped::load_profile(store.conn(), &name).map_err(CoreError::from)?)
                }
                None => None,
            };
            let opts = ImportOptions {
                source: Some(source),
                profile,
                school_column,
                keep_title,
                drop_requester,
            };
            let s = tickets::import_file(&mut store, &file, &opts)?;
            ctx.out.print(&s, || {
                let mut t = format!(
                    "{} ({}): {} neu, {} aktualisiert, {} übersprungen (zusammengeführt/entfernt).",
                    s.file,
                    s.format,
                    format_int(s.imported as i64),
                    format_int(s.updated as i64),
                    format_int(s.skipped as i64)
                );
                if !s.unmatched_detail.is_empty() {
                    t.push_str("\nOhne zugeordnete Schule (mit `tickets map-school BEZEICHNUNG SCHULNUMMER` zuordnen):");
                    for l in &s.unmatched_detail {
                        t.push_str(&format!("\n  {} ({} Tickets)", l.label, l.tickets));
                    }
                }
                if !s.unknown_states.is_empty() {
                    t.push_str("\nUnbekannte Status (als offen gezählt; mit `tickets map-state` einordnen):");
                    for l in &s.unknown_states {
                        t.push_str(&format!("\n  {} ({} Tickets)", l.label, l.tickets));
                    }
                }
                if !s.unknown_priorities.is_empty() {
                    t.push_str("\nUnbekannte Prioritäten (als 3 = normal gezählt):");
                    for l in &s.unknown_priorities {
                        t.push_str(&format!("\n  {} ({} Tickets)", l.label, l.tickets));
                    }
                }
                for n in &s.notes {
                    t.push_str(&format!("\nHinweis: {n}"));
                }
                t.push_str(&format!("\n{}", s.privacy.notice));
                t
            });
            Ok(())
        }
        TicketsCmd::MapSchool { label, schulnummer } => {
            let store = ctx.open()?;
            let n = schools_match::remember_school(store.conn(), &label, &schulnummer)
                .map_err(CoreError::from)?;
            #[derive(Serialize)]
            struct Out<'a> {
                label: &'a str,
                schulnummer: &'a str,
                tickets_assigned: usize,
            }
            ctx.out.print(
                &Out {
                    label: &label,
                    schulnummer: &schulnummer,
                    tickets_assigned: n,
                },
                || format!("„{label}“ → {schulnummer} gemerkt; {n} Tickets zugeordnet."),
            );
            Ok(())
        }
        TicketsCmd::MapState {
            source,
            label,
            state: st,
        } => {
            let class = StateClass::parse(st.trim()).ok_or_else(|| {
                CliError::Usage(format!("Status „{st}“: erwartet open, solved oder closed."))
            })?;
            let store = ctx.open()?;
            let n = state::remember_state(store.conn(), source.trim(), &label, class)
                .map_err(|e| CoreError::from(tickets::TicketError::from(e)))?;
            ctx.out.print(
                &serde_json::json!({"source": source, "label": label, "state": class, "tickets_changed": n}),
                || format!("Status „{label}“ ({source}) → {} gemerkt; {n} Tickets geändert.", class.as_str()),
            );
            Ok(())
        }
        TicketsCmd::Unmatched => {
            let store = ctx.open()?;
            let rows = schools_match::unmatched_labels(store.conn())
                .map_err(|e| CoreError::from(tickets::TicketError::from(e)))?;
            let out: Vec<_> = rows
                .iter()
                .map(|(l, n)| serde_json::json!({"label": l, "tickets": n}))
                .collect();
            ctx.out.print(&out, || {
                if rows.is_empty() {
                    return "Alle Tickets sind einer Schule zugeordnet.".into();
                }
                rows.iter()
                    .map(|(l, n)| {
                        format!(
                            "{:<50} {:>8} Tickets",
                            if l.is_empty() { "(ohne Angabe)" } else { l },
                            format_int(*n)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        TicketsCmd::DeleteBefore { date } => {
            let d = parse_date(&date).ok_or_else(|| {
                CliError::Usage(format!(
                    "Datum „{date}“: erwartet JJJJ-MM-TT oder TT.MM.JJJJ."
                ))
            })?;
            let mut store = ctx.open()?;
            let n = schulit_core::privacy::delete_tickets_before(&mut store, d)?;
            ctx.out.print(
                &serde_json::json!({"deleted": n, "before": d.to_string()}),
                || {
                    format!(
                        "{} Tickets vor dem {} gelöscht.",
                        format_int(n as i64),
                        d.format("%d.%m.%Y")
                    )
                },
            );
            Ok(())
        }
        TicketsCmd::Profiles => {
            let store = ctx.open()?;
            let list = mapped::list_profiles(store.conn()).map_err(CoreError::from)?;
            ctx.out.print(&list, || {
                if list.is_empty() {
                    return "Keine Importprofile gespeichert.".into();
                }
                list.iter()
                    .map(|p| {
                        let cols: Vec<String> =
                            p.columns.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        format!("{} (Quelle {}): {}", p.name, p.source, cols.join(", "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        TicketsCmd::ProfileSave {
            name,
            source,
            map,
            month_first,
        } => {
            let mut columns = BTreeMap::new();
            for m in &map {
                let (k, v) = m.split_once('=').ok_or_else(|| {
                    CliError::Usage(format!(
                        "--map „{m}“: erwartet FELD=SPALTE, z. B. created=Eingang"
                    ))
                })?;
                columns.insert(k.trim().to_string(), v.trim().to_string());
            }
            let p = mapped::Profile {
                name: name.clone(),
                source,
                columns,
                month_first,
            };
            let store = ctx.open()?;
            mapped::save_profile(store.conn(), &p).map_err(CoreError::from)?;
            ctx.out
                .print(&p, || format!("Importprofil „{name}“ gespeichert."));
            Ok(())
        }
    }
}

pub fn run_dev(ctx: &Ctx, cmd: DevCmd) -> Result<(), CliError> {
    match cmd {
        DevCmd::GenTickets {
            rows,
            out,
            schools,
            years,
            seed,
        } => {
            let io = |e: std::io::Error| CliError::Usage(format!("{}: {e}", out.display()));
            let f = std::fs::File::create(&out).map_err(io)?;
            let mut w = std::io::BufWriter::new(f);
            tickets::gen::generate_znuny_csv(&mut w, rows, schools, years, seed).map_err(io)?;
            std::io::Write::flush(&mut w).map_err(io)?;
            if ctx.db.is_some() {
                let store = ctx.open()?;
                tickets::gen::seed_bench_schools(store.conn(), schools)
                    .map_err(|e| CoreError::from(tickets::TicketError::from(e)))?;
            }
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            ctx.out.print(
                &serde_json::json!({"rows": rows, "schools": schools, "bytes": size, "file": out}),
                || {
                    format!(
                        "{} Tickets, {} Schulen, {} MB → {}",
                        format_int(rows as i64),
                        schools,
                        size / 1_000_000,
                        out.display()
                    )
                },
            );
            Ok(())
        }
    }
}
