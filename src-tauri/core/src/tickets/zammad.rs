//! Zammad report download ("Reporting" → download). Documented in DOMAIN.md §4 and in Zammad's
//! source (`lib/excel_sheet/ticket.rb`): named `.xls` but XLSX inside, title on row 1, header on
//! row 3, data from row 4, a footer "Timezone: Europe/Berlin" two rows after the data; times in
//! that zone. The school is usually `Organization` (sometimes `Group` or a custom attribute:
//! choose it as the school column). Priorities `1 low`, `2 normal`, `3 high`. SLA verdicts from
//! `First Response Diff In Min` / `Close Diff In Min` (negative = breached).

use super::columns::{Field, Format, SlaCell};
use super::priority::PriorityScale;

pub static FORMAT: Format = Format {
    source: "zammad",
    name: "Zammad",
    aliases: &[
        (Field::Id, &["#", "Number", "Nummer", "Ticket#"]),
        (Field::Title, &["Title", "Titel"]),
        (Field::State, &["State", "Status"]),
        (Field::Priority, &["Priority", "Priorität"]),
        (Field::School, &["Organization", "Organisation"]),
        (Field::Category, &["Category", "Kategorie"]),
        (Field::Requester, &["Customer", "Kunde"]),
        (Field::Created, &["Created At", "Erstellt am", "Erstellt"]),
        (Field::Closed, &["Closed At", "Geschlossen am"]),
        (
            Field::FirstResponse,
            &["First Response At", "Erste Reaktion am"],
        ),
        (Field::SlaResponse, &["First Response Diff In Min"]),
        (Field::SlaResolution, &["Close Diff In Min"]),
    ],
    priority_scale: PriorityScale::Zammad,
    sla: SlaCell::DiffMinutes,
    person_headers: &[
        "Owner",
        "Besitzer",
        "Customer",
        "Kunde",
        "Sender",
        "Absender",
        "Created by",
        "Updated by",
    ],
    documented: "DOMAIN.md §4; Zammad lib/excel_sheet/ticket.rb (Report-Download)",
};
