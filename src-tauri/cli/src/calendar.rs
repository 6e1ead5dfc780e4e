//! `schulit calendar …`: NRW public and school holidays, ICS import, bewegliche Ferientage per
//! school.

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
    /// Bewegliche Ferientage of a school: list, add, delete.
    #[command(subcommand)]
    FreeDays(FreeDaysCmd),
}

#[derive(Debug, Subcommand)]
pub enum FreeDaysCmd {
    /// The school's days (all schools without --school), with weekday and school year.
    List {
        #[arg(long, value_name = "SCHULNUMMER")]
        school: Option<String>,
    },
    /// Adds a day (TT.MM.JJJJ or JJJJ-MM-TT). The core refuses weekends, public holidays, days in
    /// the school holidays and more days per school year than the Ferienordnung allows.
    Add {
        #[arg(long, value_name = "SCHULNUMMER")]
        school: String,
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Deletes a day.
    Delete {
        #[arg(long, value_name = "SCHULNUMMER")]
        school: String,
        #[arg(long, value_name = "DATE")]
        date: String,
    },
}

#[derive(Serialize)]
struct FreeDayOut {
    schulnummer: String,
    date: String,
    weekday: &'static str,
    school_year: String,
    note: String,
}

fn free_days(ctx: &Ctx, cmd: FreeDaysCmd) -> Result<(), CliError> {
    use schulit_core::calendar::service_window::WEEKDAY_NAMES;
    use schulit_core::calendar::settings;
    let store = ctx.open()?;
    let c = store.conn();
    let date_of = |s: &str| crate::kpi::parse_date("--date", s);
    let school = match cmd {
        FreeDaysCmd::List { school } => school,
        FreeDaysCmd::Add { school, date, note } => {
            let day = calendar::SchoolFreeDay {
                schulnummer: school.clone(),
                date: date_of(&date)?,
                note,
            };
            settings::add_free_day(c, &day).map_err(CoreError::from)?;
            Some(school)
        }
        FreeDaysCmd::Delete { school, date } => {
            settings::remove_free_day(c, &school, date_of(&date)?).map_err(CoreError::from)?;
            Some(school)
        }
    };
    let days: Vec<FreeDayOut> = calendar::list_free_days(c, school.as_deref())
        .map_err(CoreError::from)?
        .into_iter()
        .map(|f| FreeDayOut {
            date: f.date.to_string(),
            weekday: WEEKDAY_NAMES[f.date.weekday().num_days_from_monday() as usize],
            school_year: school_holidays::school_year_of(f.date),
            schulnummer: f.schulnummer,
            note: f.note,
        })
        .collect();
    ctx.out.print(&days, || {
        let mut t = String::from("Bewegliche Ferientage\n");
        for d in &days {
            let date = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
                .map(format_date)
                .unwrap_or_else(|_| d.date.clone());
            t.push_str(&format!(
                "{} {date} {:<10} {} {}\n",
                d.schulnummer, d.weekday, d.school_year, d.note
            ));
        }
        t.push_str(&format!(
            "Erlaubte Anzahl: {}.",
            calendar::free_days::FREE_DAYS_SOURCE
        ));
        t
    });
    Ok(())
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
        CalendarCmd::FreeDays(cmd) => free_days(ctx, cmd),
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
