//! One export row → one canonical ticket: dates to UTC, labels to classes, school to
//! Schulnummer, person data pseudonymised or dropped. Pure apart from the caches it keeps; every
//! error names file, row and column.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::batch::{RowBatch, TicketRef};
use super::columns::{ColumnMap, Field, Format, SlaCell};
use super::datetime::DateParser;
use super::model::StateClass;
use super::priority::map_priority;
use super::pseudonym::Pseudonymizer;
use super::schools_match::SchoolMatcher;
use super::state::{StateMap, StateVerdict};
use crate::import::ImportError;

/// Access to the cells of one row.
pub trait Cells {
    fn cell(&self, i: usize) -> Option<&str>;
    fn width(&self) -> usize;
}

impl Cells for csv::StringRecord {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
    fn width(&self) -> usize {
        self.len()
    }
}

impl Cells for [String] {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(|s| s.as_str())
    }
    fn width(&self) -> usize {
        self.len()
    }
}

impl Cells for Vec<String> {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(|s| s.as_str())
    }
    fn width(&self) -> usize {
        self.len()
    }
}

/// What the conversion noticed, for the import summary.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub unknown_states: BTreeMap<String, usize>,
    pub unknown_priorities: BTreeMap<String, usize>,
    pub unmatched_schools: BTreeMap<String, usize>,
    pub without_school: usize,
    pub skipped_merged: usize,
    pub footer_rows: usize,
    pub times_before_created: usize,
}

pub struct Converter<'m> {
    pub file: String,
    pub source: String,
    pub format: &'static Format,
    pub columns: ColumnMap,
    pub dates: DateParser,
    pub states: StateMap,
    pub matcher: &'m SchoolMatcher,
    pub pseudonymizer: Option<Pseudonymizer>,
    pub keep_title: bool,
    pub findings: Findings,
    school_cache: HashMap<String, Option<String>>,
    state_cache: HashMap<String, StateVerdict>,
    prio_cache: HashMap<String, Option<u8>>,
    pseudo_cache: HashMap<String, Option<String>>,
}

