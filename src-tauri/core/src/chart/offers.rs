//! Charts of the offers area: cumulative cost (present value) per offer over the contract years
//! and tornado charts of the sensitivity analysis. Pure builders take computed results (so the
//! window can chart unsaved offers); the registered charts read the plan's stored offers.

use super::registry::{ChartDef, ChartParams};
use super::{Chart, ChartKind, ChartMeta, Lines, Series, Tornado, TornadoRow, ValueFormat};
use crate::offers::compare::group_label;
use crate::offers::pv::YearLine;
use crate::offers::sensitivity::{PairSensitivity, SensitivitySpec, TornadoBar};
use crate::offers::{self, Comparison, Offer, OfferError, Settings};
use crate::{CoreError, Store};

const SOURCE: &str = "Angebote (eigene Eingabe), Kapitalwertmethode";

pub fn charts() -> Vec<ChartDef> {
    vec![
        ChartDef {
            name: "offers-cumulative",
            title: "Angebote: kumulierte Kosten (Barwert) – Geräte",
            area: "Angebote",
            needs_school: false,
            build: cumulative_devices,
        },
        ChartDef {
            name: "offers-cumulative-support",
            title: "Angebote: kumulierte Kosten (Barwert) – Support",
            area: "Angebote",
            needs_school: false,
            build: cumulative_support,
        },
        ChartDef {
            name: "offers-variants-cumulative",
            title: "Angebote: kumulierte Kosten (Barwert) – Varianten",
            area: "Angebote",
            needs_school: false,
            build: cumulative_variants,
        },
        ChartDef {
            name: "offers-tornado",
            title: "Angebote: Sensitivität des günstigsten Geräteangebots (Tornado)",
            area: "Angebote",
            needs_school: false,
            build: tornado_best_device,
        },
    ]
}

/// Year labels: calendar years when t0 is 1 January, else "Jahr 1" …
pub fn year_labels(settings: &Settings) -> Vec<String> {
    use chrono::Datelike;
    let s = settings.start;
    (0..settings.horizon_years)
        .map(|k| {
            if s.month() == 1 && s.day() == 1 {
                (s.year() + k as i32).to_string()
            } else {
                format!("Jahr {}", k + 1)
            }
        })
        .collect()
}

fn period(settings: &Settings) -> String {
    let l = year_labels(settings);
    match (l.first(), l.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.clone(),
        _ => String::new(),
    }
}

/// Cumulative present value per offer of `group` by contract year; the last point of each
/// line is the offer's present value.
pub fn cumulative_chart(c: &Comparison, group: &str) -> Chart {
    let members: Vec<_> = c.results.iter().filter(|r| r.group == group).collect();
    cumulative_lines(
        c,
        format!("Kumulierte Kosten (Barwert) – {}", group_label(group)),
        (members.len(), "Angebote"),
        "Barwerte der Zahlungen je Vertragsjahr, aufsummiert; der Endwert ist der Barwert des Angebots.",
        members.iter().map(|r| (r.name.as_str(), r.years.as_slice())),
    )
}

/// Cumulative present value per variant (all payments of its offers together) by contract
/// year; the last point of each line is the variant's present value. Same style, period and
/// rate line as [`cumulative_chart`].
pub fn variants_cumulative_chart(c: &Comparison) -> Chart {
    cumulative_lines(
        c,
        "Kumulierte Kosten (Barwert) – Varianten".into(),
        (c.variants.len(), "Varianten"),
        "Barwerte der Zahlungen aller Angebote einer Variante je Vertragsjahr, aufsummiert; der Endwert ist der Barwert der Variante.",
        c.variants.iter().map(|v| (v.name.as_str(), v.years.as_slice())),
    )
}

/// One cumulative line per `(name, year lines)`, with the comparison's period, source and rate.
fn cumulative_lines<'a>(
    c: &Comparison,
    title: String,
    (n, unit): (usize, &str),
    definition: &str,
    lines: impl Iterator<Item = (&'a str, &'a [YearLine])>,
) -> Chart {
    let series = lines
        .map(|(name, years)| {
            Series::new(
                name.to_string(),
                years
                    .iter()
                    .map(|y| y.present_value_cents as f64 / 100.0)
                    .collect(),
            )
        })
        .collect();
    Chart::new(
        ChartMeta::new(title)
            .period(period(&c.settings))
            .n(n as u64, unit)
            .source(SOURCE)
            .definition(format!("{definition} {}.", c.rate_line)),
        ChartKind::Lines(
            Lines::new(
                year_labels(&c.settings),
                series,
                ValueFormat::Eur,
                "Kosten kumuliert (Barwert)",
            )
            .cumulative(),
        ),
    )
}

