//! The English texts of the dashboard (the screen shows them in English mode): labels, warnings
//! and the definitions for footnotes, worded as the German ones in [`super::dashboard`].

use serde::Serialize;

use super::compute::Clock;
use super::dashboard::Definition;
use super::targets::Targets;

/// English beside the German fields of [`super::Dashboard`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct DashboardEn {
    /// "Cut-off 20.11.2026".
    pub as_of_label: String,
    pub clock_label: &'static str,
    /// Service window in words.
    pub calendar_description: String,
    /// "Service hours: “Standard” (school authority default) – Mon–Fri …".
    pub window_label: String,
    pub targets_source: &'static str,
    pub school_holiday_source: &'static str,
    pub source_label: String,
    /// Label of the row of tickets without a school.
    pub unmatched_label: &'static str,
    pub warnings: Vec<String>,
    pub definitions: Vec<Definition>,
}

pub const TARGETS_SOURCE_EN: &str = "Default values of Schul-IT-Cockpit (business hours), meant \
as a starting point for your own contract – please adjust them to the agreed response and \
resolution times.";

pub const SCHOOL_HOLIDAY_SOURCE_EN: &str =
    crate::calendar::school_holidays::FERIENORDNUNG_SOURCE_EN;

pub fn clock_label_en(clock: Clock) -> &'static str {
    match clock {
        Clock::Business => "business time (service hours)",
        Clock::Calendar => "calendar time",
    }
}

/// "Ticket export Zammad, GLPI" etc.; `sources` are the German display names.
pub fn source_label_en(sources: &[String]) -> String {
    if sources.is_empty() {
        "no tickets imported".into()
    } else if sources.len() == 1 && sources[0] == "Beispieldaten" {
        "demo tickets (sample data)".into()
    } else {
        let names: Vec<&str> = sources
            .iter()
            .map(|s| {
                if s == "Beispieldaten" {
                    "sample data"
                } else {
                    s.as_str()
                }
            })
            .collect();
        format!("ticket export {}", names.join(", "))
    }
}

/// The definitions of [`super::dashboard::definitions`] in English.
pub fn definitions_en(
    clock: Clock,
    calendar_en: &str,
    targets: &Targets,
    small_n: u32,
) -> Vec<Definition> {
    let h = |m: u32| {
        let v = f64::from(m) / 60.0;
        if m.is_multiple_of(60) {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    let clock_text = match clock {
        Clock::Business => {
            format!("Business time: only minutes inside the service hours ({calendar_en}).")
        }
        Clock::Calendar => "Calendar time: every minute around the clock.".to_string(),
    };
    let fr = &targets.first_response_min;
    let res = &targets.resolution_min;
    vec![
        Definition {
            term: "First response (TTFR)",
            text: "Time from creation to the first response; only tickets with a first response count (n).".into(),
        },
        Definition {
            term: "Resolution time (TTR)",
            text: "Time from creation to resolution (without a resolution time: to closing); only solved tickets count (n).".into(),
        },
        Definition { term: "Clock", text: clock_text },
        Definition {
            term: "Median, P90",
            text: "Linear interpolation between the sorted values (as Excel PERCENTILE.INC); P25–P75 = middle half of the tickets.".into(),
        },
        Definition {
            term: "Period",
            text: "A ticket counts in the month it was created (local time Europe/Berlin). Cut-off = end of the period, at most the last instant in the data (export date).".into(),
        },
        Definition {
            term: "SLA compliance",
            text: format!(
                "met ÷ (met + breached). The ticket system's own SLA verdict applies where the export contains it; otherwise business minutes ≤ the priority's target. Targets first response P1–P4: {} / {} / {} / {} h, resolution: {} / {} / {} / {} h (business time). Without a first response the resolution counts as first response. Open tickets past their target at the cut-off count as breached; open ones within the target do not count yet.",
                h(fr[0]), h(fr[1]), h(fr[2]), h(fr[3]), h(res[0]), h(res[1]), h(res[2]), h(res[3]),
            ),
        },
        Definition {
            term: "Backlog",
            text: "Tickets created by the end of the period (or month) and neither solved nor closed by then – older ones too.".into(),
        },
        Definition {
            term: "per 100 devices / per 100 pupils",
            text: "Tickets in the period ÷ devices in use (or pupils as in the school register) × 100; only schools with a known number of devices or pupils.".into(),
        },
        Definition {
            term: "Devices in use",
            text: "Devices in use = average over the period: each inventory cohort counts with its units on the days it is in stock (from 1 January of the purchase year to 31 December of the last year of its life as in the standard catalogue), divided by the days of the period. A device count entered for the school applies unchanged to the whole period.".into(),
        },
        Definition {
            term: "Reopen rate",
            text: "Share of tickets reopened at least once, among the tickets whose export contains a reopen count.".into(),
        },
        Definition {
            term: "small n",
            text: format!("Groups with fewer than {small_n} tickets are marked; their values vary a lot."),
        },
    ]
}
