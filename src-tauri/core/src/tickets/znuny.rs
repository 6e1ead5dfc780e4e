//! Znuny / OTRS ticket search export as CSV. Documented in DOMAIN.md §4 and Znuny's
//! `Kernel/Modules/AgentTicketSearch.pm` / `Kernel/System/CSV.pm`: columns `TicketNumber, Age,
//! Created, Closed, FirstLock, FirstResponse, State, Priority, Queue, Lock, Owner,
//! UserFirstname, UserLastname, CustomerID, CustomerName, From, Subject, AccountedTime,
//! ArticleTree, SolutionInMin, SolutionDiffInMin, FirstResponseInMin, FirstResponseDiffInMin`
//! plus `DynamicField_<Name>`; translated headers where a translation exists; German delimiter
//! `;`; timestamps `YYYY-MM-DD HH:MM:SS`. The school is usually `CustomerID` (Kundennummer).
//! Priorities `1 very low` … `5 very high`; SLA verdicts from `…DiffInMin` (negative = breached).

use super::columns::{Field, Format, SlaCell};
use super::priority::PriorityScale;

pub static FORMAT: Format = Format {
    source: "znuny",
    name: "Znuny/OTRS",
    aliases: &[
        (
            Field::Id,
            &["TicketNumber", "Ticketnummer", "Ticket#", "Ticket-Nummer"],
        ),
        (Field::Created, &["Created", "Erstellt"]),
        (Field::Closed, &["Closed", "Geschlossen"]),
        (Field::FirstResponse, &["FirstResponse", "Erste Reaktion"]),
        (Field::State, &["State", "Status"]),
        (Field::Priority, &["Priority", "Priorität"]),
        (Field::Category, &["Queue"]),
        (
            Field::School,
            &["CustomerID", "Kundennummer", "Kunden-ID", "Kunden#"],
        ),
        (Field::SlaResponse, &["FirstResponseDiffInMin"]),
        (Field::SlaResolution, &["SolutionDiffInMin"]),
        (Field::Title, &["Subject", "Betreff", "Title", "Titel"]),
        (
            Field::Requester,
            &["CustomerName", "Kundenname", "From", "Von"],
        ),
        (Field::RequesterFirst, &["UserFirstname", "Vorname"]),
        (Field::RequesterLast, &["UserLastname", "Nachname"]),
    ],
    priority_scale: PriorityScale::Znuny,
    sla: SlaCell::DiffMinutes,
    person_headers: &[
        "Owner",
        "Besitzer",
        "Responsible",
        "Verantwortlicher",
        "CustomerName",
        "Kundenname",
        "From",
        "Von",
        "UserFirstname",
        "UserLastname",
        "Vorname",
        "Nachname",
        "CustomerUserID",
        "Kundenbenutzer",
    ],
    documented: "DOMAIN.md §4; Znuny Kernel/Modules/AgentTicketSearch.pm (CSV-Ausgabe)",
};
