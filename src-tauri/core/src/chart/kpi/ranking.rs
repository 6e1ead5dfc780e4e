//! The ranking chart: schools by one figure, with the district figure and the target line.

use super::labels::{
    def, hours_word, meta, resolution_target, response_target, school_rows, small, tr,
};
use super::RankMetric;
use crate::chart::frame::ValueFormat;
use crate::chart::kinds::{RankItem, Ranking, RefLine, Sort};
use crate::chart::{Chart, ChartKind};
use crate::kpi::dashboard::Dashboard;

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
