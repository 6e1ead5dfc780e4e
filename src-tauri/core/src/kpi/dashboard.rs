//! Everything the "Support-Kennzahlen" screen and the report show, in one struct: the request,
//! all KPI groups, labels, the calendar and targets used, warnings and the definitions text for
//! chart footnotes.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::compute::{calendar_years, compute, Clock, KpiInput, KpiParams, KpiResult};
use super::dashboard_en::{
    clock_label_en, definitions_en, source_label_en, DashboardEn, SCHOOL_HOLIDAY_SOURCE_EN,
    TARGETS_SOURCE_EN,
};
use super::data::load_input;
use super::targets::{load_targets, Targets, DEFAULT_CONTRACT, TARGETS_SOURCE};
use super::window_choice::{choose_window, WindowReason};
use super::KpiError;
use crate::calendar::{SchoolTime, FERIENORDNUNG_SOURCE};
use crate::format::format_date;

/// What the user chose on the screen (all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DashboardRequest {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub clock: Clock,
    pub priority: Option<u8>,
    /// Service window name; default: the window named after `contract` if there is one, else
    /// "Standard" (see [`super::window_choice`]).
    pub window: Option<String>,
    /// Contract whose targets apply; default "Standard".
    pub contract: Option<String>,
    /// Schulnummer to highlight.
    pub school: Option<String>,
}

/// One term and its definition, for footnotes and the definitions panel.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub term: &'static str,
    pub text: String,
}

/// A school as the screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardSchool {
    pub schulnummer: String,
    /// Short, distinguishing label for charts.
    pub label: String,
    pub pupils: Option<f64>,
    pub devices: Option<f64>,
    pub avg_device_age_years: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub request: DashboardRequest,
    pub contract: String,
    pub window: String,
    /// Why `window` was used (chosen, the contract's own, the district default).
    pub window_reason: WindowReason,
    /// "Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags „Vertrag Netz“) – Mo–Fr …".
    pub window_label: String,
    pub targets: Targets,
    pub targets_source: &'static str,
    /// "01.12.2025–30.11.2026".
    pub period_label: String,
    /// "Stand 20.11.2026".
    pub as_of_label: String,
    pub clock_label: &'static str,
    /// Service window in words.
    pub calendar_description: String,
    pub school_holiday_source: &'static str,
    pub result: KpiResult,
    /// Same order as `result.by_school` (without the unmatched row).
    pub schools: Vec<DashboardSchool>,
    pub tickets_total: usize,
    /// Ticket sources as imported ("Zammad, GLPI") and the last import date.
    pub source_label: String,
    pub imported: Option<String>,
    pub demo: bool,
    pub warnings: Vec<String>,
    pub definitions: Vec<Definition>,
    /// The texts above in English, for the screen's English mode.
    pub en: DashboardEn,
}

/// The default period: the last twelve months up to the last ticket event (whole months).
pub fn default_period(input: &KpiInput) -> Option<(NaiveDate, NaiveDate)> {
    let (_, hi) = input.instant_range()?;
    let tz: chrono_tz::Tz = chrono_tz::Europe::Berlin;
    let last = chrono::DateTime::from_timestamp(hi, 0)?
        .with_timezone(&tz)
        .date_naive();
    let first_of_month = NaiveDate::from_ymd_opt(last.year(), last.month(), 1)?;
    let from = first_of_month.checked_sub_months(Months::new(11))?;
    Some((from, last))
}