fn rows(bars: &[TornadoBar]) -> Vec<TornadoRow> {
    bars.iter()
        .map(|b| TornadoRow {
            label: b.label.clone(),
            low_setting: b.low_setting.clone(),
            high_setting: b.high_setting.clone(),
            low: b.low_cents as f64 / 100.0,
            high: b.high_cents as f64 / 100.0,
        })
        .collect()
}

fn spec_note(spec: &SensitivitySpec) -> String {
    format!(
        "Variiert wird je ein Parameter, die anderen bleiben auf dem Basiswert: Zinssatz ± {} Prozentpunkte, Preise ± {} %, Nutzungsdauer ± {} Jahr(e) (nur Kauf), Preissteigerung ± {} Prozentpunkte.",
        crate::format::format_decimal(spec.rate_delta_pp, 1),
        crate::format::format_decimal(spec.price_delta_pct, 0),
        spec.life_delta_years,
        crate::format::format_decimal(spec.escalation_delta_pp, 1)
    )
}

/// Tornado of one offer's present value.
pub fn tornado_chart(offer: &Offer, settings: &Settings, spec: &SensitivitySpec) -> Chart {
    let bars = offers::sensitivity::tornado(offer, settings, spec);
    let base = bars.first().map(|b| b.base_cents).unwrap_or(0) as f64 / 100.0;
    let mut t = Tornado::new(rows(&bars), base, ValueFormat::Eur, "Barwert");
    t.base_label = "Barwert".into();
    Chart::new(
        ChartMeta::new(format!("Sensitivität: {}", offer.display_name()))
            .period(period(settings))
            .source(SOURCE)
            .definition(format!(
                "{} {}.",
                spec_note(spec),
                offers::explain::rate_line(settings)
            )),
        ChartKind::Tornado(t),
    )
}

/// Tornado of the difference PV(A) − PV(B) of two offers or two variants (`a`, `b`: their
/// display names, e.g. [`crate::offers::sensitivity::Side::name`]).
pub fn tornado_pair_chart(
    p: &PairSensitivity,
    a: &str,
    b: &str,
    settings: &Settings,
    spec: &SensitivitySpec,
) -> Chart {
    let mut t = Tornado::new(
        rows(&p.tornado),
        p.base_difference_cents as f64 / 100.0,
        ValueFormat::Eur,
        format!("Barwert „{a}“ − „{b}“"),
    );
    t.base_label = "Differenz".into();
    let mut meta = ChartMeta::new(format!("Sensitivität: „{a}“ gegen „{b}“"))
        .period(period(settings))
        .source(SOURCE)
        .definition(format!(
            "Unter 0 ist „{a}“ günstiger. {} {}.",
            spec_note(spec),
            offers::explain::rate_line(settings)
        ));
    for be in &p.break_even {
        meta = meta.note(be.explanation.clone());
    }
    Chart::new(meta, ChartKind::Tornado(t))
}

fn stored(store: &Store) -> Result<(offers::OfferSet, Comparison), CoreError> {
    let set = offers::repo::load_set(store.conn(), offers::next_year())?;
    if set.offers.is_empty() {
        return Err(OfferError::Settings {
            field: "offers".into(),
            message: "keine Angebote gespeichert".into(),
        }
        .into());
    }
    let c = offers::compare(&set);
    Ok((set, c))
}

fn cumulative_devices(store: &Store, _p: &ChartParams) -> Result<Chart, CoreError> {
    let (_, c) = stored(store)?;
    Ok(cumulative_chart(&c, offers::GROUP_DEVICES))
}

fn cumulative_support(store: &Store, _p: &ChartParams) -> Result<Chart, CoreError> {
    let (_, c) = stored(store)?;
    Ok(cumulative_chart(&c, offers::GROUP_SUPPORT))
}

fn cumulative_variants(store: &Store, _p: &ChartParams) -> Result<Chart, CoreError> {
    let (_, c) = stored(store)?;
    if c.variants.is_empty() {
        return Err(OfferError::Settings {
            field: "variants".into(),
            message:
                "keine Varianten gespeichert (Kombinationen von Angeboten, z. B. Kauf + Support)"
                    .into(),
        }
        .into());
    }
    Ok(variants_cumulative_chart(&c))
}

