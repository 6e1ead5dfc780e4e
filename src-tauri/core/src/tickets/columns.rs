//! The canonical fields an importer looks for, each source's header aliases for them, and the
//! resolution of a header row to column positions. Several columns may carry one header (Jira):
//! every position is kept and the first non-empty cell wins.

use super::priority::PriorityScale;

/// A canonical ticket field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    School,
    Created,
    FirstResponse,
    Solved,
    Closed,
    State,
    Priority,
    Category,
    ReopenCount,
    SlaResponse,
    SlaResolution,
    Title,
    Requester,
    RequesterFirst,
    RequesterLast,
}

pub const FIELD_COUNT: usize = 16;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Id,
        Field::School,
        Field::Created,
        Field::FirstResponse,
        Field::Solved,
        Field::Closed,
        Field::State,
        Field::Priority,
        Field::Category,
        Field::ReopenCount,
        Field::SlaResponse,
        Field::SlaResolution,
        Field::Title,
        Field::Requester,
        Field::RequesterFirst,
        Field::RequesterLast,
    ];

    /// Stable key (import profiles, the mapping dialog).
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::School => "school",
            Field::Created => "created",
            Field::FirstResponse => "first_response",
            Field::Solved => "solved",
            Field::Closed => "closed",
            Field::State => "state",
            Field::Priority => "priority",
            Field::Category => "category",
            Field::ReopenCount => "reopen_count",
            Field::SlaResponse => "sla_response",
            Field::SlaResolution => "sla_resolution",
            Field::Title => "title",
            Field::Requester => "requester",
            Field::RequesterFirst => "requester_first",
            Field::RequesterLast => "requester_last",
        }
    }

    /// German name for messages and the mapping dialog.
    pub fn label_de(self) -> &'static str {
        match self {
            Field::Id => "Ticketnummer",
            Field::School => "Schule",
            Field::Created => "Erstellt",
            Field::FirstResponse => "Erste Reaktion",
            Field::Solved => "Gelöst",
            Field::Closed => "Geschlossen",
            Field::State => "Status",
            Field::Priority => "Priorität",
            Field::Category => "Kategorie",
            Field::ReopenCount => "Wiedereröffnungen",
            Field::SlaResponse => "SLA Reaktion",
            Field::SlaResolution => "SLA Lösung",
            Field::Title => "Titel",
            Field::Requester => "Anfragende Person",
            Field::RequesterFirst => "Vorname",
            Field::RequesterLast => "Nachname",
        }
    }

    pub fn from_key(k: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == k)
    }
}

/// How a source writes its own SLA verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaCell {
    /// Minutes left at the event; negative = breached (Zammad, Znuny `…DiffInMin`).
    DiffMinutes,
    /// "yes" = the deadline was passed = breached (GLPI "exceeded", iTop `sla_*_passed`).
    PassedFlag,
    /// Jira SLA cell `[-]H:MM`; negative = breached.
    JiraDuration,
    /// Profiles: words (ja/nein, met/breached) or a signed number (negative = breached).
    Generic,
}

/// What a helpdesk system's export looks like.
#[derive(Debug, Clone)]
pub struct Format {
    /// `source` value stored with every ticket.
    pub source: &'static str,
    /// Display name.
    pub name: &'static str,
    pub aliases: &'static [(Field, &'static [&'static str])],
    pub priority_scale: PriorityScale,
    pub sla: SlaCell,
    /// Headers that hold person data and are never stored (shown in the data-protection notice).
    pub person_headers: &'static [&'static str],
    /// Where the format is documented.
    pub documented: &'static str,
}

/// Lower case, trimmed, inner whitespace collapsed, BOM, quotes and a formula `'` dropped.
pub fn normalize_header(h: &str) -> String {
    let h = h
        .trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .trim_start_matches('\'')
        .trim();
    let mut out = String::with_capacity(h.len());
    let mut space = false;
    for c in h.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

impl Format {
    /// The field a header names, if any (GLPI group prefixes "Groupe - Champ" are tried too).
    pub fn match_header(&self, header: &str) -> Option<Field> {
        let h = normalize_header(header);
        if h.is_empty() {
            return None;
        }
        if let Some(f) = self.lookup(&h) {
            return Some(f);
        }
        if let Some((_, tail)) = h.rsplit_once(" - ") {
            return self.lookup(tail);
        }
        None
    }

    fn lookup(&self, h: &str) -> Option<Field> {
        self.aliases
            .iter()
            .find(|(_, names)| names.iter().any(|a| normalize_header(a) == h))
            .map(|(f, _)| *f)
    }

    /// Whether a header names a person column (dropped).
    pub fn is_person_header(&self, header: &str) -> bool {
        let h = normalize_header(header);
        let tail = h.rsplit_once(" - ").map(|(_, t)| t.to_string());
        self.person_headers.iter().any(|p| {
            let p = normalize_header(p);
            p == h || tail.as_deref() == Some(p.as_str())
        }) || h.contains("e-mail")
            || h.contains("email")
            || h.contains("mail address")
    }
}

/// Column positions of each field in one file.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub positions: [Vec<usize>; FIELD_COUNT],
    pub headers: Vec<String>,
    /// 1-based row of the header.
    pub header_row: usize,
}

impl ColumnMap {
    pub fn resolve(format: &Format, headers: &[String], header_row: usize) -> ColumnMap {
        let mut m = ColumnMap {
            headers: headers.to_vec(),
            header_row,
            ..Default::default()
        };
        for (i, h) in headers.iter().enumerate() {
            if let Some(f) = format.match_header(h) {
                m.positions[f as usize].push(i);
            }
        }
        m
    }

    pub fn has(&self, f: Field) -> bool {
        !self.positions[f as usize].is_empty()
    }

    pub fn matched(&self) -> usize {
        self.positions.iter().filter(|p| !p.is_empty()).count()
    }

    /// Header text of a field as the file writes it.
    pub fn header_of(&self, f: Field) -> String {
        self.positions[f as usize]
            .first()
            .and_then(|&i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| f.label_de().to_string())
    }

    /// The cell of `f`: first non-empty among its columns, trimmed; "" when absent. Returns
    /// the column index used too (for messages).
    pub fn get<'a>(&self, f: Field, cells: &'a [&'a str]) -> (&'a str, Option<usize>) {
        let pos = &self.positions[f as usize];
        let mut first = None;
        for &i in pos {
            if first.is_none() {
                first = Some(i);
            }
            if let Some(c) = cells.get(i) {
                let t = c.trim();
                if !t.is_empty() {
                    return (t, Some(i));
                }
            }
        }
        ("", first)
    }

    /// Replaces the columns of `f` by the column headed `header` (user's choice).
    pub fn set_column(&mut self, f: Field, header: &str) -> bool {
        let want = normalize_header(header);
        let hits: Vec<usize> = self
            .headers
            .iter()
            .enumerate()
            .filter(|(_, h)| normalize_header(h) == want)
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() {
            return false;
        }
        self.positions[f as usize] = hits;
        true
    }
}
