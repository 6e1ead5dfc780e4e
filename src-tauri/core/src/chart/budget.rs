//! Charts of the budget plan (Medienentwicklungsplan): cost per year by category, and funding
//! vs. need per year (the funding cliff). Built from a computed plan, so the window can redraw
//! them right after an edit; the registry versions compute the default scenario.

use super::frame::{ChartMeta, ValueFormat};
use super::kinds::{Lines, PlanActual, RefLine, Series, StackedBars};
use super::registry::{ChartDef, ChartParams};
use super::{Chart, ChartKind};
use crate::budget::{Plan, PlanInput};
use crate::{CoreError, Store};

pub fn charts() -> Vec<ChartDef> {
    vec![
        ChartDef {
            name: "budget-cost-by-category",
            title: "Ausstattungskosten je Jahr nach Kategorie",
            area: "Budget",
            needs_school: false,
            build: |store, p| {
                let (input, plan) = plan_of(store)?;
                let school = school_index(&input, p);
                Ok(cost_by_category(&input, &plan, school))
            },
        },
        ChartDef {
            name: "budget-funding-vs-need",
            title: "Förderung und kommunaler Bedarf je Jahr",
            area: "Budget",
            needs_school: false,
            build: |store, p| {
                let (input, plan) = plan_of(store)?;
                let school = school_index(&input, p);
                Ok(funding_vs_need(&input, &plan, school))
            },
        },
        ChartDef {
            name: "equipment-vs-standard",
            title: "Ausstattung einer Schule: Bestand und Standard",
            area: "Budget",
            needs_school: true,
            build: |store, p| {
                let (input, plan) = plan_of(store)?;
                let nr = p.school.as_deref().unwrap_or_default();
                let year = p.year.unwrap_or_else(crate::budget::current_year);
                equipment_vs_standard(&input, &plan, nr, year)
                    .ok_or_else(|| crate::report::ReportError::NotInPlan(nr.to_string()).into())
            },
        },
    ]
}

fn plan_of(store: &Store) -> Result<(PlanInput, Plan), CoreError> {
    crate::budget::load_and_compute(store.conn(), None, None)
}

fn school_index(input: &PlanInput, p: &ChartParams) -> Option<usize> {
    let nr = p.school.as_deref()?;
    input.schools.iter().position(|s| s.schulnummer == nr)
}

const SOURCE: &str =
    "Medienentwicklungsplan (eigene Annahmen; Katalogwerte: Planungsannahmen ohne Einzelquelle, wo nicht ersetzt)";

fn meta(input: &PlanInput, plan: &Plan, title: &str, school: Option<usize>) -> ChartMeta {
    let who = match school {
        Some(s) => format!(
            "{} ({})",
            input.schools[s].name, input.schools[s].schulnummer
        ),
        None => format!("{} Schulen", input.schools.len()),
    };
    ChartMeta::new(format!("{title} – {who}"))
        .period(format!(
            "{}–{}, Szenario „{}“",
            plan.from_year, plan.to_year, plan.scenario
        ))
        .n(
            if school.is_some() {
                1
            } else {
                input.schools.len() as u64
            },
            "Schulen",
        )
        .source(SOURCE)
}

fn euros(c: i64) -> f64 {
    c as f64 / 100.0
}

/// Most expensive categories shown on their own; the rest as "Übrige".
const SHOWN_CATEGORIES: usize = 6;

/// Stacked bars: cost (investment + running) per year, by category, for the district or one
/// school.
pub fn cost_by_category(input: &PlanInput, plan: &Plan, school: Option<usize>) -> Chart {
    let years: Vec<i32> = (plan.from_year..=plan.to_year).collect();
    let nc = input.categories.len();
    let mut per: Vec<Vec<i64>> = vec![vec![0; years.len()]; nc];
    for l in &plan.lines {
        if school.is_some_and(|s| l.school as usize != s) {
            continue;
        }
        per[l.cat as usize][(l.year - plan.from_year) as usize] += l.total();
    }
    let mut order: Vec<usize> = (0..nc).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(per[c].iter().sum::<i64>()));
    let mut series: Vec<Series> = order
        .iter()
        .take(SHOWN_CATEGORIES)
        .filter(|&&c| per[c].iter().any(|v| *v != 0))
        .map(|&c| {
            Series::new(
                input.categories[c].label.clone(),
                per[c].iter().map(|v| euros(*v)).collect(),
            )
        })
        .collect();
    if nc > SHOWN_CATEGORIES {
        let rest: Vec<f64> = (0..years.len())
            .map(|y| {
                euros(
                    order
                        .iter()
                        .skip(SHOWN_CATEGORIES)
                        .map(|&c| per[c][y])
                        .sum(),
                )
            })
            .collect();
        if rest.iter().any(|v| *v != 0.0) {
            series.push(Series::new("Übrige", rest));
        }
    }
    let mut kind = StackedBars::new(
        years.iter().map(|y| y.to_string()).collect(),
        series,
        ValueFormat::Eur,
        "Kosten je Jahr (Investitionen und laufende Kosten)",
    );
    if school.is_none() {
        // A constant cap is drawn as a reference line.
        let caps: Vec<i64> = plan.years.iter().filter_map(|y| y.cap_cents).collect();
        if caps.len() == plan.years.len() && caps.windows(2).all(|w| w[0] == w[1]) {
            if let Some(c) = caps.first() {
                kind = kind.with_reference(RefLine::new("Obergrenze kommunal", euros(*c)));
            }
        }
    }
    Chart::new(
        meta(input, plan, "Kosten je Jahr nach Kategorie", school).definition(
            "Je Schule, Kategorie und Jahr: Investition = Käufe × Stückpreis × (1 + Preissteigerung)^(Jahr − Basisjahr), \
             dazu Defektreserve und laufende Kosten der Geräte in Betrieb; je Zeile auf den Cent gerundet, dann summiert.",
        ),
        ChartKind::Stacked(kind),
    )
}