fn tornado_best_device(store: &Store, _p: &ChartParams) -> Result<Chart, CoreError> {
    let (set, c) = stored(store)?;
    let best = c
        .ranking
        .iter()
        .find(|r| r.group == offers::GROUP_DEVICES)
        .or_else(|| c.ranking.first())
        .and_then(|r| set.offer(&r.id))
        .ok_or_else(|| OfferError::NotFound("(günstigstes Angebot)".into()))?;
    Ok(tornado_chart(
        best,
        &set.settings,
        &SensitivitySpec::default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cumulative_ends_at_present_value_and_renders() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        let (set, c) = stored(&store).unwrap();
        let chart = cumulative_chart(&c, offers::GROUP_DEVICES);
        let ChartKind::Lines(l) = &chart.kind else {
            panic!("lines expected")
        };
        assert_eq!(l.categories, ["2027", "2028", "2029", "2030", "2031"]);
        for (s, r) in l
            .plotted()
            .iter()
            .zip(c.results.iter().filter(|r| r.group == "geraete"))
        {
            let last = s.last().unwrap();
            assert!(
                (last - r.present_value_cents as f64 / 100.0).abs() < 0.05,
                "{last} vs {}",
                r.present_value_cents
            );
        }
        let dir = std::env::var("SCHULIT_CHART_OUT").ok();
        let best = set.offer("leasing-tablets").unwrap();
        let other = set.offer("kauf-tablets").unwrap();
        let spec = SensitivitySpec::default();
        let p = offers::sensitivity::pair(other, best, &set.settings, &spec);
        for (name, ch) in [
            ("offers-cumulative", chart),
            ("offers-tornado", tornado_chart(other, &set.settings, &spec)),
            (
                "offers-tornado-pair",
                tornado_pair_chart(
                    &p,
                    other.display_name(),
                    best.display_name(),
                    &set.settings,
                    &spec,
                ),
            ),
        ] {
            let svg = ch.svg(crate::chart::Size::SCREEN).unwrap();
            assert!(svg.contains("<svg"));
            if let Some(d) = &dir {
                std::fs::create_dir_all(d).unwrap();
                let png = crate::chart::export(&ch, crate::chart::ChartFormat::PngScreen).unwrap();
                std::fs::write(format!("{d}/{name}.png"), png).unwrap();
            }
        }
    }

    #[test]
    fn variants_cumulative_ends_at_each_variants_present_value() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        let chart = crate::chart::registry::build(
            &store,
            "offers-variants-cumulative",
            &ChartParams::default(),
        )
        .unwrap();
        let (_, c) = stored(&store).unwrap();
        assert_eq!(c.variants.len(), 3);
        let ChartKind::Lines(l) = &chart.kind else {
            panic!("lines expected")
        };
        assert_eq!(l.series.len(), c.variants.len());
        for ((s, line), v) in l.plotted().iter().zip(&l.series).zip(&c.variants) {
            assert_eq!(line.name, v.name);
            // The end point is the variant's PV, which is the sum of its offers' PVs.
            let offers_pv: i64 = v
                .offers
                .iter()
                .map(|id| {
                    c.results
                        .iter()
                        .find(|r| &r.id == id)
                        .unwrap()
                        .present_value_cents
                })
                .sum();
            let last = s.last().unwrap();
            assert!((last - v.present_value_cents as f64 / 100.0).abs() < 0.05);
            assert!(
                (last - offers_pv as f64 / 100.0).abs() < 0.05,
                "{last} vs {offers_pv}"
            );
        }
        assert!(chart
            .meta
            .definition
            .as_deref()
            .unwrap_or_default()
            .contains("Barwert der Variante"));
        if let Ok(d) = std::env::var("SCHULIT_CHART_OUT") {
            std::fs::create_dir_all(&d).unwrap();
            let png = crate::chart::export(&chart, crate::chart::ChartFormat::PngScreen).unwrap();
            std::fs::write(format!("{d}/offers-variants-cumulative.png"), png).unwrap();
        }
        // Without variants the chart says so in German.
        for v in &c.variants {
            offers::repo::delete_variant(store.conn(), &v.id).unwrap();
        }
        let e = crate::chart::registry::build(
            &store,
            "offers-variants-cumulative",
            &ChartParams::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("keine Varianten"), "{e}");
    }
}
