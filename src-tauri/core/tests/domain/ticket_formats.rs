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

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/tickets")
        .join(name)
}

/// A plan file with the 44 Leverkusen schools in the register.
fn plan() -> (tempfile::TempDir, Store) {
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

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
    chrono::Utc
        .with_ymd_and_hms(y, mo, d, h, mi, s)
        .unwrap()
        .timestamp()
}

fn find<'a>(ts: &'a [Ticket], id: &str) -> &'a Ticket {
    ts.iter()
        .find(|t| t.source_id == id)
        .unwrap_or_else(|| panic!("ticket {id} fehlt"))
}

fn count(store: &Store, sql: &str) -> i64 {
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

fn znuny_rows(n: usize, bad_row: Option<usize>) -> String {
    let mut s = String::from("TicketNumber;Created;Closed;State;Priority;Queue;CustomerID\n");
    for i in 0..n {
        let row = i + 2; // header is row 1
        let created = if Some(row) == bad_row {
            "2025-13-45 10:00:00".to_string()
        } else {
            format!("2025-02-{:02} 09:{:02}:00", i % 28 + 1, i % 60)
        };
        s.push_str(&format!(
            "{};{created};;open;3 normal;Schul-IT;166194\n",
            2025_0000_0000u64 + i as u64
        ));
    }
    s
}

/// A broken export fails with file, row and column, and the plan stays as it was.
#[test]
fn broken_export_names_row_812_and_changes_nothing() {
    let (d, mut store) = plan();
    // One good import first, so "unchanged" has something to compare with.
    import_file(
        &mut store,
        &data("itop_userrequests.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    let tickets_before = count(&store, "SELECT count(*) FROM tickets");
    let log_before = count(&store, "SELECT count(*) FROM import_log");
    let meta_before = count(&store, "SELECT count(*) FROM meta");

    let path = d.path().join("znuny_kaputt.csv");
    std::fs::write(&path, znuny_rows(2000, Some(812))).unwrap();
    let err = import_file(&mut store, &path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("znuny_kaputt.csv, Zeile 812, Spalte „Created“"),
        "{err}"
    );
    assert!(err.contains("2025-13-45 10:00:00"), "{err}");
    assert_eq!(
        count(&store, "SELECT count(*) FROM tickets"),
        tickets_before
    );
    assert_eq!(count(&store, "SELECT count(*) FROM import_log"), log_before);
    assert_eq!(count(&store, "SELECT count(*) FROM meta"), meta_before);
    // The bulk insert's switches are undone: CHECK constraints hold again.
    assert!(
        store
            .conn()
            .execute(
                "INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('x', '1', 0, 'open', 7)",
                [],
            )
            .is_err(),
        "CHECK (priority BETWEEN 1 AND 4) must be enforced after a failed import"
    );

    // Missing created column.
    let path = d.path().join("ohne_erstellt.csv");
    std::fs::write(
        &path,
        "TicketNumber;Closed;State;Priority;Queue;CustomerID;Owner\n1;;open;3 normal;A;166194;x\n",
    )
    .unwrap();
    let err = import_file(&mut store, &path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("ohne_erstellt.csv"), "{err}");
    assert!(err.contains("Pflichtspalte „Created"), "{err}");
    assert_eq!(
        count(&store, "SELECT count(*) FROM tickets"),
        tickets_before
    );
}

/// Any CSV through a saved column mapping (import profile).
#[test]
fn mapped_csv_through_profile() {
    use schulit_core::tickets::mapped::{load_profile, save_profile, Profile};
    let (d, mut store) = plan();
    let path = d.path().join("eigenes_system.csv");
    std::fs::write(
        &path,
        "Vorgang;Eingang;Erledigt am;Dringlichkeit;Schule;Art\n\
         A-1;14.01.2025 09:30;15.01.2025 10:00;2;Lise-Meitner-Gymnasium;Drucker\n\
         A-2;14.07.2025 09:30;;4;Rathaus;WLAN\n",
    )
    .unwrap();
    let p = Profile {
        name: "Eigenes System".into(),
        source: "eigen".into(),
        columns: [
            ("id", "Vorgang"),
            ("created", "Eingang"),
            ("solved", "Erledigt am"),
            ("priority", "Dringlichkeit"),
            ("school", "Schule"),
            ("category", "Art"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect(),
        month_first: false,
    };
    save_profile(store.conn(), &p).unwrap();
    let opts = ImportOptions {
        profile: Some(load_profile(store.conn(), "Eigenes System").unwrap()),
        ..Default::default()
    };
    let s = import_file(&mut store, &path, &opts).unwrap();
    assert_eq!(s.source, "eigen");
    assert_eq!(s.imported, 2);
    assert_eq!(s.unmatched_schools, vec!["Rathaus".to_string()]);
    let ts = load_tickets(store.conn(), Some("eigen")).unwrap();
    let t = find(&ts, "A-1");
    assert_eq!(t.created, utc(2025, 1, 14, 8, 30, 0));
    assert_eq!(t.solved, Some(utc(2025, 1, 15, 9, 0, 0)));
    assert_eq!(t.state, StateClass::Solved); // no state column: derived from the solve time
    assert_eq!(t.priority, 2);
    assert_eq!(t.schulnummer.as_deref(), Some("165013"));
    let t = find(&ts, "A-2");
    assert_eq!(t.created, utc(2025, 7, 14, 7, 30, 0));
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 4);
}

/// Writes `tests/data/tickets/zammad_report.xls` the way Zammad's report download lays it out
/// (run with `cargo test -p schulit-core --test domain ticket_formats:: -- --ignored` to regenerate).
#[test]
#[ignore]
fn regenerate_zammad_sample() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let headers = [
        "#",
        "Title",
        "State",
        "Priority",
        "Group",
        "Owner",
        "Customer",
        "Organization",
        "Create Channel",
        "Sender",
        "Tags",
        "Time Units Total",
        "Category",
        "Created At",
        "Updated At",
        "Closed At",
        "Close Escalation At",
        "Close In Min",
        "Close Diff In Min",
        "First Response At",
        "First Response Escalation At",
        "First Response In Min",
        "First Response Diff In Min",
        "Update Escalation At",
        "Update In Min",
        "Update Diff In Min",
        "Last Contact At",
        "Last Contact Agent At",
        "Last Contact Customer At",
        "Article Count",
        "Escalation At",
    ];
    // (#, title, state, priority, org, customer, category, created, closed, first response,
    //  close diff, first response diff)
    type R<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
    );
    let rows: [R; 4] = [
        (
            "31001",
            "Beamer im Raum 204 defekt",
            "closed",
            "2 normal",
            "Lise-Meitner-Gymnasium",
            "Erika Muster",
            "Präsentationstechnik",
            "2025-10-24T08:15:00",
            "2025-10-27T10:00:00",
            "2025-10-24T09:00:00",
            "-30",
            "45",
        ),
        (
            "31002",
            "WLAN im Lehrerzimmer langsam",
            "open",
            "3 high",
            "Regenbogenschule",
            "Jonas Beispiel",
            "Netzwerk",
            "2025-10-26T02:30:00",
            "",
            "",
            "",
            "",
        ),
        (
            "31003",
            "Druckerpatrone leer",
            "merged",
            "2 normal",
            "Regenbogenschule",
            "Jonas Beispiel",
            "Drucker",
            "2025-10-26T09:00:00",
            "",
            "",
            "",
            "",
        ),
        (
            "31004",
            "Tablet-Koffer lädt nicht",
            "pending reminder",
            "1 low",
            "Grundschule Am Sonnenhang",
            "Erika Muster",
            "Tablets",
            "2025-11-03T13:05:00",
            "",
            "2025-11-04T07:45:00",
            "",
            "-20",
        ),
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let dt = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    ws.write_string(0, 0, "Tickets - Report 2025-10-01 - 2025-11-30")
        .unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let col = |name: &str| headers.iter().position(|h| *h == name).unwrap() as u16;
    for (i, r) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_string(row, col("#"), r.0).unwrap();
        ws.write_string(row, col("Title"), r.1).unwrap();
        ws.write_string(row, col("State"), r.2).unwrap();
        ws.write_string(row, col("Priority"), r.3).unwrap();
        ws.write_string(row, col("Group"), "Schul-IT").unwrap();
        ws.write_string(row, col("Owner"), "Max Agent").unwrap();
        ws.write_string(row, col("Customer"), r.5).unwrap();
        ws.write_string(row, col("Organization"), r.4).unwrap();
        ws.write_string(row, col("Create Channel"), "email")
            .unwrap();
        ws.write_string(row, col("Sender"), "Customer").unwrap();
        ws.write_string(row, col("Category"), r.6).unwrap();
        ws.write_number(row, col("Time Units Total"), 0.5).unwrap();
        ws.write_number(row, col("Article Count"), 3.0).unwrap();
        for (name, v) in [
            ("Created At", r.7),
            ("Updated At", r.7),
            ("Closed At", r.8),
            ("First Response At", r.9),
        ] {
            if !v.is_empty() {
                let d = ExcelDateTime::parse_from_str(v).unwrap();
                ws.write_datetime_with_format(row, col(name), &d, &dt)
                    .unwrap();
            }
        }
        if !r.10.is_empty() {
            ws.write_number(row, col("Close Diff In Min"), r.10.parse::<f64>().unwrap())
                .unwrap();
        }
        if !r.11.is_empty() {
            ws.write_number(
                row,
                col("First Response Diff In Min"),
                r.11.parse::<f64>().unwrap(),
            )
            .unwrap();
        }
    }
    // Footer two rows after the data.
    ws.write_string(3 + rows.len() as u32 + 1, 0, "Timezone: Europe/Berlin")
        .unwrap();
    wb.save(data("zammad_report.xls")).unwrap();
}

/// A ticket listed twice in one export (e.g. two overlapping reports pasted together): one
/// ticket, the later row wins — for a new source (plain insert) and for a stored one (upsert).
#[test]
fn duplicate_ids_in_one_file_last_row_wins() {
    let (d, mut store) = plan();
    let path = d.path().join("doppelt.csv");
    std::fs::write(
        &path,
        "TicketNumber;Created;State;Priority;CustomerID\n\
         7;2025-01-02 10:00:00;open;3 normal;166194\n\
         7;2025-01-02 10:00:00;closed successful;4 high;166194\n",
    )
    .unwrap();
    for round in 0..2 {
        let s = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
        assert_eq!(s.rows, 2, "round {round}");
        let ts = load_tickets(store.conn(), Some("znuny")).unwrap();
        assert_eq!(ts.len(), 1, "round {round}");
        assert_eq!(ts[0].state, StateClass::Closed);
        assert_eq!(ts[0].priority, 2);
    }
}

/// A large export (read through a memory map, hashed by the parser thread in the writer's
/// pauses, written through the bulk path with its rollback journal): every ticket arrives, the
/// import log's SHA-256 equals the one `sha256sum` computes, and the plan is back in WAL mode
/// with its CHECK constraints on.
#[test]
fn large_export_is_complete_hashed_and_leaves_the_plan_as_configured() {
    let (d, mut store) = plan();
    let path = d.path().join("znuny_gross.csv");
    let rows = 120_000; // ~7 MB: above the bulk-path and memory-map thresholds
    std::fs::write(&path, znuny_rows(rows, None)).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 5_000_000);
    let s = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(s.imported, rows);
    assert_eq!(count(&store, "SELECT count(*) FROM tickets"), rows as i64);
    assert_eq!(
        count(&store, "SELECT count(DISTINCT source_id) FROM tickets"),
        rows as i64
    );
    let out = std::process::Command::new("sha256sum")
        .arg(&path)
        .output()
        .expect("sha256sum (coreutils)");
    let expected = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(s.sha256, expected);
    let logged: String = store
        .conn()
        .query_row(
            "SELECT sha256 FROM import_log WHERE id = ?1",
            [s.import_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, expected);
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(store
        .conn()
        .execute(
            "INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('x', '1', 0, 'shut', 2)",
            [],
        )
        .is_err());
    // A second import of the same file updates instead of duplicating.
    let again = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!((again.imported, again.updated), (0, rows));
    assert_eq!(count(&store, "SELECT count(*) FROM tickets"), rows as i64);
}
