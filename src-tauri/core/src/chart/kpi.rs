//! Support-KPI charts, built from the one `kpi::Dashboard` (computed in `kpi/`, not here):
//! ranking of schools with district median and target line, monthly trend as small multiples,
//! percentile band over time, heatmap school × month, tickets per 100 devices against device age.
//! Each chart exists in German (the registry, reports) and, through the `*_in` functions with
//! `en = true`, with English labels for the screen's English mode.

mod labels;
mod ranking;

use super::frame::ValueFormat;
use super::kinds::{Band, Heatmap, Panel, Scatter, ScatterPoint, Series, SmallMultiples};
use super::registry::{ChartDef, ChartParams};
use super::{Chart, ChartKind};
use crate::kpi::compute::KpiRow;
use crate::kpi::dashboard::{build_dashboard, Dashboard, DashboardRequest};
use crate::{CoreError, Store};
use labels::{
    def, hours_word, meta, month_short, resolution_target, school_rows, school_time_note, tr,
};
pub use ranking::{ranking, ranking_in};

pub fn charts() -> Vec<ChartDef> {
    vec![
        ChartDef {
            name: "kpi-ranking",
            title: "Lösungszeit je Schule (Rangfolge)",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(ranking(&dashboard(s, p)?, RankMetric::TtrMedian)),
        },
        ChartDef {
            name: "kpi-ranking-first-response",
            title: "Erste Antwort je Schule (Rangfolge)",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(ranking(&dashboard(s, p)?, RankMetric::TtfrMedian)),
        },
        ChartDef {
            name: "kpi-sla-ranking",
            title: "SLA-Erfüllung Lösung je Schule",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(ranking(&dashboard(s, p)?, RankMetric::SlaResolution)),
        },
        ChartDef {
            name: "kpi-trend",
            title: "Lösungszeit je Monat und Schule (kleine Vielfache)",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(trend(&dashboard(s, p)?)),
        },
        ChartDef {
            name: "kpi-band",
            title: "Lösungszeit: Median und mittlere 50 % je Monat",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(band(&dashboard(s, p)?)),
        },
        ChartDef {
            name: "kpi-heatmap",
            title: "Tickets je Schule und Monat (Heatmap)",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(heatmap(&dashboard(s, p)?, HeatValue::Tickets)),
        },
        ChartDef {
            name: "kpi-devices",
            title: "Tickets je 100 Geräte und Gerätealter",
            area: "Support",
            needs_school: false,
            build: |s, p| Ok(devices_scatter(&dashboard(s, p)?)),
        },
    ]
}

fn dashboard(store: &Store, p: &ChartParams) -> Result<Dashboard, CoreError> {
    let req = DashboardRequest {
        school: p.school.clone(),
        ..Default::default()
    };
    Ok(build_dashboard(store.conn(), &req)?)
}

/// Figure shown in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankMetric {
    TtrMedian,
    TtfrMedian,
    SlaResolution,
    TicketsPer100Devices,
}

/// Which figure the heatmap shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeatValue {
    Tickets,
    TtrMedian,
}

/// Monthly median resolution time per school as small multiples with shared axes
/// (the schools with the most tickets, at most `MAX_PANELS`; the highlighted school always).
pub fn trend(d: &Dashboard) -> Chart {
    trend_in(d, false)
}

