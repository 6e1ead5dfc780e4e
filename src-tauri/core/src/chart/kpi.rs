//! Support-KPI charts, built from the one `kpi::Dashboard` (computed in `kpi/`, not here):
//! ranking of schools with district median and target line, monthly trend as small multiples,
//! percentile band over time, heatmap school × month, tickets per 100 devices against device age.
//! Each chart exists in German (the registry, reports) and, through the `*_in` functions with
//! `en = true`, with English labels for the screen's English mode.

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

/// German or English text.
fn tr(en: bool, de: &str, english: &str) -> String {
    if en { english } else { de }.to_string()
}

fn hours_word(d: &Dashboard, en: bool) -> String {
    match d.request.clock {
        Clock::Business => tr(en, "Geschäftsstunden", "business hours"),
        Clock::Calendar => tr(en, "Stunden (Kalenderzeit)", "hours (calendar time)"),
    }
}

/// The definitions whose German term starts with one of `terms` (the English ones stand at the
/// same places in `d.en.definitions`).
fn def(d: &Dashboard, terms: &[&str], en: bool) -> String {
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

fn school_time_note(d: &Dashboard, en: bool) -> Option<String> {
    (d.request.clock == Clock::Business && d.calendar_description.contains("Schulferien")).then(|| {
        tr(
            en,
            "Schulzeit: Ferien zählen nicht; ein Ticket, das in den Ferien entsteht und gelöst wird, hat 0 h.",
            "School time: holidays do not count; a ticket created and solved in the holidays has 0 h.",
        )
    })
}

fn meta(d: &Dashboard, title: &str, n: u64, en: bool) -> ChartMeta {
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
fn resolution_target(d: &Dashboard, en: bool) -> RefLine {
    let p = d.request.priority.unwrap_or(3);
    let h = f64::from(d.targets.resolution_min[usize::from(p.clamp(1, 4) - 1)]) / 60.0;
    RefLine::new(
        format!("{} P{p}", tr(en, "Ziel Lösung", "Target resolution")),
        h,
    )
}

fn response_target(d: &Dashboard, en: bool) -> RefLine {
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

fn small(r: &KpiRow, label: &str) -> String {
    if r.small_n {
        format!("* {label}")
    } else {
        label.to_string()
    }
}

/// Ranking of the schools by one figure, with the district figure and the target line.
pub fn ranking(d: &Dashboard, metric: RankMetric) -> Chart {
    ranking_in(d, metric, false)
}

/// [`ranking`] with English labels when `en`.
pub fn ranking_in(d: &Dashboard, metric: RankMetric, en: bool) -> Chart {
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
    let hw = hours_word(d, en);
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
            tr(
                en,
                "Lösungszeit je Schule (Median)",
                "Resolution time per school (median)",
            ),
            ValueFormat::Hours(1),
            if en {
                format!("Median resolution time in {hw}")
            } else {
                format!("Median der Lösungszeit in {hw}")
            },
            dist.ttr.median.map(|m| m / 60.0),
            Some(resolution_target(d, en)),
            Sort::Descending,
            &["Lösungszeit", "Uhr", "Median", "kleine"],
        ),
        RankMetric::TtfrMedian => (
            tr(
                en,
                "Erste Antwort je Schule (Median)",
                "First response per school (median)",
            ),
            ValueFormat::Hours(1),
            if en {
                format!("Median time to first response in {hw}")
            } else {
                format!("Median der Zeit bis zur ersten Antwort in {hw}")
            },
            dist.ttfr.median.map(|m| m / 60.0),
            Some(response_target(d, en)),
            Sort::Descending,
            &["Erste Antwort", "Uhr", "Median", "kleine"],
        ),
        RankMetric::SlaResolution => (
            tr(
                en,
                "SLA-Erfüllung Lösung je Schule",
                "SLA compliance resolution per school",
            ),
            ValueFormat::Percent(0),
            tr(
                en,
                "Anteil eingehaltener Lösungsziele",
                "share of resolution targets met",
            ),
            dist.sla_resolution.pct(),
            None,
            Sort::Ascending,
            &["SLA", "kleine"],
        ),
        RankMetric::TicketsPer100Devices => (
            tr(en, "Tickets je 100 Geräte", "Tickets per 100 devices"),
            ValueFormat::Decimal(1),
            tr(
                en,
                "Tickets je 100 Geräte im Zeitraum",
                "tickets per 100 devices in the period",
            ),
            dist.per_100_devices,
            None,
            Sort::Descending,
            &["je 100", "kleine"],
        ),
    };
    let mut r = Ranking::new(items, fmt, label).sorted(sort);
    r.median = median.map(|m| {
        RefLine::new(
            tr(
                en,
                "Schulträger gesamt (alle Tickets)",
                "school authority overall (all tickets)",
            ),
            m,
        )
    });
    r.target = target;
    let mut m = meta(d, &title, u64::from(dist.tickets), en).definition(def(d, terms, en));
    if any_small {
        m = m.note(if en {
            format!("* small n (under {} tickets)", d.result.small_n)
        } else {
            format!("* kleine Fallzahl (unter {} Tickets)", d.result.small_n)
        });
    }
    Chart::new(m, ChartKind::Ranking(r))
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

    #[test]
    fn english_charts_have_no_german_words() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut s).unwrap();
        let first = crate::schools::list_schools(s.conn()).unwrap()[3]
            .schulnummer
            .clone();
        let d = build_dashboard(
            s.conn(),
            &DashboardRequest {
                school: Some(first),
                ..Default::default()
            },
        )
        .unwrap();
        let charts = [
            ranking_in(&d, RankMetric::TtrMedian, true),
            ranking_in(&d, RankMetric::SlaResolution, true),
            trend_in(&d, true),
            band_in(&d, true),
            heatmap_in(&d, HeatValue::Tickets, true),
            devices_scatter_in(&d, true),
        ];
        let mut all = String::new();
        for c in &charts {
            let m = &c.meta;
            all.push_str(&format!(
                "{} | {} | {} | {} | {}\n",
                m.title,
                m.subtitle(),
                m.source_line(),
                m.definition.clone().unwrap_or_default(),
                m.notes.join(" ")
            ));
        }
        assert!(all.contains("Resolution time per school (median)"), "{all}");
        assert!(all.contains("Source: demo tickets (sample data)"), "{all}");
        assert!(
            all.contains("Definition") || all.contains("Business time"),
            "{all}"
        );
        for german in [
            "Lösung",
            "Schulträger",
            "Quelle",
            "Stichtag",
            "Geräte",
            "Geschäfts",
            "Beispieldaten",
            "Zeitraum",
            "Schulen",
        ] {
            assert!(!all.contains(german), "{german} in {all}");
        }
        // The registry (reports) stays German.
        assert!(ranking(&d, RankMetric::TtrMedian)
            .meta
            .title
            .starts_with("Lösungszeit"));
        let svg = heatmap_in(&d, HeatValue::Tickets, true)
            .svg(crate::chart::Size::SCREEN)
            .unwrap();
        assert!(!svg.contains("keine Daten") && !svg.contains("niedrig"));
    }
}
