//! Support-KPI charts, built from the one `kpi::Dashboard` (computed in `kpi/`, not here):
//! ranking of schools with district median and target line, monthly trend as small multiples,
//! percentile band over time, heatmap school × month, tickets per 100 devices against device age.

use super::frame::{ChartMeta, ValueFormat};
use super::kinds::{
    Band, Heatmap, Panel, RankItem, Ranking, RefLine, Scatter, ScatterPoint, Series,
    SmallMultiples, Sort,
};
use super::registry::{ChartDef, ChartParams};
use super::{Chart, ChartKind};
use crate::kpi::compute::{Clock, KpiRow};
use crate::kpi::dashboard::{build_dashboard, Dashboard, DashboardRequest};
use crate::{CoreError, Store};

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

fn hours_word(d: &Dashboard) -> &'static str {
    match d.request.clock {
        Clock::Business => "Geschäftsstunden",
        Clock::Calendar => "Stunden (Kalenderzeit)",
    }
}

fn def(d: &Dashboard, terms: &[&str]) -> String {
    d.definitions
        .iter()
        .filter(|x| terms.iter().any(|t| x.term.starts_with(t)))
        .map(|x| format!("{}: {}", x.term, x.text))
        .collect::<Vec<_>>()
        .join(" ")
}

fn school_time_note(d: &Dashboard) -> Option<String> {
    (d.request.clock == Clock::Business && d.calendar_description.contains("Schulferien")).then(|| {
        "Schulzeit: Ferien zählen nicht; ein Ticket, das in den Ferien entsteht und gelöst wird, hat 0 h.".to_string()
    })
}

fn meta(d: &Dashboard, title: &str, n: u64) -> ChartMeta {
    let mut period = format!("{} ({})", d.period_label, d.as_of_label);
    if let Some(p) = d.request.priority {
        period.push_str(&format!(", nur {}", crate::kpi::compute::priority_label(p)));
    }
    let mut m = ChartMeta::new(title)
        .period(period)
        .n(n, "Tickets")
        .source(format!(
            "{}; Schulferien: Ferienordnung NRW (MSB); Feiertage NRW berechnet",
            d.source_label
        ));
    if let Some(i) = &d.imported {
        m = m.imported(i.clone());
    }
    if d.demo {
        m = m.note("Beispieldaten (Demo-Schulträger)");
    }
    m
}

fn school_rows<'a>(d: &'a Dashboard) -> impl Iterator<Item = (usize, &'a KpiRow, &'a str)> + 'a {
    d.result
        .by_school
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.key.is_empty())
        .map(move |(i, r)| (i, r, d.schools[i].label.as_str()))
}

fn month_short(key: &str) -> String {
    // "2026-03" → "03/26"
    match key.split_once('-') {
        Some((y, m)) => format!("{m}/{}", y.get(2..).unwrap_or(y)),
        None => key.to_string(),
    }
}

/// The target of the filtered priority, else of P3 ("normal"), in hours.
fn resolution_target(d: &Dashboard) -> RefLine {
    let p = d.request.priority.unwrap_or(3);
    let h = f64::from(d.targets.resolution_min[usize::from(p.clamp(1, 4) - 1)]) / 60.0;
    RefLine::new(format!("Ziel Lösung P{p}"), h)
}

fn response_target(d: &Dashboard) -> RefLine {
    let p = d.request.priority.unwrap_or(3);
    let h = f64::from(d.targets.first_response_min[usize::from(p.clamp(1, 4) - 1)]) / 60.0;
    RefLine::new(format!("Ziel erste Antwort P{p}"), h)
}

fn small(r: &KpiRow, label: &str) -> String {
    if r.small_n {
        format!("* {label}")
    } else {
        label.to_string()
    }
}