/// [`trend`] with English labels when `en`.
pub fn trend_in(d: &Dashboard, en: bool) -> Chart {
    const MAX_PANELS: usize = 24;
    let hl = d.request.school.as_deref();
    let mut rows: Vec<(usize, &KpiRow, &str)> = school_rows(d).collect();
    rows.sort_by(|a, b| {
        (hl == Some(b.1.key.as_str()))
            .cmp(&(hl == Some(a.1.key.as_str())))
            .then(b.1.tickets.cmp(&a.1.tickets))
    });
    let shown = rows.len().min(MAX_PANELS);
    let mut panels: Vec<Panel> = rows[..shown]
        .iter()
        .map(|(i, r, label)| {
            let vals = d.result.school_month[*i]
                .iter()
                .map(|c| c.ttr_median.map_or(f64::NAN, |m| m / 60.0))
                .collect();
            let mut p = Panel::new(label.to_string(), vals);
            p.n = Some(u64::from(r.tickets));
            p.highlight = hl == Some(r.key.as_str());
            p
        })
        .collect();
    panels.sort_by_key(|p| std::cmp::Reverse(p.highlight));
    let months: Vec<String> = d.result.months.iter().map(|m| month_short(m)).collect();
    let mut sm = SmallMultiples::new(
        months,
        panels,
        ValueFormat::Hours(0),
        if en {
            format!("Median resolution time in {}", hours_word(d, en))
        } else {
            format!("Median der Lösungszeit in {}", hours_word(d, en))
        },
    );
    sm.reference = Some(resolution_target(d, en));
    let mut m = meta(
        d,
        &tr(
            en,
            "Lösungszeit je Monat und Schule",
            "Resolution time per month and school",
        ),
        u64::from(d.result.district.tickets),
        en,
    )
    .definition(def(d, &["Lösungszeit", "Uhr", "Zeitraum"], en));
    if let Some(note) = school_time_note(d, en) {
        m = m.note(note);
    }
    if rows.len() > shown {
        m = m.note(if en {
            format!(
                "Shown: the {shown} schools with the most tickets of {}.",
                rows.len()
            )
        } else {
            format!(
                "Gezeigt: die {shown} Schulen mit den meisten Tickets von {}.",
                rows.len()
            )
        });
    }
    Chart::new(m, ChartKind::SmallMultiples(sm))
}

/// District median and P25–P75 band of the resolution time per month (ticket level); the
/// highlighted school's monthly median on top.
pub fn band(d: &Dashboard) -> Chart {
    band_in(d, false)
}

/// [`band`] with English labels when `en`.
pub fn band_in(d: &Dashboard, en: bool) -> Chart {
    let months: Vec<String> = d.result.months.iter().map(|m| month_short(m)).collect();
    let h = |x: Option<f64>| x.map_or(f64::NAN, |m| m / 60.0);
    let by = &d.result.by_month;
    let mut b = Band {
        categories: months,
        p25: by.iter().map(|r| h(r.ttr.p25)).collect(),
        median: by.iter().map(|r| h(r.ttr.median)).collect(),
        p75: by.iter().map(|r| h(r.ttr.p75)).collect(),
        band_label: tr(
            en,
            "Schulträger: mittlere 50 % der Tickets (P25–P75)",
            "school authority: middle 50 % of tickets (P25–P75)",
        ),
        median_label: tr(en, "Schulträger: Median", "school authority: median"),
        highlight: None,
        target: Some(resolution_target(d, en)),
        format: ValueFormat::Hours(0),
        value_label: if en {
            format!("Resolution time in {}", hours_word(d, en))
        } else {
            format!("Lösungszeit in {}", hours_word(d, en))
        },
    };
    if let Some(nr) = d.request.school.as_deref() {
        if let Some(i) = d.result.by_school.iter().position(|r| r.key == nr) {
            b.highlight = Some(Series::new(
                d.schools[i].label.clone(),
                d.result.school_month[i]
                    .iter()
                    .map(|c| h(c.ttr_median))
                    .collect(),
            ));
        }
    }
    let n: u32 = by.iter().map(|r| r.ttr.n).sum();
    let mut m = meta(
        d,
        &tr(
            en,
            "Lösungszeit je Monat: Median und mittlere 50 %",
            "Resolution time per month: median and middle 50 %",
        ),
        u64::from(d.result.district.tickets),
        en,
    )
    .definition(def(d, &["Lösungszeit", "Uhr", "Median", "Zeitraum"], en));
    let n = crate::format::format_int(i64::from(n));
    m = m.note(if en {
        format!("{n} solved tickets (n of the resolution time).")
    } else {
        format!("{n} gelöste Tickets (n der Lösungszeit).")
    });
    if let Some(note) = school_time_note(d, en) {
        m = m.note(note);
    }
    Chart::new(m, ChartKind::Band(b))
}

