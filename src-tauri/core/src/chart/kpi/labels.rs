//! What the KPI charts share: German/English words, the definition and school-time notes,
//! the chart frame (`ChartMeta`), the school rows, month labels and the target lines.

use crate::chart::frame::ChartMeta;
use crate::chart::kinds::RefLine;
use crate::kpi::compute::{Clock, KpiRow};
use crate::kpi::dashboard::Dashboard;

/// German or English text.
pub(super) fn tr(en: bool, de: &str, english: &str) -> String {
    if en { english } else { de }.to_string()
}

pub(super) fn hours_word(d: &Dashboard, en: bool) -> String {
    match d.request.clock {
        Clock::Business => tr(en, "Geschäftsstunden", "business hours"),
        Clock::Calendar => tr(en, "Stunden (Kalenderzeit)", "hours (calendar time)"),
    }
}

/// The definitions whose German term starts with one of `terms` (the English ones stand at the
/// same places in `d.en.definitions`).
pub(super) fn def(d: &Dashboard, terms: &[&str], en: bool) -> String {
    d.definitions
        .iter()
        .enumerate()
        .filter(|(_, x)| terms.iter().any(|t| x.term.starts_with(t)))
        .map(|(i, x)| {
            let x = if en {
                d.en.definitions.get(i).unwrap_or(x)
            } else {
                x
            };
            format!("{}: {}", x.term, x.text)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn school_time_note(d: &Dashboard, en: bool) -> Option<String> {
    (d.request.clock == Clock::Business && d.calendar_description.contains("Schulferien")).then(|| {
        tr(
            en,
            "Schulzeit: Ferien zählen nicht; ein Ticket, das in den Ferien entsteht und gelöst wird, hat 0 h.",
            "School time: holidays do not count; a ticket created and solved in the holidays has 0 h.",
        )
    })
}

pub(super) fn meta(d: &Dashboard, title: &str, n: u64, en: bool) -> ChartMeta {
    let as_of = if en {
        &d.en.as_of_label
    } else {
        &d.as_of_label
    };
    let mut period = format!("{} ({as_of})", d.period_label);
    if let Some(p) = d.request.priority {
        if en {
            period.push_str(&format!(", only P{p}"));
        } else {
            period.push_str(&format!(", nur {}", crate::kpi::compute::priority_label(p)));
        }
    }
    let mut m = ChartMeta::new(title)
        .english(en)
        .period(period)
        .n(n, tr(en, "Tickets", "tickets"));
    m = m.source(if en {
        format!(
            "{}; school holidays: Ferienordnung NRW (MSB); NRW public holidays computed",
            d.en.source_label
        )
    } else {
        format!(
            "{}; Schulferien: Ferienordnung NRW (MSB); Feiertage NRW berechnet",
            d.source_label
        )
    });
    if let Some(i) = &d.imported {
        m = m.imported(i.clone());
    }
    if d.demo {
        m = m.note(tr(
            en,
            "Beispieldaten (Demo-Schulträger)",
            "sample data (demo school authority)",
        ));
    }
    m
}

pub(super) fn school_rows<'a>(
    d: &'a Dashboard,
) -> impl Iterator<Item = (usize, &'a KpiRow, &'a str)> + 'a {
    d.result
        .by_school
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.key.is_empty())
        .map(move |(i, r)| (i, r, d.schools[i].label.as_str()))
}

pub(super) fn month_short(key: &str) -> String {
    // "2026-03" → "03/26"
    match key.split_once('-') {
        Some((y, m)) => format!("{m}/{}", y.get(2..).unwrap_or(y)),
        None => key.to_string(),
    }
}

/// The target of the filtered priority, else of P3 ("normal"), in hours.
pub(super) fn resolution_target(d: &Dashboard, en: bool) -> RefLine {
    let p = d.request.priority.unwrap_or(3);
    let h = f64::from(d.targets.resolution_min[usize::from(p.clamp(1, 4) - 1)]) / 60.0;
    RefLine::new(
        format!("{} P{p}", tr(en, "Ziel Lösung", "Target resolution")),
        h,
    )
}

pub(super) fn response_target(d: &Dashboard, en: bool) -> RefLine {
    let p = d.request.priority.unwrap_or(3);
    let h = f64::from(d.targets.first_response_min[usize::from(p.clamp(1, 4) - 1)]) / 60.0;
    RefLine::new(
        format!(
            "{} P{p}",
            tr(en, "Ziel erste Antwort", "Target first response")
        ),
        h,
    )
}

pub(super) fn small(r: &KpiRow, label: &str) -> String {
    if r.small_n {
        format!("* {label}")
    } else {
        label.to_string()
    }
}
