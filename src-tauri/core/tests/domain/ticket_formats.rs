//! Ticket exports of every supported system, imported into a real plan file and checked field by
//! field against values written by hand here. Expected instants are computed independently with
//! chrono from the local time in the file and the German offset of that day (CET = UTC+1,
//! CEST = UTC+2; summer time 2025: 30 March – 26 October).
//!
//! Sample files: `tests/data/tickets/` (built from the formats documented in DOMAIN.md §4 and the
//! projects' own code/docs, named in each test).

use std::path::PathBuf;

use chrono::TimeZone;
use schulit_core::schools::{import_directory_bytes, DirectoryFilter};
use schulit_core::tickets::store::load_tickets;
use schulit_core::tickets::{import_file, ImportOptions, StateClass, Ticket};
use schulit_core::Store;

mod edge_cases;
mod zammad_sample;

pub(super) fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/tickets")
        .join(name)
}

/// A plan file with the 44 Leverkusen schools in the register.
pub(super) fn plan() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("plan.db")).unwrap();
    import_directory_bytes(
        &mut store,
        "demo.csv",
        schulit_core::demo::DEMO_DIRECTORY_CSV.as_bytes(),
        &DirectoryFilter {
            traeger: Some(schulit_core::demo::DEMO_TRAEGER.into()),
            ..Default::default()
        },
    )
    .unwrap();
    (dir, store)
}

pub(super) fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    chrono::Utc
        .with_ymd_and_hms(y, mo, d, h, mi, s)
        .unwrap()
        .timestamp()
}

pub(super) fn find<'a>(ts: &'a [Ticket], id: &str) -> &'a Ticket {
    ts.iter()
        .find(|t| t.source_id == id)
        .unwrap_or_else(|| panic!("ticket {id} fehlt"))
}

pub(super) fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Zammad report download: XLSX named `.xls`, title row 1, header row 3, data from row 4,
/// footer "Timezone: Europe/Berlin" (DOMAIN.md §4; Zammad `lib/excel_sheet/ticket.rb`).
#[test]
fn zammad_report_xlsx() {
    let (_d, mut store) = plan();
    let s = import_file(
        &mut store,
        &data("zammad_report.xls"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, "zammad");
    assert_eq!(s.header_row, 3);
    assert_eq!(s.time_zone, "Europe/Berlin");
    assert_eq!((s.imported, s.updated, s.skipped), (3, 0, 1)); // 31003 is merged
    assert_eq!(
        s.unmatched_schools,
        vec!["Grundschule Am Sonnenhang".to_string()]
    );
    assert!(s.privacy.dropped_columns.contains(&"Owner".to_string()));
    assert_eq!(
        s.privacy.pseudonymised_columns,
        vec!["Customer".to_string()]
    );
    assert!(s.privacy.title_dropped);
    let ts = load_tickets(store.conn(), Some("zammad")).unwrap();
    assert_eq!(ts.len(), 3);

    let t = find(&ts, "31001");
    assert_eq!(t.schulnummer.as_deref(), Some("165013")); // Lise-Meitner-Gymnasium
    assert_eq!(t.school_label, "Lise-Meitner-Gymnasium");
    assert_eq!(t.created, utc(2025, 10, 24, 6, 15, 0)); // 08:15 CEST
    assert_eq!(t.first_response, Some(utc(2025, 10, 24, 7, 0, 0))); // 09:00 CEST
    assert_eq!(t.closed, Some(utc(2025, 10, 27, 9, 0, 0))); // 10:00 CET, after the change
    assert_eq!(t.solved, None);
    assert_eq!(t.state, StateClass::Closed);
    assert_eq!(t.priority, 3); // "2 normal"
    assert_eq!(t.category, "Präsentationstechnik");
    assert_eq!(t.sla_response_met, Some(true)); // diff 45
    assert_eq!(t.sla_resolution_met, Some(false)); // diff -30
    assert_eq!(t.title, None);
    assert!(t.requester_pseudonym.as_deref().unwrap().starts_with("p-"));

    let t = find(&ts, "31002");
    assert_eq!(t.schulnummer.as_deref(), Some("103214")); // Regenbogenschule
    assert_eq!(t.created, utc(2025, 10, 26, 0, 30, 0)); // 02:30 twice: the earlier (CEST)
    assert_eq!(t.first_response, None);
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 2); // "3 high"
    assert_eq!((t.sla_response_met, t.sla_resolution_met), (None, None));

    let t = find(&ts, "31004");
    assert_eq!(t.schulnummer, None);
    assert_eq!(t.created, utc(2025, 11, 3, 12, 5, 0));
    assert_eq!(t.first_response, Some(utc(2025, 11, 4, 6, 45, 0)));
    assert_eq!(t.state, StateClass::Open); // pending reminder
    assert_eq!(t.priority, 4); // "1 low"
    assert_eq!(t.sla_response_met, Some(false));
    // The same customer gets the same pseudonym (31001 and 31004: "Erika Muster").
    assert_eq!(
        find(&ts, "31001").requester_pseudonym,
        find(&ts, "31004").requester_pseudonym
    );
}