/// Schools × months; cells show tickets (or median resolution time in hours).
pub fn heatmap(d: &Dashboard, what: HeatValue) -> Chart {
    heatmap_in(d, what, false)
}

/// [`heatmap`] with English labels when `en`.
pub fn heatmap_in(d: &Dashboard, what: HeatValue, en: bool) -> Chart {
    let rows: Vec<(usize, &KpiRow, &str)> = school_rows(d).collect();
    let values: Vec<Vec<Option<f64>>> = rows
        .iter()
        .map(|(i, _, _)| {
            d.result.school_month[*i]
                .iter()
                .map(|c| match what {
                    HeatValue::Tickets => Some(f64::from(c.tickets)),
                    HeatValue::TtrMedian => c.ttr_median.map(|m| m / 60.0),
                })
                .collect()
        })
        .collect();
    let (title, fmt, terms): (String, ValueFormat, &[&str]) = match what {
        HeatValue::Tickets => (
            tr(
                en,
                "Tickets je Schule und Monat",
                "Tickets per school and month",
            ),
            ValueFormat::Int,
            &["Zeitraum"],
        ),
        HeatValue::TtrMedian => (
            tr(
                en,
                "Median der Lösungszeit je Schule und Monat",
                "Median resolution time per school and month",
            ),
            ValueFormat::Hours(0),
            &["Lösungszeit", "Uhr", "Median"],
        ),
    };
    let hm = Heatmap {
        rows: rows.iter().map(|(_, _, l)| l.to_string()).collect(),
        columns: d.result.months.iter().map(|m| month_short(m)).collect(),
        values,
        format: fmt,
    };
    Chart::new(
        meta(d, &title, u64::from(d.result.district.tickets), en).definition(def(d, terms, en)),
        ChartKind::Heatmap(hm),
    )
}

/// Tickets per 100 devices against the average device age, one point per school.
pub fn devices_scatter(d: &Dashboard) -> Chart {
    devices_scatter_in(d, false)
}

/// [`devices_scatter`] with English labels when `en`.
pub fn devices_scatter_in(d: &Dashboard, en: bool) -> Chart {
    let hl = d.request.school.as_deref();
    let mut points = Vec::new();
    for (i, r, label) in school_rows(d) {
        if let (Some(y), Some(x)) = (r.per_100_devices, d.schools[i].avg_device_age_years) {
            points.push(ScatterPoint {
                x,
                y,
                label: label.to_string(),
                highlight: hl == Some(r.key.as_str()),
            });
        }
    }
    let n = points.len();
    let mut m = meta(
        d,
        &tr(
            en,
            "Tickets je 100 Geräte und durchschnittliches Gerätealter",
            "Tickets per 100 devices and average device age",
        ),
        u64::from(d.result.district.tickets),
        en,
    )
    .definition(def(d, &["je 100"], en));
    m = m.note(if en {
        format!(
            "{n} schools with device count and device age; device data: {}.",
            if d.demo {
                "demo values"
            } else {
                "device counts in the plan"
            }
        )
    } else {
        format!(
            "{n} Schulen mit Gerätezahl und Gerätealter; Gerätedaten: {}.",
            if d.demo {
                "Demo-Werte"
            } else {
                "Gerätezahlen im Plan"
            }
        )
    });
    Chart::new(
        m,
        ChartKind::Scatter(Scatter {
            points,
            x_format: ValueFormat::Decimal(1),
            y_format: ValueFormat::Decimal(1),
            x_label: tr(
                en,
                "durchschnittliches Gerätealter in Jahren",
                "average device age in years",
            ),
            y_label: tr(en, "Tickets je 100 Geräte", "tickets per 100 devices"),
            zero: true,
        }),
    )
}

#[cfg(test)]
#[path = "kpi_tests.rs"]
mod tests;