/// Lines: total need, funding and municipal need per year, and the municipal budget entered
/// (district only) — shows the gap and the cliff when a programme ends.
pub fn funding_vs_need(input: &PlanInput, plan: &Plan, school: Option<usize>) -> Chart {
    let years: Vec<i32> = (plan.from_year..=plan.to_year).collect();
    let (mut total, mut funded, mut muni) = (
        vec![0i64; years.len()],
        vec![0i64; years.len()],
        vec![0i64; years.len()],
    );
    match school {
        Some(s) => {
            for r in plan.by_school.iter().filter(|r| r.school == s) {
                let i = (r.year - plan.from_year) as usize;
                total[i] = r.total_cents;
                funded[i] = r.funded_cents;
                muni[i] = r.municipal_cents;
            }
        }
        None => {
            for (i, y) in plan.years.iter().enumerate() {
                total[i] = y.total_cents;
                funded[i] = y.funded_cents;
                muni[i] = y.municipal_cents;
            }
        }
    }
    let e = |v: &[i64]| v.iter().map(|c| euros(*c)).collect::<Vec<_>>();
    let mut series = vec![
        Series::new("Gesamtbedarf", e(&total)),
        Series::new("kommunaler Bedarf", e(&muni)),
        Series::new("Förderung", e(&funded)),
    ];
    if school.is_none() && plan.years.iter().any(|y| y.budget_cents > 0) {
        series.push(Series::new(
            "kommunales Budget",
            plan.years.iter().map(|y| euros(y.budget_cents)).collect(),
        ));
    }
    let mut m = meta(input, plan, "Förderung und Bedarf je Jahr", school).definition(
        "Kommunaler Bedarf = Gesamtbedarf − Förderung; Finanzierungslücke = kommunaler Bedarf − eingetragenes kommunales Budget.",
    );
    for c in &plan.cliffs {
        m = m.note(format!("Förderende: {}", c.text));
    }
    Chart::new(
        m,
        ChartKind::Lines(Lines::new(
            years.iter().map(|y| y.to_string()).collect(),
            series,
            ValueFormat::Eur,
            "Euro je Jahr",
        )),
    )
}

/// Plan vs. actual per category for one school: units the standard asks for (outlined) against
/// units in stock within their useful life (solid), the shortfall written above. `year` is
/// clamped to the plan's years.
pub fn equipment_vs_standard(
    input: &PlanInput,
    plan: &Plan,
    schulnummer: &str,
    year: i32,
) -> Option<Chart> {
    let (y, rows) = crate::budget::equipment::school_status(input, plan, schulnummer, year)?;
    let s = input
        .schools
        .iter()
        .position(|f| f.schulnummer == schulnummer)?;
    let mut kind = PlanActual::new(
        rows.iter().map(|r| r.label.clone()).collect(),
        rows.iter().map(|r| Some(r.required as f64)).collect(),
        rows.iter().map(|r| Some(r.within_life as f64)).collect(),
        ValueFormat::Int,
        "Geräte (Stück)",
    );
    kind.plan_label = "Soll nach Ausstattungsstandard".into();
    kind.actual_label = "Bestand im Nutzungszeitraum".into();
    let who = format!(
        "{} ({})",
        input.schools[s].name, input.schools[s].schulnummer
    );
    Some(Chart::new(
        ChartMeta::new(format!("Ausstattung und Standard {y} – {who}"))
            .period(format!("Stand {y}, Szenario „{}“", plan.scenario))
            .n(rows.iter().map(|r| r.stock.max(0) as u64).sum(), "Geräte im Bestand")
            .source(
                "Bestand: Inventar des Schulträgers (Kohorten nach Kaufjahr); Soll: Ausstattungsstandards des Medienentwicklungsplans",
            )
            .definition(
                "Soll = Bedarf nach den Regeln des Ausstattungsstandards im Jahr; Bestand im Nutzungszeitraum = Geräte mit \
                 Kaufjahr ≤ Jahr < Kaufjahr + Nutzungsdauer; über den Balken: Bestand im Nutzungszeitraum und Δ = (Bestand − Soll) / Soll in %.",
            ),
        ChartKind::PlanActual(kind),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_charts_of_the_demo_render_and_add_up() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        let (input, plan) = plan_of(&store).unwrap();
        let c = cost_by_category(&input, &plan, None);
        let ChartKind::Stacked(s) = &c.kind else {
            panic!("stacked expected")
        };
        // The stacks add up to the year totals (in euros).
        for (i, y) in plan.years.iter().enumerate() {
            let sum: f64 = s.series.iter().map(|x| x.values[i]).sum();
            assert!(
                (sum - y.total_cents as f64 / 100.0).abs() < 0.01,
                "{}",
                y.year
            );
        }
        let svg = c.svg(crate::chart::Size::SCREEN).unwrap();
        assert!(svg.contains("<svg"));
        let f = funding_vs_need(&input, &plan, Some(0));
        assert!(f.svg(crate::chart::Size::SCREEN).unwrap().contains("<svg"));
        if let Ok(dir) = std::env::var("SCHULIT_CHART_OUT") {
            std::fs::create_dir_all(&dir).unwrap();
            for (name, ch) in [
                ("budget-cost", &c),
                ("budget-funding", &funding_vs_need(&input, &plan, None)),
            ] {
                let png = crate::chart::export(ch, crate::chart::ChartFormat::PngScreen).unwrap();
                std::fs::write(format!("{dir}/{name}.png"), png).unwrap();
            }
        }
    }
}
