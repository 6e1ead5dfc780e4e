//! `schulit calendar …`: NRW public and school holidays, ICS import.

use std::path::PathBuf;

use chrono::Datelike;
use clap::Subcommand;
use schulit_core::calendar::{self, nrw_public_holidays, school_holidays};
use schulit_core::format::format_date;
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// NRW public holidays and school holidays of a year.
    Holidays {
        #[arg(long)]
        year: i32,
    },
    /// Import school holidays from an ICS file (replaces the school years it covers).
    ImportIcs { file: PathBuf },
}

#[derive(Serialize)]
struct Day {
    date: String,
    end: Option<String>,
    kind: &'static str,
    name: String,
    school_year: Option<String>,
    source: String,
    note: String,
    /// Where and when a block of school holidays was checked (empty = not checked).
    checked_against: String,
    checked_on: String,
}

pub fn run(ctx: &Ctx, cmd: CalendarCmd) -> Result<(), CliError> {
    match cmd {
        CalendarCmd::Holidays { year } => {
            if !(1583..=9999).contains(&year) {
                return Err(CliError::Usage(format!(
                    "--year {year}: bitte ein Jahr zwischen 1583 und 9999 angeben."
                )));
            }
            // School holidays from the plan, or the shipped Ferienordnung without --db.
            let store = match &ctx.db {
                Some(_) => ctx.open()?,
                None => schulit_core::Store::open_in_memory().map_err(CoreError::from)?,
            };
            let mut days: Vec<Day> = nrw_public_holidays(year)
                .into_iter()
                .map(|h| Day {
                    date: h.date.to_string(),
                    end: None,
                    kind: "feiertag",
                    name: h.name.to_string(),
                    school_year: None,
                    source: "Feiertagsgesetz NW (berechnet)".into(),
                    note: String::new(),
                    checked_against: String::new(),
                    checked_on: String::new(),
                })
                .collect();
            for h in school_holidays::list_school_holidays(store.conn()).map_err(CoreError::from)? {
                if h.start.year() <= year && h.end.year() >= year {
                    days.push(Day {
                        date: h.start.to_string(),
                        end: Some(h.end.to_string()),
                        kind: "schulferien",
                        name: h.name,
                        school_year: Some(h.school_year),
                        source: if h.source == "ferienordnung" {
                            calendar::FERIENORDNUNG_SOURCE.to_string()
                        } else {
                            h.source
                        },
                        note: match chrono::NaiveDate::parse_from_str(&h.checked_on, "%Y-%m-%d") {
                            Ok(d) => format!("{}, geprüft am {}", h.note, format_date(d)),
                            Err(_) => h.note,
                        },
                        checked_against: h.source_ref,
                        checked_on: h.checked_on,
                    });
                }
            }
            days.sort_by(|a, b| a.date.cmp(&b.date));
            ctx.out.print(&days, || {
                let mut t = format!("Feiertage und Schulferien NRW {year}\n");
                for d in &days {
                    let from = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
                        .map(format_date)
                        .unwrap_or_else(|_| d.date.clone());
                    let span = match &d.end {
                        Some(e) if e != &d.date => format!(
                            "{from}–{}",
                            chrono::NaiveDate::parse_from_str(e, "%Y-%m-%d")
                                .map(format_date)
                                .unwrap_or_else(|_| e.clone())
                        ),
                        _ => from,
                    };
                    let note = if d.note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", d.note)
                    };
                    t.push_str(&format!("{span:<24} {}{note}\n", d.name));
                }
                t.push_str(&format!(
                    "Quelle Schulferien: {}",
                    calendar::FERIENORDNUNG_SOURCE
                ));
                t
            });
            Ok(())
        }
        CalendarCmd::ImportIcs { file } => {
            let mut store = ctx.open()?;
            let (imported, replaced) =
                calendar::import_ics_file(&mut store, &file).map_err(CoreError::from)?;
            let mut years: Vec<String> = imported.iter().map(|h| h.school_year.clone()).collect();
            years.dedup();
            #[derive(Serialize)]
            struct Out {
                imported: usize,
                replaced: usize,
                school_years: Vec<String>,
            }
            let out = Out {
                imported: imported.len(),
                replaced,
                school_years: years,
            };
            ctx.out.print(&out, || {
                format!(
                    "{} Ferienblöcke importiert ({}), {} bisherige ersetzt.",
                    out.imported,
                    out.school_years.join(", "),
                    out.replaced
                )
            });
            Ok(())
        }
    }
}
