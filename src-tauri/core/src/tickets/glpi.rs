//! GLPI ticket list export (CSV/XLSX/ODS of the columns the user displayed). Documented in
//! DOMAIN.md §4 and GLPI's `src/Search.php` / `Ticket::rawSearchOptions()`: delimiter per user
//! setting (often `;`), CRLF, UTF-8 with BOM, headers translated and prefixed by their group
//! ("Attribué à - Technicien"), dates in the user's format (`DD-MM-YYYY HH:MM`), ids with
//! thousands spaces (also U+00A0, U+202F), several values in one cell separated by newlines,
//! entity and category as paths `A > B > C`. Priorities 1 very low … 6 major. Without
//! `Closing date`/`Resolution date` there is no time to resolution (the summary says so).

use super::columns::{Field, Format, SlaCell};
use super::priority::PriorityScale;

pub static FORMAT: Format = Format {
    source: "glpi",
    name: "GLPI",
    aliases: &[
        (Field::Id, &["ID"]),
        (Field::Title, &["Title", "Titre", "Titel"]),
        (Field::State, &["Status", "Statut"]),
        (Field::Priority, &["Priority", "Priorité", "Priorität"]),
        (
            Field::Created,
            &[
                "Opening date",
                "Date d'ouverture",
                "Eröffnungsdatum",
                "Öffnungsdatum",
            ],
        ),
        (
            Field::Closed,
            &[
                "Closing date",
                "Date de clôture",
                "Schließungsdatum",
                "Abschlussdatum",
            ],
        ),
        (
            Field::Solved,
            &["Resolution date", "Date de résolution", "Lösungsdatum"],
        ),
        (
            Field::FirstResponse,
            &[
                "Take into account date",
                "Date de prise en compte",
                "Datum der Übernahme",
            ],
        ),
        (Field::School, &["Entity", "Entité", "Entität", "Einheit"]),
        (Field::Category, &["Category", "Catégorie", "Kategorie"]),
        (
            Field::SlaResolution,
            &[
                "Time to resolve exceeded",
                "Temps de résolution dépassé",
                "Zeit bis zur Lösung überschritten",
            ],
        ),
        (
            Field::SlaResponse,
            &[
                "Time to own exceeded",
                "Temps de prise en compte dépassé",
                "Zeit bis zur Übernahme überschritten",
            ],
        ),
        (
            Field::Requester,
            &["Requester", "Demandeur", "Anforderer", "Antragsteller"],
        ),
    ],
    priority_scale: PriorityScale::Glpi,
    sla: SlaCell::PassedFlag,
    person_headers: &[
        "Requester",
        "Demandeur",
        "Anforderer",
        "Antragsteller",
        "Technician",
        "Technicien",
        "Techniker",
        "Observer",
        "Observateur",
        "Beobachter",
        "Writer",
        "Rédacteur",
        "Verfasser",
        "Last edit by",
        "Dernière modification par",
        "Zuletzt bearbeitet von",
    ],
    documented: "DOMAIN.md §4; GLPI src/Search.php (CSV-Export) und Ticket::rawSearchOptions()",
};

/// A GLPI id as exported: thousands separators (space, U+00A0, U+202F, `.`) removed.
pub fn clean_id(id: &str) -> String {
    id.chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '\''))
        .collect()
}