/// GLPI list export, French UI: `;`, CRLF, UTF-8 BOM, group-prefixed translated headers,
/// `DD-MM-YYYY HH:MM`, ids with U+202F/U+00A0 thousands separators, multi-line cells, entity
/// paths (DOMAIN.md §4; GLPI `src/Search.php`).
#[test]
fn glpi_csv_french() {
    let (_d, mut store) = plan();
    let s = import_file(
        &mut store,
        &data("glpi_tickets_fr.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, "glpi");
    assert_eq!((s.imported, s.updated, s.skipped), (3, 0, 0));
    assert_eq!(
        s.unmatched_schools,
        vec!["Stadt Leverkusen > Verwaltung".to_string()]
    );
    assert!(s
        .privacy
        .dropped_columns
        .contains(&"Attribué à - Technicien".to_string()));
    assert_eq!(
        s.privacy.pseudonymised_columns,
        vec!["Demandeur - Demandeur".to_string()]
    );
    let ts = load_tickets(store.conn(), Some("glpi")).unwrap();

    let t = find(&ts, "1234");
    assert_eq!(t.schulnummer.as_deref(), Some("159037")); // Montanus-Realschule
    assert_eq!(t.created, utc(2025, 3, 14, 8, 30, 0));
    assert_eq!(t.solved, Some(utc(2025, 3, 14, 10, 10, 0)));
    assert_eq!(t.closed, Some(utc(2025, 3, 17, 7, 0, 0)));
    assert_eq!(t.state, StateClass::Closed);
    assert_eq!(t.priority, 2); // Haute
    assert_eq!(t.category, "Matériel > Imprimante");
    assert_eq!(t.sla_resolution_met, Some(true)); // exceeded: Non
    assert_eq!(t.sla_response_met, None);

    let t = find(&ts, "1235");
    assert_eq!(t.schulnummer.as_deref(), Some("166194")); // Landrat-Lucas-Gymnasium
    assert_eq!(t.created, utc(2025, 3, 30, 8, 0, 0)); // first day of summer time
    assert_eq!(t.solved, Some(utc(2025, 3, 31, 14, 45, 0)));
    assert_eq!(t.closed, None);
    assert_eq!(t.state, StateClass::Solved);
    assert_eq!(t.priority, 3);
    assert_eq!(t.sla_resolution_met, Some(false)); // exceeded: Oui

    let t = find(&ts, "1236");
    assert_eq!(t.schulnummer, None);
    assert_eq!(t.created, utc(2025, 4, 2, 5, 45, 0));
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 1); // Très haute
                               // The first requester of a multi-line cell is pseudonymised: 1234's "Erika Muster".
    assert_ne!(
        find(&ts, "1234").requester_pseudonym,
        find(&ts, "1235").requester_pseudonym
    );
}

/// Znuny/OTRS ticket search CSV, German translated headers and `;` (DOMAIN.md §4; Znuny
/// `Kernel/Modules/AgentTicketSearch.pm`).
#[test]
fn znuny_csv_german_and_reimport_updates() {
    let (_d, mut store) = plan();
    let path = data("znuny_ticket_search_de.csv");
    let s = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(s.source, "znuny");
    assert_eq!((s.imported, s.updated), (3, 0));
    assert_eq!(s.unmatched_schools, vec!["999999".to_string()]);
    assert_eq!(s.unknown_states.len(), 1);
    assert_eq!(s.unknown_states[0].label, "Quarantäne");
    let ts = load_tickets(store.conn(), Some("znuny")).unwrap();

    let t = find(&ts, "2025111310000011");
    assert_eq!(t.schulnummer.as_deref(), Some("166194")); // Schulnummer as Kundennummer
    assert_eq!(t.created, utc(2025, 11, 13, 7, 5, 12));
    assert_eq!(t.first_response, Some(utc(2025, 11, 13, 7, 35, 0)));
    assert_eq!(t.closed, Some(utc(2025, 11, 14, 9, 0, 0)));
    assert_eq!(t.state, StateClass::Closed);
    assert_eq!(t.priority, 3);
    assert_eq!(t.category, "Schul-IT::Hardware");
    assert_eq!(t.sla_response_met, Some(false)); // FirstResponseDiffInMin -5
    assert_eq!(t.sla_resolution_met, Some(true)); // SolutionDiffInMin 125

    let t = find(&ts, "2025111310000022");
    assert_eq!(t.schulnummer.as_deref(), Some("100012")); // "GGS Am Friedenspark"
    assert_eq!(t.created, utc(2025, 7, 1, 10, 0, 0));
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 1); // 5 sehr hoch

    let t = find(&ts, "2025111310000033");
    assert_eq!(t.created, utc(2025, 12, 1, 6, 59, 0));
    assert_eq!(t.state, StateClass::Open); // unknown → open until classified
    assert_eq!(t.priority, 4); // 2 niedrig

    // The user classifies "Quarantäne" as closed: remembered and applied.
    let changed = schulit_core::tickets::state::remember_state(
        store.conn(),
        "znuny",
        "Quarantäne",
        StateClass::Closed,
    )
    .unwrap();
    assert_eq!(changed, 1);
    // Re-import of the same export: updates, no duplicates, remembered state used.
    let s2 = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!((s2.imported, s2.updated), (0, 3));
    assert!(s2.unknown_states.is_empty());
    assert_eq!(
        count(&store, "SELECT count(*) FROM tickets WHERE source='znuny'"),
        3
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM tickets WHERE source='znuny' AND state='closed'"
        ),
        2
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM import_log WHERE kind='tickets:znuny'"
        ),
        2
    );
    // Manual school mapping: "999999" → Hugo-Kükelhaus-Schule, existing ticket re-assigned.
    let n = schulit_core::tickets::schools_match::remember_school(store.conn(), "999999", "185565")
        .unwrap();
    assert_eq!(n, 1);
    let s3 = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert!(s3.unmatched_schools.is_empty());
}