/// Definitions shown in footnotes (DOMAIN.md §4).
pub fn definitions(
    clock: Clock,
    calendar: &str,
    targets: &Targets,
    small_n: u32,
) -> Vec<Definition> {
    let h = |m: u32| {
        crate::format::format_decimal(
            f64::from(m) / 60.0,
            if m.is_multiple_of(60) { 0 } else { 1 },
        )
    };
    let clock_text = match clock {
        Clock::Business => format!("Geschäftszeit: nur Minuten in den Servicezeiten ({calendar})."),
        Clock::Calendar => "Kalenderzeit: alle Minuten rund um die Uhr.".to_string(),
    };
    vec![
        Definition {
            term: "Erste Antwort (TTFR)",
            text: "Zeit von der Erstellung bis zur ersten Antwort; nur Tickets mit erster Antwort zählen (n).".into(),
        },
        Definition {
            term: "Lösungszeit (TTR)",
            text: "Zeit von der Erstellung bis zur Lösung (ohne Lösungszeitpunkt: bis zum Schließen); nur gelöste Tickets zählen (n).".into(),
        },
        Definition { term: "Uhr", text: clock_text },
        Definition {
            term: "Median, P90",
            text: "Lineare Interpolation zwischen den sortierten Werten (wie Excel QUANTIL.INKL / PERCENTILE.INC); P25–P75 = mittlere Hälfte der Tickets.".into(),
        },
        Definition {
            term: "Zeitraum",
            text: "Ein Ticket zählt im Monat seiner Erstellung (Ortszeit Europe/Berlin). Stichtag = Ende des Zeitraums, höchstens der letzte Zeitpunkt in den Daten (Exportstand).".into(),
        },
        Definition {
            term: "SLA-Erfüllung",
            text: format!(
                "eingehalten ÷ (eingehalten + verletzt). Das SLA-Urteil des Ticketsystems gilt, wo der Export es enthält; sonst Geschäftsminuten ≤ Ziel der Priorität. Ziele erste Antwort P1–P4: {} / {} / {} / {} h, Lösung: {} / {} / {} / {} h (Geschäftszeit). Ohne erste Antwort zählt die Lösung als erste Antwort. Offene Tickets über dem Ziel am Stichtag gelten als verletzt, offene innerhalb des Ziels zählen noch nicht.",
                h(targets.first_response_min[0]), h(targets.first_response_min[1]), h(targets.first_response_min[2]), h(targets.first_response_min[3]),
                h(targets.resolution_min[0]), h(targets.resolution_min[1]), h(targets.resolution_min[2]), h(targets.resolution_min[3]),
            ),
        },
        Definition {
            term: "Rückstau (Backlog)",
            text: "Tickets, die bis zum Ende des Zeitraums (bzw. Monats) erstellt und bis dahin weder gelöst noch geschlossen wurden – auch ältere.".into(),
        },
        Definition {
            term: "je 100 Geräte / je 100 SuS",
            text: "Tickets im Zeitraum ÷ Geräte im Einsatz (bzw. Schülerinnen und Schüler laut Schulregister) × 100; nur Schulen mit bekannter Geräte- bzw. Schülerzahl.".into(),
        },
        Definition {
            term: "Geräte im Einsatz",
            text: super::devices::DEVICE_AVERAGE_DEFINITION.into(),
        },
        Definition {
            term: "Wiederöffnungsquote",
            text: "Anteil der Tickets mit mindestens einer Wiederöffnung, unter den Tickets, deren Export eine Wiederöffnungszahl enthält.".into(),
        },
        Definition {
            term: "kleine Fallzahl",
            text: format!("Gruppen mit weniger als {small_n} Tickets sind markiert; ihre Werte schwanken stark."),
        },
    ]
}

/// Loads, computes and labels the dashboard.
pub fn build_dashboard(conn: &Connection, req: &DashboardRequest) -> Result<Dashboard, KpiError> {
    let input = load_input(conn)?;
    build_dashboard_with(conn, req, &input)
}