/// Ranking of the schools by one figure, with the district figure and the target line.
pub fn ranking(d: &Dashboard, metric: RankMetric) -> Chart {
    let hl = d.request.school.as_deref();
    let mut items = Vec::new();
    let mut any_small = false;
    for (_, r, label) in school_rows(d) {
        let (v, n) = match metric {
            RankMetric::TtrMedian => (r.ttr.median.map(|m| m / 60.0), r.ttr.n),
            RankMetric::TtfrMedian => (r.ttfr.median.map(|m| m / 60.0), r.ttfr.n),
            RankMetric::SlaResolution => (
                r.sla_resolution.pct(),
                r.sla_resolution.met + r.sla_resolution.breached,
            ),
            RankMetric::TicketsPer100Devices => (r.per_100_devices, r.tickets),
        };
        if let Some(v) = v {
            any_small |= r.small_n;
            items.push(
                RankItem::new(small(r, label), v)
                    .n(u64::from(n))
                    .highlight(hl == Some(r.key.as_str())),
            );
        }
    }
    let dist = &d.result.district;
    let hw = hours_word(d);
    let (title, fmt, label, median, target, sort, terms): (
        String,
        ValueFormat,
        String,
        Option<f64>,
        Option<RefLine>,
        Sort,
        &[&str],
    ) = match metric {
        RankMetric::TtrMedian => (
            "Lösungszeit je Schule (Median)".into(),
            ValueFormat::Hours(1),
            format!("Median der Lösungszeit in {hw}"),
            dist.ttr.median.map(|m| m / 60.0),
            Some(resolution_target(d)),
            Sort::Descending,
            &["Lösungszeit", "Uhr", "Median", "kleine"],
        ),
        RankMetric::TtfrMedian => (
            "Erste Antwort je Schule (Median)".into(),
            ValueFormat::Hours(1),
            format!("Median der Zeit bis zur ersten Antwort in {hw}"),
            dist.ttfr.median.map(|m| m / 60.0),
            Some(response_target(d)),
            Sort::Descending,
            &["Erste Antwort", "Uhr", "Median", "kleine"],
        ),
        RankMetric::SlaResolution => (
            "SLA-Erfüllung Lösung je Schule".into(),
            ValueFormat::Percent(0),
            "Anteil eingehaltener Lösungsziele".into(),
            dist.sla_resolution.pct(),
            None,
            Sort::Ascending,
            &["SLA", "kleine"],
        ),
        RankMetric::TicketsPer100Devices => (
            "Tickets je 100 Geräte".into(),
            ValueFormat::Decimal(1),
            "Tickets je 100 Geräte im Zeitraum".into(),
            dist.per_100_devices,
            None,
            Sort::Descending,
            &["je 100", "kleine"],
        ),
    };
    let mut r = Ranking::new(items, fmt, label).sorted(sort);
    r.median = median.map(|m| RefLine::new("Schulträger gesamt (alle Tickets)", m));
    r.target = target;
    let mut m = meta(d, &title, u64::from(dist.tickets)).definition(def(d, terms));
    if any_small {
        m = m.note(format!(
            "* kleine Fallzahl (unter {} Tickets)",
            d.result.small_n
        ));
    }
    Chart::new(m, ChartKind::Ranking(r))
}

/// Monthly median resolution time per school as small multiples with shared axes
/// (the schools with the most tickets, at most `MAX_PANELS`; the highlighted school always).
pub fn trend(d: &Dashboard) -> Chart {
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
        format!("Median der Lösungszeit in {}", hours_word(d)),
    );
    sm.reference = Some(resolution_target(d));
    let mut m = meta(
        d,
        "Lösungszeit je Monat und Schule",
        u64::from(d.result.district.tickets),
    )
    .definition(def(d, &["Lösungszeit", "Uhr", "Zeitraum"]));
    if let Some(note) = school_time_note(d) {
        m = m.note(note);
    }
    if rows.len() > shown {
        m = m.note(format!(
            "Gezeigt: die {shown} Schulen mit den meisten Tickets von {}.",
            rows.len()
        ));
    }
    Chart::new(m, ChartKind::SmallMultiples(sm))
}