/// Jira Service Management CSV: repeated header names read by position, `dd/MMM/yy h:mm a`
/// with English and German month names, SLA cells negative = breached (DOMAIN.md §4;
/// Atlassian "Export issues to CSV").
#[test]
fn jira_csv_repeated_headers_and_german_months() {
    let (_d, mut store) = plan();
    let s = import_file(
        &mut store,
        &data("jira_service_desk.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, "jira");
    assert_eq!(s.imported, 3);
    assert!(s.unmatched_schools.is_empty());
    let ts = load_tickets(store.conn(), Some("jira")).unwrap();

    let t = find(&ts, "SD-101");
    assert_eq!(t.schulnummer.as_deref(), Some("166200")); // second Organizations column
    assert_eq!(t.created, utc(2025, 11, 24, 14, 5, 0));
    assert_eq!(t.solved, Some(utc(2025, 11, 25, 7, 30, 0)));
    assert_eq!(t.state, StateClass::Closed); // Done
    assert_eq!(t.priority, 2); // High
    assert_eq!(t.category, "Incident");
    assert_eq!(t.sla_response_met, Some(true)); // 1:30
    assert_eq!(t.sla_resolution_met, Some(false)); // -0:45

    let t = find(&ts, "SD-102");
    assert_eq!(t.schulnummer.as_deref(), Some("164124")); // Käthe-Kollwitz-Schule
    assert_eq!(t.created, utc(2025, 3, 3, 9, 15, 0)); // 03/Mär/25 10:15 AM CET
    assert_eq!(t.solved, Some(utc(2025, 5, 5, 14, 0, 0))); // 05/Mai/25 4:00 PM CEST
    assert_eq!(t.state, StateClass::Solved); // Erledigt
    assert_eq!(t.priority, 4); // Niedrigste
    assert_eq!(
        (t.sla_response_met, t.sla_resolution_met),
        (Some(true), None)
    );

    let t = find(&ts, "SD-103");
    assert_eq!(t.schulnummer.as_deref(), Some("103240"));
    assert_eq!(t.created, utc(2025, 10, 1, 10, 0, 0)); // 12:00 PM CEST
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 3);
    assert_eq!(t.sla_response_met, Some(false));
}

/// iTop user requests CSV: `tto`/`ttr` in seconds, `sla_tto_passed`/`sla_ttr_passed`
/// (DOMAIN.md §4; iTop data model itop-request-mgmt).
#[test]
fn itop_csv() {
    let (_d, mut store) = plan();
    let s = import_file(
        &mut store,
        &data("itop_userrequests.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, "itop");
    assert_eq!(s.imported, 3);
    assert!(s
        .privacy
        .dropped_columns
        .contains(&"agent_id_friendlyname".to_string()));
    let ts = load_tickets(store.conn(), Some("itop")).unwrap();

    let t = find(&ts, "R-000101");
    assert_eq!(t.schulnummer.as_deref(), Some("159918"));
    assert_eq!(t.created, utc(2025, 6, 2, 5, 40, 0));
    assert_eq!(t.first_response, Some(utc(2025, 6, 2, 6, 10, 0)));
    assert_eq!(t.solved, Some(utc(2025, 6, 2, 9, 40, 0)));
    assert_eq!(t.closed, Some(utc(2025, 6, 5, 7, 0, 0)));
    assert_eq!(t.state, StateClass::Closed);
    assert_eq!(t.priority, 2);
    assert_eq!(t.category, "Drucken");
    assert_eq!(
        (t.sla_response_met, t.sla_resolution_met),
        (Some(true), Some(true))
    );

    let t = find(&ts, "R-000102");
    assert_eq!(t.schulnummer.as_deref(), Some("199527"));
    assert_eq!(t.created, utc(2025, 2, 10, 7, 0, 0));
    assert_eq!(t.solved, Some(utc(2025, 2, 11, 9, 0, 0)));
    assert_eq!(t.state, StateClass::Solved);
    assert_eq!(t.priority, 1);
    assert_eq!(
        (t.sla_response_met, t.sla_resolution_met),
        (Some(false), Some(false))
    );

    let t = find(&ts, "R-000103");
    assert_eq!(t.schulnummer.as_deref(), Some("185565")); // Hugo-Kükelhaus-Schule
    assert_eq!(t.created, utc(2025, 9, 15, 11, 0, 0));
    assert_eq!(t.first_response, Some(utc(2025, 9, 15, 11, 20, 0)));
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 4);
    assert_eq!(
        (t.sla_response_met, t.sla_resolution_met),
        (Some(true), None)
    );
}