impl<'m> Converter<'m> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        file: &str,
        source: &str,
        format: &'static Format,
        columns: ColumnMap,
        dates: DateParser,
        states: StateMap,
        matcher: &'m SchoolMatcher,
        pseudonymizer: Option<Pseudonymizer>,
        keep_title: bool,
    ) -> Converter<'m> {
        Converter {
            file: file.into(),
            source: source.into(),
            format,
            columns,
            dates,
            states,
            matcher,
            pseudonymizer,
            keep_title,
            findings: Findings::default(),
            school_cache: HashMap::default(),
            state_cache: HashMap::default(),
            prio_cache: HashMap::default(),
            pseudo_cache: HashMap::default(),
        }
    }

    fn get<'c, C: Cells + ?Sized>(&self, f: Field, cells: &'c C) -> (&'c str, Option<usize>) {
        let pos = &self.columns.positions[f as usize];
        let mut first = None;
        for &i in pos {
            if first.is_none() {
                first = Some(i);
            }
            if let Some(c) = cells.cell(i) {
                let t = trim(c);
                if !t.is_empty() {
                    return (t.trim_start_matches('\''), Some(i));
                }
            }
        }
        ("", first)
    }

    fn col_name(&self, f: Field, idx: Option<usize>) -> String {
        idx.and_then(|i| self.columns.headers.get(i))
            .map(|h| h.trim().to_string())
            .unwrap_or_else(|| self.columns.header_of(f))
    }

    fn err(&self, row: usize, f: Field, idx: Option<usize>, msg: impl Into<String>) -> ImportError {
        ImportError::value(&self.file, row, &self.col_name(f, idx), msg)
    }

    fn date<C: Cells + ?Sized>(
        &mut self,
        f: Field,
        cells: &C,
        row: usize,
    ) -> Result<Option<i64>, ImportError> {
        let (text, idx) = self.get(f, cells);
        if text.is_empty() {
            return Ok(None);
        }
        match self.dates.parse(text) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.err(row, f, idx, e.0)),
        }
    }

    /// Converts one data row into `out`. `Ok(false)` for rows that are not tickets (empty,
    /// footer, merged).
    pub fn convert<C: Cells + ?Sized>(
        &mut self,
        cells: &C,
        row: usize,
        out: &mut RowBatch,
    ) -> Result<bool, ImportError> {
        // Only "none" and "one" matter below: stop counting at two.
        let filled = (0..cells.width())
            .filter(|&i| cells.cell(i).map(|c| !trim(c).is_empty()).unwrap_or(false))
            .take(2)
            .count();
        if filled == 0 {
            return Ok(false);
        }
        let (id_raw, id_idx) = self.get(Field::Id, cells);
        let (created_raw, created_idx) = self.get(Field::Created, cells);
        if created_raw.is_empty() && filled <= 1 {
            // Footer lines ("Timezone: Europe/Berlin", totals).
            self.findings.footer_rows += 1;
            return Ok(false);
        }
        if id_raw.is_empty() {
            return Err(self.err(row, Field::Id, id_idx, "Ticketnummer fehlt"));
        }
        let source_id: Cow<str> = if self.format.source == "glpi" {
            Cow::Owned(super::glpi::clean_id(id_raw))
        } else {
            Cow::Borrowed(id_raw)
        };
        if created_raw.is_empty() {
            return Err(self.err(row, Field::Created, created_idx, "Erstellungsdatum fehlt"));
        }
        let created = self
            .date(Field::Created, cells, row)?
            .ok_or_else(|| self.err(row, Field::Created, created_idx, "Erstellungsdatum fehlt"))?;
        let mut first_response = self.date(Field::FirstResponse, cells, row)?;
        let mut solved = self.date(Field::Solved, cells, row)?;
        let mut closed = self.date(Field::Closed, cells, row)?;
        for t in [&mut first_response, &mut solved, &mut closed] {
            if matches!(t, Some(v) if *v < created) {
                *t = None;
                self.findings.times_before_created += 1;
            }
        }

        // State.
        let (state_raw, _) = self.get(Field::State, cells);
        let state = if state_raw.is_empty() {
            derived_state(solved, closed)
        } else {
            let verdict = match self.state_cache.get(state_raw) {
                Some(v) => *v,
                None => {
                    let v = self.states.classify(state_raw);
                    self.state_cache.insert(state_raw.to_string(), v);
                    v
                }
            };
            match verdict {
                StateVerdict::Class(s) => s,
                StateVerdict::Skip => {
                    self.findings.skipped_merged += 1;
                    return Ok(false);
                }
                StateVerdict::Unknown => {
                    *self
                        .findings
                        .unknown_states
                        .entry(state_raw.to_string())
                        .or_default() += 1;
                    StateClass::Open
                }
            }
        };

        // Priority.
        let (prio_raw, _) = self.get(Field::Priority, cells);
        let mapped = match self.prio_cache.get(prio_raw) {
            Some(v) => *v,
            None => {
                let v = map_priority(prio_raw, self.format.priority_scale);
                self.prio_cache.insert(prio_raw.to_string(), v);
                v
            }
        };
        let priority = match mapped {
            Some(p) => p,
            None => {
                let key = if prio_raw.is_empty() {
                    "(leer)".to_string()
                } else {
                    prio_raw.to_string()
                };
                *self.findings.unknown_priorities.entry(key).or_default() += 1;
                3
            }
        };

        // School: multi-value cells (GLPI) use their first line.
        let (school_raw, _) = self.get(Field::School, cells);
        let school_label = trim(first_line(school_raw));
        if school_label.is_empty() {
            self.findings.without_school += 1;
        } else {
            let found = match self.school_cache.get(school_label) {
                Some(v) => v.is_some(),
                None => {
                    let v = self.matcher.find(school_label);
                    let found = v.is_some();
                    self.school_cache.insert(school_label.to_string(), v);
                    found
                }
            };
            if !found {
                *self
                    .findings
                    .unmatched_schools
                    .entry(school_label.to_string())
                    .or_default() += 1;
            }
        }

        let (category_raw, _) = self.get(Field::Category, cells);
        let category = trim(first_line(category_raw));

        let (reopen_raw, reopen_idx) = self.get(Field::ReopenCount, cells);
        let reopen_count = if reopen_raw.is_empty() {
            None
        } else {
            Some(
                reopen_raw
                    .parse::<i64>()
                    .ok()
                    .filter(|v| *v >= 0)
                    .ok_or_else(|| {
                        self.err(
                            row,
                            Field::ReopenCount,
                            reopen_idx,
                            format!("„{reopen_raw}“ ist keine Anzahl"),
                        )
                    })?,
            )
        };

        let sla_response_met = self.sla(Field::SlaResponse, cells, row)?;
        let sla_resolution_met = self.sla(Field::SlaResolution, cells, row)?;

        let title = if self.keep_title {
            let (t, _) = self.get(Field::Title, cells);
            (!t.is_empty()).then_some(t)
        } else {
            None
        };

        let person: Option<Cow<str>> = match &self.pseudonymizer {
            None => None,
            Some(_) => {
                let (r, _) = self.get(Field::Requester, cells);
                let person = if r.is_empty() {
                    let (f, _) = self.get(Field::RequesterFirst, cells);
                    let (l, _) = self.get(Field::RequesterLast, cells);
                    Cow::Owned(format!("{f} {l}").trim().to_string())
                } else {
                    Cow::Borrowed(trim(first_line(r)))
                };
                self.cache_pseudonym(&person);
                Some(person)
            }
        };

        // Only shared borrows from here: the cached school and pseudonym are read in place.
        let schulnummer = if school_label.is_empty() {
            None
        } else {
            self.school_cache
                .get(school_label)
                .and_then(|v| v.as_deref())
        };
        let requester_pseudonym = person
            .as_deref()
            .and_then(|p| self.pseudo_cache.get(p))
            .and_then(|v| v.as_deref());
        out.push(&TicketRef {
            source_id: &source_id,
            schulnummer,
            school_label,
            state_label: state_raw,
            category,
            title,
            requester_pseudonym,
            created,
            first_response,
            solved,
            closed,
            reopen_count,
            state,
            priority,
            sla_response_met,
            sla_resolution_met,
        });
        Ok(true)
    }

    /// Makes sure the pseudonym of `person` is in the cache (computed once per person).
    fn cache_pseudonym(&mut self, person: &str) {
        if person.is_empty() || self.pseudo_cache.contains_key(person) {
            return;
        }
        let p = self
            .pseudonymizer
            .as_ref()
            .and_then(|ps| ps.pseudonym(person));
        self.pseudo_cache.insert(person.to_string(), p);
    }

    fn sla<C: Cells + ?Sized>(
        &self,
        f: Field,
        cells: &C,
        row: usize,
    ) -> Result<Option<bool>, ImportError> {
        let (raw, idx) = self.get(f, cells);
        if raw.is_empty() {
            return Ok(None);
        }
        parse_sla(raw, self.format.sla).map_err(|m| self.err(row, f, idx, m))
    }
}