/// District median and P25–P75 band of the resolution time per month (ticket level); the
/// highlighted school's monthly median on top.
pub fn band(d: &Dashboard) -> Chart {
    let months: Vec<String> = d.result.months.iter().map(|m| month_short(m)).collect();
    let h = |x: Option<f64>| x.map_or(f64::NAN, |m| m / 60.0);
    let by = &d.result.by_month;
    let mut b = Band {
        categories: months,
        p25: by.iter().map(|r| h(r.ttr.p25)).collect(),
        median: by.iter().map(|r| h(r.ttr.median)).collect(),
        p75: by.iter().map(|r| h(r.ttr.p75)).collect(),
        band_label: "Schulträger: mittlere 50 % der Tickets (P25–P75)".into(),
        median_label: "Schulträger: Median".into(),
        highlight: None,
        target: Some(resolution_target(d)),
        format: ValueFormat::Hours(0),
        value_label: format!("Lösungszeit in {}", hours_word(d)),
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
        "Lösungszeit je Monat: Median und mittlere 50 %",
        u64::from(d.result.district.tickets),
    )
    .definition(def(d, &["Lösungszeit", "Uhr", "Median", "Zeitraum"]));
    m = m.note(format!(
        "{} gelöste Tickets (n der Lösungszeit).",
        crate::format::format_int(i64::from(n))
    ));
    if let Some(note) = school_time_note(d) {
        m = m.note(note);
    }
    Chart::new(m, ChartKind::Band(b))
}

/// Schools × months; cells show tickets (or median resolution time in hours).
pub fn heatmap(d: &Dashboard, what: HeatValue) -> Chart {
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
    let (title, fmt, terms): (&str, ValueFormat, &[&str]) = match what {
        HeatValue::Tickets => (
            "Tickets je Schule und Monat",
            ValueFormat::Int,
            &["Zeitraum"],
        ),
        HeatValue::TtrMedian => (
            "Median der Lösungszeit je Schule und Monat",
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
        meta(d, title, u64::from(d.result.district.tickets)).definition(def(d, terms)),
        ChartKind::Heatmap(hm),
    )
}

/// Tickets per 100 devices against the average device age, one point per school.
pub fn devices_scatter(d: &Dashboard) -> Chart {
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
        "Tickets je 100 Geräte und durchschnittliches Gerätealter",
        u64::from(d.result.district.tickets),
    )
    .definition(def(d, &["je 100"]));
    m = m.note(format!(
        "{n} Schulen mit Gerätezahl und Gerätealter; Gerätedaten: {}.",
        if d.demo {
            "Demo-Werte"
        } else {
            "Gerätezahlen im Plan"
        }
    ));
    Chart::new(
        m,
        ChartKind::Scatter(Scatter {
            points,
            x_format: ValueFormat::Decimal(1),
            y_format: ValueFormat::Decimal(1),
            x_label: "durchschnittliches Gerätealter in Jahren".into(),
            y_label: "Tickets je 100 Geräte".into(),
            zero: true,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{export, ChartFormat};

    #[test]
    fn kpi_charts_of_the_demo_render() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut s).unwrap();
        let first = crate::schools::list_schools(s.conn()).unwrap()[3]
            .schulnummer
            .clone();
        let p = ChartParams {
            school: Some(first),
            year: None,
        };
        let out = std::env::var_os("SCHULIT_CHART_OUT").map(std::path::PathBuf::from);
        for def in charts() {
            let chart = (def.build)(&s, &p).unwrap();
            let png = export(&chart, ChartFormat::PngScreen).unwrap();
            assert!(png.len() > 1000, "{}", def.name);
            if let Some(dir) = &out {
                std::fs::create_dir_all(dir).unwrap();
                std::fs::write(dir.join(format!("{}.png", def.name)), png).unwrap();
            }
        }
    }
}
