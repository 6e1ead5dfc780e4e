//! Jira (Service Management) issue export as CSV ("Export → CSV (all fields)"). Documented in
//! DOMAIN.md §4 and Atlassian's "Export issues to CSV" help: `Summary, Issue key, Issue id,
//! Issue Type, Status, Priority, Resolution, Assignee, Reporter, Created, Updated, Resolved, …,
//! Custom field (Organizations), Custom field (Time to first response), Custom field (Time to
//! resolution)`. Several columns share one header name (read by position: the first non-empty
//! wins); dates in the profile's format, default `dd/MMM/yy h:mm a`, with localised month names;
//! SLA cells `[-]H:MM`, negative = breached.

use super::columns::{Field, Format, SlaCell};
use super::priority::PriorityScale;

pub static FORMAT: Format = Format {
    source: "jira",
    name: "Jira",
    aliases: &[
        (Field::Id, &["Issue key", "Vorgangsschlüssel", "Schlüssel"]),
        (Field::Title, &["Summary", "Zusammenfassung"]),
        (Field::Category, &["Issue Type", "Vorgangstyp"]),
        (Field::State, &["Status"]),
        (Field::Priority, &["Priority", "Priorität"]),
        (Field::Created, &["Created", "Erstellt"]),
        (Field::Solved, &["Resolved", "Erledigt", "Gelöst"]),
        (
            Field::School,
            &[
                "Custom field (Organizations)",
                "Benutzerdefiniertes Feld (Organizations)",
                "Benutzerdefiniertes Feld (Organisationen)",
                "Organizations",
                "Organisationen",
            ],
        ),
        (
            Field::SlaResponse,
            &[
                "Custom field (Time to first response)",
                "Benutzerdefiniertes Feld (Time to first response)",
                "Benutzerdefiniertes Feld (Zeit bis zur ersten Antwort)",
            ],
        ),
        (
            Field::SlaResolution,
            &[
                "Custom field (Time to resolution)",
                "Benutzerdefiniertes Feld (Time to resolution)",
                "Benutzerdefiniertes Feld (Zeit bis zur Lösung)",
            ],
        ),
        (Field::Requester, &["Reporter", "Autor", "Melder"]),
    ],
    priority_scale: PriorityScale::Canonical,
    sla: SlaCell::JiraDuration,
    person_headers: &[
        "Assignee",
        "Bearbeiter",
        "Reporter",
        "Autor",
        "Melder",
        "Creator",
        "Ersteller",
        "Watchers",
        "Beobachter",
    ],
    documented: "DOMAIN.md §4; Atlassian-Hilfe „Export issues to CSV“ (Jira Service Management)",
};