/// As `build_dashboard`, with the inputs already loaded.
pub fn build_dashboard_with(
    conn: &Connection,
    req: &DashboardRequest,
    input: &KpiInput,
) -> Result<Dashboard, KpiError> {
    let contract = req
        .contract
        .clone()
        .unwrap_or_else(|| DEFAULT_CONTRACT.into());
    let chosen = choose_window(conn, &contract, req.window.as_deref())?;
    let window = chosen.name.clone();
    if let (Some(f), Some(t)) = (req.from, req.to) {
        if t < f {
            return Err(KpiError::Invalid {
                field: "Zeitraum".into(),
                message: format!(
                    "das Ende {} liegt vor dem Beginn {}",
                    format_date(t),
                    format_date(f)
                ),
            });
        }
    }
    if let Some(p) = req.priority {
        if !(1..=4).contains(&p) {
            return Err(KpiError::Invalid {
                field: "Priorität".into(),
                message: format!("{p}: erlaubt sind 1 bis 4"),
            });
        }
    }
    let targets = load_targets(conn, &contract)?;
    let (dfrom, dto) = default_period(input).unzip();
    let params = KpiParams {
        from: req.from.or(dfrom),
        to: req.to.or(dto),
        clock: req.clock,
        priority: req.priority,
        targets,
        ..KpiParams::default()
    };
    let (y0, y1) = calendar_years(input, &params);
    let time = SchoolTime::load(conn, &window, y0, y1)?;
    let result = compute(input, &params, &time);

    let register = crate::schools::list_schools(conn).map_err(|e| KpiError::Invalid {
        field: "Schulregister".into(),
        message: e.to_string(),
    })?;
    let schools: Vec<DashboardSchool> = input
        .schools
        .iter()
        .map(|s| DashboardSchool {
            schulnummer: s.schulnummer.clone(),
            label: register
                .iter()
                .find(|r| r.schulnummer == s.schulnummer)
                .map(crate::chart::schools::school_label)
                .unwrap_or_else(|| s.name.clone()),
            pupils: s.pupils,
            devices: s.devices_in(result.from, result.to),
            avg_device_age_years: s.device_age_in(result.from, result.to),
        })
        .collect();

    let mut sources: Vec<String> = conn
        .prepare("SELECT DISTINCT source FROM tickets ORDER BY source")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    for s in &mut sources {
        *s = match s.as_str() {
            "zammad" => "Zammad".into(),
            "glpi" => "GLPI".into(),
            "znuny" => "Znuny/OTRS".into(),
            "jira" => "Jira Service Management".into(),
            "itop" => "iTop".into(),
            "demo" => "Beispieldaten".into(),
            other => other.to_string(),
        };
    }
    let source_label = if sources.is_empty() {
        "keine Tickets importiert".to_string()
    } else if sources.len() == 1 && sources[0] == "Beispieldaten" {
        "Demo-Tickets (Beispieldaten)".to_string()
    } else {
        format!("Ticket-Export {}", sources.join(", "))
    };
    let imported: Option<String> = conn
        .query_row(
            "SELECT substr(imported_at, 1, 10) FROM import_log WHERE kind LIKE 'tickets%'
             ORDER BY imported_at DESC, id DESC LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .map(format_date);
    let demo = matches!(crate::store::get_meta(conn, "demo"), Ok(Some(v)) if v == "1");

    let mut warnings = Vec::new();
    let mut warnings_en = Vec::new();
    if input.tickets.is_empty() {
        warnings.push("Noch keine Tickets importiert.".into());
        warnings_en.push("No tickets imported yet.".into());
    }
    if let Some(u) = result.by_school.iter().find(|r| r.key.is_empty()) {
        warnings.push(format!(
            "{} Tickets ohne Zuordnung zu einer Schule im Zeitraum – bitte im Import-Dialog zuordnen.",
            u.tickets
        ));
        warnings_en.push(format!(
            "{} tickets in the period without a school – please assign them in the import dialog.",
            u.tickets
        ));
    }
    if input
        .schools
        .iter()
        .all(|s| s.devices_in(result.from, result.to).is_none())
    {
        warnings.push(
            "Keine Gerätezahlen im Zeitraum erfasst: „Tickets je 100 Geräte“ bleibt leer.".into(),
        );
        warnings_en
            .push("No device counts in the period: “tickets per 100 devices” stays empty.".into());
    }
    if time.calendar.description().contains("Schulferien") {
        let unchecked: i64 = conn.query_row(
            "SELECT count(*) FROM school_holidays WHERE note LIKE '%bitte prüfen%'
               AND end_date >= ?1 AND start_date <= ?2",
            [result.from.to_string(), result.to.to_string()],
            |r| r.get(0),
        )?;
        if unchecked > 0 {
            warnings.push(format!(
                "{unchecked} Ferienblöcke im Zeitraum sind noch nicht gegengeprüft („bitte prüfen“) – bitte in den Kalender-Einstellungen kontrollieren."
            ));
            warnings_en.push(format!(
                "{unchecked} holiday blocks in the period are not cross-checked yet (“bitte prüfen”) – please check them in the calendar settings."
            ));
        }
    }
    if result.skipped > 0 {
        warnings.push(format!(
            "{} Tickets außerhalb des Kalenders übersprungen.",
            result.skipped
        ));
        warnings_en.push(format!(
            "{} tickets outside the calendar skipped.",
            result.skipped
        ));
    }
    let definitions = definitions(
        req.clock,
        time.calendar.description(),
        &targets,
        result.small_n,
    );
    let as_of = chrono::DateTime::from_timestamp(result.as_of - 1, 0)
        .map(|d| format_date(d.with_timezone(&chrono_tz::Europe::Berlin).date_naive()));
    let en = DashboardEn {
        as_of_label: as_of
            .as_ref()
            .map(|d| format!("cut-off {d}"))
            .unwrap_or_default(),
        clock_label: clock_label_en(req.clock),
        calendar_description: time.calendar.description_en().to_string(),
        window_label: chosen.label_en(&contract, time.calendar.description_en()),
        targets_source: TARGETS_SOURCE_EN,
        school_holiday_source: SCHOOL_HOLIDAY_SOURCE_EN,
        source_label: source_label_en(&sources),
        unmatched_label: "without a school",
        warnings: warnings_en,
        definitions: definitions_en(
            req.clock,
            time.calendar.description_en(),
            &targets,
            result.small_n,
        ),
    };
    Ok(Dashboard {
        request: req.clone(),
        window_reason: chosen.reason,
        window_label: chosen.label(&contract, time.calendar.description()),
        contract,
        window,
        targets,
        targets_source: TARGETS_SOURCE,
        period_label: format!("{}–{}", format_date(result.from), format_date(result.to)),
        as_of_label: as_of.map(|d| format!("Stichtag {d}")).unwrap_or_default(),
        clock_label: req.clock.label(),
        calendar_description: time.calendar.description().to_string(),
        school_holiday_source: FERIENORDNUNG_SOURCE,
        result,
        schools,
        tickets_total: input.tickets.len(),
        source_label,
        imported,
        demo,
        warnings,
        definitions,
        en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_dashboard_has_all_groups_and_definitions() {
        let mut s = crate::Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut s).unwrap();
        let d = build_dashboard(s.conn(), &DashboardRequest::default()).unwrap();
        assert_eq!(d.result.months.len(), 12);
        assert_eq!(d.schools.len(), 44);
        assert!(d.result.district.tickets > 0);
        assert_eq!(
            d.result.district.tickets,
            d.result.by_month.iter().map(|m| m.tickets).sum::<u32>()
        );
        assert_eq!(
            d.result.district.tickets,
            d.result.by_school.iter().map(|m| m.tickets).sum::<u32>()
        );
        assert!(d.definitions.iter().any(|x| x.term.starts_with("SLA")));
        // Every German text has its English twin.
        assert_eq!(d.en.definitions.len(), d.definitions.len());
        assert_eq!(d.en.warnings.len(), d.warnings.len());
        assert!(d.en.calendar_description.starts_with("Mon–Fri 07:30–16:00"));
        assert!(d.en.window_label.starts_with("Service hours: “Standard”"));
        assert_eq!(
            d.en.as_of_label.replace("cut-off", "Stichtag"),
            d.as_of_label
        );
        for x in &d.en.definitions {
            for german in ["Zeit ", "Tickets je", "Geräte", "Schul"] {
                assert!(!x.text.contains(german), "{}: {}", x.term, x.text);
            }
        }
        assert!(d.demo);
        let bad = DashboardRequest {
            from: NaiveDate::from_ymd_opt(2026, 5, 1),
            to: NaiveDate::from_ymd_opt(2026, 4, 1),
            ..Default::default()
        };
        assert!(build_dashboard(s.conn(), &bad).is_err());
    }

    #[test]
    fn the_contracts_own_window_is_used_unless_one_is_chosen() {
        use crate::calendar::service_window::{
            parse_day_hours, save_service_window, ServiceWindow,
        };
        let s = crate::Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('100001', 'Schule A', 'Gymnasium')",
            [],
        )
        .unwrap();
        // Wed 10.06.2026 10:00 → solved 17:00 (CEST). Standard window 07:30–16:00: 360 min;
        // the contract's window 08:00–18:00: 420 min.
        c.execute(
            "INSERT INTO tickets (source, source_id, schulnummer, created, solved, state, priority)
             VALUES ('test', 'T1', '100001', ?1, ?2, 'solved', 3)",
            [
                chrono::DateTime::parse_from_rfc3339("2026-06-10T08:00:00Z")
                    .unwrap()
                    .timestamp(),
                chrono::DateTime::parse_from_rfc3339("2026-06-10T15:00:00Z")
                    .unwrap()
                    .timestamp(),
            ],
        )
        .unwrap();
        let mut t = Targets::default();
        t.resolution_min[2] = 400;
        super::super::save_targets(c, "Vertrag Netz", &t).unwrap();
        let req = |contract: Option<&str>, window: Option<&str>| DashboardRequest {
            from: NaiveDate::from_ymd_opt(2026, 6, 1),
            to: NaiveDate::from_ymd_opt(2026, 6, 30),
            contract: contract.map(Into::into),
            window: window.map(Into::into),
            ..Default::default()
        };
        let ttr = |d: &Dashboard| d.result.district.ttr.median.unwrap();
        // Without a window of its own the contract is measured on "Standard".
        let d = build_dashboard(c, &req(Some("Vertrag Netz"), None)).unwrap();
        assert_eq!(
            (d.window.as_str(), d.window_reason),
            ("Standard", WindowReason::Default)
        );
        assert_eq!(ttr(&d), 360.0);
        assert!(
            d.window_label.contains("keine eigene Servicezeit"),
            "{}",
            d.window_label
        );
        let mut w = ServiceWindow {
            name: "Vertrag Netz".into(),
            scope: "contract".into(),
            ..ServiceWindow::default()
        };
        for i in 0..5 {
            w.days[i] = parse_day_hours("Tag", "08:00-18:00").unwrap();
        }
        save_service_window(c, &w).unwrap();
        let d = build_dashboard(c, &req(Some("Vertrag Netz"), None)).unwrap();
        assert_eq!(
            (d.window.as_str(), d.window_reason),
            ("Vertrag Netz", WindowReason::Contract)
        );
        assert_eq!(ttr(&d), 420.0);
        // 420 > the contract's 400-minute target for P3: breached.
        assert_eq!(d.result.district.sla_resolution.breached, 1);
        assert!(
            d.window_label.starts_with(
                "Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags „Vertrag Netz“) – Mo–Fr 08:00–18:00"
            ),
            "{}",
            d.window_label
        );
        // An explicit window wins.
        let d = build_dashboard(c, &req(Some("Vertrag Netz"), Some("Standard"))).unwrap();
        assert_eq!(
            (d.window.as_str(), d.window_reason),
            ("Standard", WindowReason::Chosen)
        );
        assert_eq!(ttr(&d), 360.0);
        assert_eq!(d.result.district.sla_resolution.met, 1);
        // The district's targets keep the district's window.
        let d = build_dashboard(c, &req(None, None)).unwrap();
        assert_eq!(d.window, "Standard");
    }
}
