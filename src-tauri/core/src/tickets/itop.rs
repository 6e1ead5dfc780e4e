//! iTop user requests exported as CSV (`UserRequest` list → "Export… CSV", or
//! `webservices/export-v2.php?format=csv`). Documented in DOMAIN.md §4 and iTop's data model
//! (`itop-request-mgmt`): `ref`, organisation, `start_date`, `assignment_date`,
//! `resolution_date`, `close_date`, `priority` 1 (critical) … 4 (low), `status`, `tto`/`ttr`
//! (seconds), `sla_tto_passed`/`sla_ttr_passed` ("yes" = deadline passed = breached).
//! First response = `assignment_date` (iTop's "time to own").

use super::columns::{Field, Format, SlaCell};
use super::priority::PriorityScale;

pub static FORMAT: Format = Format {
    source: "itop",
    name: "iTop",
    aliases: &[
        (Field::Id, &["ref", "Reference", "Referenz", "Référence"]),
        (
            Field::School,
            &[
                "org_id_friendlyname",
                "org_name",
                "Organization",
                "Organisation",
            ],
        ),
        (
            Field::Created,
            &["start_date", "Start date", "Startdatum", "Date de début"],
        ),
        (
            Field::FirstResponse,
            &[
                "assignment_date",
                "Assignment date",
                "Zuweisungsdatum",
                "Date d'assignation",
            ],
        ),
        (
            Field::Solved,
            &[
                "resolution_date",
                "Resolution date",
                "Lösungsdatum",
                "Date de résolution",
            ],
        ),
        (
            Field::Closed,
            &[
                "close_date",
                "Close date",
                "Abschlussdatum",
                "Date de fermeture",
            ],
        ),
        (Field::Priority, &["priority", "Priorität", "Priorité"]),
        (Field::State, &["status", "Statut"]),
        (
            Field::Category,
            &["service_name", "Service", "servicesubcategory_name"],
        ),
        (Field::SlaResponse, &["sla_tto_passed", "SLA tto passed"]),
        (Field::SlaResolution, &["sla_ttr_passed", "SLA ttr passed"]),
        (Field::Title, &["title", "Titel", "Titre"]),
        (
            Field::Requester,
            &[
                "caller_id_friendlyname",
                "caller_name",
                "Caller",
                "Anrufer",
                "Demandeur",
            ],
        ),
    ],
    priority_scale: PriorityScale::Canonical,
    sla: SlaCell::PassedFlag,
    person_headers: &[
        "caller_id_friendlyname",
        "caller_name",
        "Caller",
        "Anrufer",
        "agent_id_friendlyname",
        "agent_name",
        "Agent",
        "Bearbeiter",
    ],
    documented: "DOMAIN.md §4; iTop Datenmodell itop-request-mgmt (UserRequest), CSV-Export",
};
