//! The real window: the Kalender-Einstellungen of the Support-Kennzahlen. On the demo district
//! the user types a German period into the KPI filter (a wrong date gets a German message),
//! opens the calendar settings, shortens the service hours of the district, adds a block of
//! school holidays and imports holidays from an ICS file (file-dialog test hook), sets
//! bewegliche Ferientage of a school (the core's German refusals for a Saturday and for one day
//! too many) and the service hours of a contract, which the KPI screen then uses with that
//! contract's targets; every change is checked in the SQLite file and recomputes the district
//! figures, on the settings page and back on the KPI screen. English mode at the end.
//! Screenshots: target/screenshots/calendar-*.png.

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;

fn one(db: &std::path::Path, sql: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Text(s) => s,
            rusqlite::types::Value::Integer(i) => i.to_string(),
            other => format!("{other:?}"),
        })
        .unwrap()
}

#[test]
fn calendar_settings_change_the_kpis() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "calendar-window.db");
    // Holidays of the school year 2027/28 as an ICS file (all-day events, DTEND exclusive).
    let ics = dir.path().join("ferien-2027-28.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\n\
BEGIN:VEVENT\r\nUID:1@test\r\nDTSTART;VALUE=DATE:20271025\r\nDTEND;VALUE=DATE:20271107\r\nSUMMARY:Herbstferien\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2@test\r\nDTSTART;VALUE=DATE:20271224\r\nDTEND;VALUE=DATE:20280109\r\nSUMMARY:Weihnachtsferien\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n",
    )
    .unwrap();
    let ics_path = ics.to_string_lossy().into_owned();
    // SLA targets of a support contract "Vertrag Netz" (as the offers area stores them).
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "INSERT INTO kpi_targets (contract, priority, first_response_min, resolution_min) VALUES
               ('Vertrag Netz', 1, 60, 240), ('Vertrag Netz', 2, 240, 480),
               ('Vertrag Netz', 3, 480, 1440), ('Vertrag Netz', 4, 960, 2400);",
        )
        .unwrap();
    let xlsx = dir.path().join("schulferien.xlsx");
    let Some(app) = WindowApp::start(
        &db,
        &[
            ("SCHULIT_TEST_OPEN_PATH", &ics_path),
            ("SCHULIT_TEST_SAVE_PATH", xlsx.to_str().unwrap()),
        ],
    ) else {
        return;
    };
    app.wait_for("#nav-kpi");
    app.click_css("#nav-kpi");
    app.wait_for("#kpi-table");

    // German date input: a day that does not exist is refused with a German message.
    assert_eq!(
        app.property(&app.find("#kpi-from"), "type").as_str(),
        Some("text")
    );
    app.set_value("#kpi-from", "31.02.2026");
    app.click_css("#kpi-apply");
    app.wait_until("Fehlermeldung am Datum", |a| {
        a.text_of("#kpi-from-error").contains("TT.MM.JJJJ")
    });
    assert!(app.text_of("#kpi-from-error").contains("z. B. 24.11.2026"));
    app.screenshot("calendar-date-error");

    // September 2026, typed the German way.
    app.set_value("#kpi-from", "01.09.2026");
    app.set_value("#kpi-to", "30.09.2026");
    app.click_css("#kpi-apply");
    app.wait_until("Zeitraum September", |a| {
        a.text_of("#kpi-period").contains("01.09.2026–30.09.2026")
    });
    let kpi_before = app.text_of("#kpi-stats");

    // Calendar settings: the district window and the effect line.
    app.click_css("#kpi-calendar-settings");
    app.wait_for("#cal-windows");
    app.wait_until("Kennzahlen berechnet", |a| {
        a.text_of("#cal-effect").contains("01.09.2026–30.09.2026")
    });
    let effect_before = app.text_of("#cal-effect");
    assert!(app.text_of("#cal-source").contains("19.05.2022"));
    assert_eq!(
        app.property(&app.find("#cal-day-0"), "value").as_str(),
        Some("07:30-16:00")
    );
    app.screenshot("calendar-settings");

    // A wrong time names the weekday, in German; nothing is stored.
    app.set_value("#cal-day-2", "8-16");
    app.click_css("#cal-window-save");
    app.wait_until("Fehler Mittwoch", |a| {
        a.text_of("#cal-window-error").contains("Mittwoch")
    });
    assert_eq!(
        one(
            &db,
            "SELECT wed FROM service_windows WHERE name = 'Standard'"
        ),
        "07:30-16:00"
    );

    // Service hours Mon–Fri 07:30–12:00.
    for i in 0..5 {
        app.set_value(&format!("#cal-day-{i}"), "07:30-12:00");
    }
    app.click_css("#cal-window-save");
    app.wait_until("Servicezeit gespeichert", |a| {
        a.text_of("#cal-window-description")
            .starts_with("Mo–Fr 07:30–12:00")
    });
    assert_eq!(
        one(
            &db,
            "SELECT mon || ' ' || fri FROM service_windows WHERE name = 'Standard'"
        ),
        "07:30-12:00 07:30-12:00"
    );
    app.wait_until("Kennzahlen neu berechnet (Servicezeit)", |a| {
        let t = a.text_of("#cal-effect");
        t.contains("01.09.2026") && t != effect_before
    });
    let effect_hours = app.text_of("#cal-effect");

    // A block of school holidays in the middle of the period.
    app.click_css("#cal-holiday-add");
    app.wait_for("#cal-holiday-dialog");
    app.set_value("#cal-h-name", "Testferien");
    app.set_value("#cal-h-start", "14.09.2026");
    app.set_value("#cal-h-end", "11.09.2026");
    app.click_css("#cal-h-save");
    app.wait_until("Ende vor Beginn", |a| {
        a.text_of("#cal-h-error").contains("vor dem ersten")
    });
    app.set_value("#cal-h-end", "25.09.2026");
    app.set_value("#cal-h-ref", "Schulamt Leverkusen");
    app.screenshot("calendar-holiday-dialog");
    app.click_css("#cal-h-save");
    app.wait_gone("#cal-holiday-dialog");
    assert_eq!(
        one(
            &db,
            "SELECT school_year || '|' || start_date || '|' || end_date || '|' || source || '|' || source_ref
             FROM school_holidays WHERE name = 'Testferien'"
        ),
        "2026/27|2026-09-14|2026-09-25|manual|Schulamt Leverkusen"
    );
    app.wait_until("Kennzahlen neu berechnet (Ferien)", |a| {
        let t = a.text_of("#cal-effect");
        t.contains("01.09.2026") && t != effect_hours
    });
    assert!(app.text_of("#cal-holiday-table").contains("Testferien"));

    // ICS import through the file-dialog hook replaces the school year 2027/28.
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM school_holidays WHERE school_year = '2027/28'"
        ),
        "5"
    );
    app.click_css("#cal-ics-import");
    app.wait_until("ICS eingelesen", |_| {
        one(
            &db,
            "SELECT count(*) FROM school_holidays WHERE school_year = '2027/28' AND source = 'ics'",
        ) == "2"
    });
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM school_holidays WHERE school_year = '2027/28'"
        ),
        "2"
    );
    assert_eq!(
        one(
            &db,
            "SELECT end_date || '|' || source_ref FROM school_holidays WHERE school_year = '2027/28' AND name = 'Herbstferien'"
        ),
        "2027-11-06|ferien-2027-28.ics"
    );
    app.execute_script(
        "const s = document.querySelector('#cal-year'); s.value = '2027/28'; s.dispatchEvent(new Event('change')); return true;",
        vec![],
    );
    app.wait_until("Schuljahr 2027/28", |a| {
        a.find_all("#cal-holiday-table tbody tr").len() == 2
    });
    assert!(app.text_of("#cal-holiday-table").contains("ICS-Import"));
    app.execute_script(
        "document.querySelector('#cal-holidays').scrollIntoView(); return true;",
        vec![],
    );
    app.screenshot("calendar-ics-imported");
    // All school years: the shipped blocks with their check.
    app.execute_script(
        "const s = document.querySelector('#cal-year'); s.value = ''; s.dispatchEvent(new Event('change'));          document.querySelector('#cal-holiday-table').scrollIntoView(); return true;",
        vec![],
    );
    let table = app.text_of("#cal-holiday-table");
    assert!(table.contains("Schulamt Leverkusen"), "{table}");
    assert!(table.contains("gegengeprüft"), "{table}");
    app.screenshot("calendar-holiday-table");
    // The blocks as XLSX: the imported Herbstferien 2027 with real date cells and their file.
    app.click_css("#cal-holidays-export");
    app.wait_until("Schulferien als XLSX", |_| {
        xlsx.exists()
            && std::fs::metadata(&xlsx)
                .map(|m| m.len() > 1000)
                .unwrap_or(false)
    });
    {
        use calamine::{Data, Reader};
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&sheet).unwrap();
        let herbst = range
            .rows()
            .find(|r| {
                r.first() == Some(&Data::String("2027/28".into()))
                    && r.get(1) == Some(&Data::String("Herbstferien".into()))
            })
            .expect("Herbstferien 2027/28 row");
        // 25.10.2027 as an Excel date (serial 46685 = days since 30.12.1899), not as text.
        let Data::DateTime(start) = &herbst[2] else {
            panic!("date cell: {:?}", herbst[2])
        };
        assert_eq!(start.as_f64(), 46685.0);
        assert!(herbst
            .iter()
            .any(|c| c.to_string().contains("ferien-2027-28.ics")));
    }

    // Bewegliche Ferientage of the first school of the list.
    app.execute_script(
        "document.querySelector('#cal-free-days').scrollIntoView(); return true;",
        vec![],
    );
    let nr = app
        .property(&app.find("#cal-fd-school"), "value")
        .as_str()
        .unwrap()
        .to_string();
    let stored = |date: &str| {
        one(
            &db,
            &format!(
                "SELECT count(*) FROM school_free_days WHERE schulnummer = '{nr}' AND date = '{date}'"
            ),
        )
    };
    // A Saturday is refused with the core's German message; nothing is stored.
    app.set_value("#cal-fd-date", "05.09.2026");
    app.set_value("#cal-fd-note", "Schulfest");
    app.click_css("#cal-fd-add");
    app.wait_until("Fehler Samstag", |a| {
        a.text_of("#cal-fd-error")
            .contains("05.09.2026 ist ein Samstag")
    });
    assert_eq!(stored("2026-09-05"), "0");
    // Fri 04.09.2026 is stored and listed with its weekday.
    app.set_value("#cal-fd-date", "04.09.2026");
    app.click_css("#cal-fd-add");
    app.wait_until("Ferientag gelistet", |a| {
        a.text_of("#cal-fd-table").contains("04.09.2026")
    });
    assert!(app.text_of("#cal-fd-table").contains("Freitag"));
    assert_eq!(
        one(
            &db,
            &format!(
                "SELECT note FROM school_free_days WHERE schulnummer = '{nr}' AND date = '2026-09-04'"
            )
        ),
        "Schulfest"
    );
    // Up to the three days the Ferienordnung allows in 2026/27; one more is refused.
    let in_2026_27 = || {
        one(
            &db,
            &format!(
                "SELECT count(*) FROM school_free_days WHERE schulnummer = '{nr}'
                   AND date BETWEEN '2026-08-01' AND '2027-07-31'"
            ),
        )
        .parse::<u32>()
        .unwrap()
    };
    let mut more = ["07.09.2026", "08.09.2026", "09.09.2026", "10.09.2026"].into_iter();
    while in_2026_27() < 3 {
        let before = in_2026_27();
        app.set_value("#cal-fd-date", more.next().unwrap());
        app.set_value("#cal-fd-note", "");
        app.click_css("#cal-fd-add");
        app.wait_until("Ferientag gespeichert", |_| in_2026_27() == before + 1);
    }
    app.wait_until("Zähler 3 von 3", |a| {
        a.text_of("#cal-fd-years").contains("2026/27: 3 von 3")
    });
    app.set_value("#cal-fd-date", more.next().unwrap());
    app.click_css("#cal-fd-add");
    app.wait_until("Fehler Anzahl", |a| {
        a.text_of("#cal-fd-error").contains("erlaubt sind 3")
    });
    assert_eq!(in_2026_27(), 3);
    app.execute_script(
        "document.querySelector('#cal-free-days').scrollIntoView(); return true;",
        vec![],
    );
    app.screenshot("calendar-free-days");
    // Deleting a day asks first.
    app.click_css("#cal-fd-del-2026-09-04");
    app.wait_for("#dlg-confirm");
    app.click_css("#dlg-confirm");
    app.wait_until("Ferientag gelöscht", |_| stored("2026-09-04") == "0");
    app.wait_until("Liste ohne 04.09.", |a| {
        !a.text_of("#cal-fd-table").contains("04.09.2026")
    });

    // Service hours of the contract "Vertrag Netz": Mon–Fri 08:00–18:00.
    app.execute_script(
        "document.querySelector('#cal-windows').scrollIntoView(); return true;",
        vec![],
    );
    app.click_css("#cal-window-new");
    // The contracts with SLA targets are offered as names.
    app.wait_until("Vertrag in der Namensliste", |a| {
        a.try_find("#cal-contract-list option[value='Vertrag Netz']")
            .is_some()
    });
    assert!(app.text_of("#cal-contract-hint").contains("automatisch"));
    app.set_value("#cal-window-name", "Vertrag Netz");
    for i in 0..5 {
        app.set_value(&format!("#cal-day-{i}"), "08:00-18:00");
    }
    app.screenshot("calendar-contract-window");
    app.click_css("#cal-window-save");
    app.wait_until("Vertragsservicezeit gespeichert", |a| {
        a.text_of("#cal-window-description")
            .starts_with("Mo–Fr 08:00–18:00")
    });
    assert_eq!(
        one(
            &db,
            "SELECT scope || ' ' || mon FROM service_windows WHERE name = 'Vertrag Netz'"
        ),
        "contract 08:00-18:00"
    );

    // Back on the KPI screen the figures are those of the new calendar.
    app.click_css("#cal-back");
    app.wait_for("#kpi-table");
    app.wait_until("KPI neu", |a| a.text_of("#kpi-stats") != kpi_before);
    assert!(app
        .text_of("#kpi-definitions")
        .contains("Mo–Fr 07:30–12:00"));
    assert!(app
        .text_of("#kpi-definitions")
        .contains("Geräte im Einsatz"));
    app.screenshot("calendar-kpi-after");

    // The contract's targets bring its own service hours (the window filter stays "passend zum
    // Vertrag"); the screen says which hours were used.
    assert!(app
        .text_of("#kpi-window-used")
        .starts_with("Servicezeiten: „Standard“ (Standard des Schulträgers)"));
    app.execute_script(
        "const s = document.querySelector('#kpi-contract'); s.value = 'Vertrag Netz'; return true;",
        vec![],
    );
    app.click_css("#kpi-apply");
    app.wait_until("Servicezeit des Vertrags", |a| {
        a.text_of("#kpi-window-used").starts_with(
            "Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags „Vertrag Netz“) – Mo–Fr 08:00–18:00",
        )
    });
    assert!(app
        .text_of("#kpi-definitions")
        .contains("Mo–Fr 08:00–18:00"));
    app.screenshot("calendar-kpi-contract-window");

    // English: the settings page and the date message follow the language.
    app.click_css("#lang-en");
    app.click_css("#kpi-calendar-settings");
    app.wait_until("English settings", |a| {
        a.text_of("#cal-windows").contains("Save service hours")
    });
    assert!(app.text_of("#cal-holidays").contains("NRW school holidays"));
    // The core's descriptions in English, too.
    app.wait_until("English description", |a| {
        a.text_of("#cal-window-description")
            .starts_with("Mon–Fri 08:00–18:00 (Europe/Berlin), without NRW public holidays")
    });
    assert!(app
        .text_of("#cal-source")
        .contains("decree of the NRW school ministry"));
    let fd = app.text_of("#cal-free-days");
    assert!(
        fd.contains("Flexible days off per school") && fd.contains("2026/27: 2 of 3"),
        "{fd}"
    );
    assert!(fd.contains("Monday"), "{fd}");
    app.screenshot("calendar-settings-en");
    app.click_css("#cal-back");
    app.wait_for("#kpi-table");
    let used = app.text_of("#kpi-window-used");
    assert!(
        used.starts_with("Service hours: “Vertrag Netz” (service hours of the contract “Vertrag Netz”) – Mon–Fri 08:00–18:00"),
        "{used}"
    );
    let defs = app.text_of("#kpi-definitions");
    for german in [
        "Geschäftszeit",
        "ohne Feiertage",
        "Lösungszeit",
        "Stichtag",
        "Tickets je",
    ] {
        assert!(!defs.contains(german), "{german} in {defs}");
    }
    assert!(
        defs.contains("Business time: only minutes inside the service hours (Mon–Fri 08:00–18:00"),
        "{defs}"
    );
    let period = app.text_of("#kpi-period");
    assert!(
        period.contains("cut-off") && period.contains("business time"),
        "{period}"
    );
    app.screenshot("calendar-kpi-en");
    app.execute_script(
        "document.querySelector('#kpi-chart-heatmap').scrollIntoView(); return true;",
        vec![],
    );
    app.screenshot("calendar-kpi-en-heatmap");
    app.execute_script(
        "document.querySelector('#kpi-definitions').scrollIntoView(); return true;",
        vec![],
    );
    app.screenshot("calendar-kpi-en-definitions");
    app.set_value("#kpi-to", "2026-09-30");
    app.click_css("#kpi-apply");
    app.wait_until("English date message", |a| {
        a.text_of("#kpi-to-error").contains("DD.MM.YYYY")
    });
    app.click_css("#lang-de");
}