/// `str::trim` with a shortcut for the common cell that starts and ends with a visible ASCII
/// character (no Unicode decoding then).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&b)) if (0x21..0x7f).contains(&a) && (0x21..0x7f).contains(&b) => s,
        _ => s.trim(),
    }
}

/// The first line of a multi-value cell (GLPI lists one value per line).
fn first_line(s: &str) -> &str {
    match s.as_bytes().iter().position(|&b| b == b'\n') {
        Some(i) => s[..i].strip_suffix('\r').unwrap_or(&s[..i]),
        None => s,
    }
}

/// State when the export has none: closed if a close time exists, solved if a solve time.
fn derived_state(solved: Option<i64>, closed: Option<i64>) -> StateClass {
    if closed.is_some() {
        StateClass::Closed
    } else if solved.is_some() {
        StateClass::Solved
    } else {
        StateClass::Open
    }
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "ja" | "oui" | "true" | "wahr" | "1" | "y" | "j" => Some(true),
        "no" | "nein" | "non" | "false" | "falsch" | "0" | "n" => Some(false),
        _ => None,
    }
}

/// A source's SLA cell → `Some(true)` met, `Some(false)` breached.
pub fn parse_sla(raw: &str, kind: SlaCell) -> Result<Option<bool>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let number = || crate::format::parse_number_de(t).or_else(|| t.parse::<f64>().ok());
    match kind {
        SlaCell::DiffMinutes => match t.parse::<i64>() {
            // Whole minutes (Znuny) need no number formats.
            Ok(v) => Ok(Some(v >= 0)),
            Err(_) => number()
                .map(|v| Some(v >= 0.0))
                .ok_or_else(|| format!("„{t}“ ist keine Minutenzahl")),
        },
        SlaCell::PassedFlag => yes_no(t)
            .map(|passed| Some(!passed))
            .ok_or_else(|| format!("„{t}“: erwartet Ja/Nein")),
        SlaCell::JiraDuration => {
            let neg = t.starts_with('-') || t.starts_with('−');
            let body = t.trim_start_matches(['-', '−', '+']);
            let ok = body.split(':').count() <= 3
                && body
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ':' | 'h' | 'm' | ' ' | 'd'))
                && body.chars().any(|c| c.is_ascii_digit());
            if ok {
                Ok(Some(!neg))
            } else {
                Err(format!("„{t}“: erwartet eine SLA-Zeit wie 2:30 oder -0:45"))
            }
        }
        SlaCell::Generic => {
            let l = t.to_lowercase();
            match l.as_str() {
                "ja" | "yes" | "true" | "erfüllt" | "eingehalten" | "met" | "ok" => Ok(Some(true)),
                "nein" | "no" | "false" | "verletzt" | "überschritten" | "breached" => {
                    Ok(Some(false))
                }
                _ => number().map(|v| Some(v >= 0.0)).ok_or_else(|| {
                    format!("„{t}“: erwartet Ja/Nein oder Minuten (negativ = verletzt)")
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sla_cells() {
        assert_eq!(parse_sla("-15", SlaCell::DiffMinutes), Ok(Some(false)));
        assert_eq!(parse_sla("120", SlaCell::DiffMinutes), Ok(Some(true)));
        assert_eq!(parse_sla("0", SlaCell::DiffMinutes), Ok(Some(true)));
        assert_eq!(parse_sla("Oui", SlaCell::PassedFlag), Ok(Some(false)));
        assert_eq!(parse_sla("no", SlaCell::PassedFlag), Ok(Some(true)));
        assert_eq!(parse_sla("-1:05", SlaCell::JiraDuration), Ok(Some(false)));
        assert_eq!(parse_sla("3:25", SlaCell::JiraDuration), Ok(Some(true)));
        assert!(parse_sla("bald", SlaCell::JiraDuration).is_err());
        assert_eq!(parse_sla("verletzt", SlaCell::Generic), Ok(Some(false)));
        assert!(parse_sla("vielleicht", SlaCell::PassedFlag).is_err());
    }
}
