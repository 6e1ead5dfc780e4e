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

const SOURCE_EN: &str =
    "media development plan (own assumptions; catalogue values: planning assumptions without a single source where not replaced)";

/// German or English text.
fn tr(en: bool, de: &str, english: &str) -> String {
    if en { english } else { de }.to_string()
}

fn meta(input: &PlanInput, plan: &Plan, title: &str, school: Option<usize>, en: bool) -> ChartMeta {
    let schools_word = tr(en, "Schulen", "schools");
    let who = match school {
        Some(s) => format!(
            "{} ({})",
            input.schools[s].name, input.schools[s].schulnummer
        ),
        None => format!("{} {schools_word}", input.schools.len()),
    };
    let period = if en {
        format!(
            "{}–{}, scenario “{}”",
            plan.from_year, plan.to_year, plan.scenario
        )
    } else {
        format!(
            "{}–{}, Szenario „{}“",
            plan.from_year, plan.to_year, plan.scenario
        )
    };
    ChartMeta::new(format!("{title} – {who}"))
        .english(en)
        .period(period)
        .n(
            if school.is_some() {
                1
            } else {
                input.schools.len() as u64
            },
            schools_word,
        )
        .source(if en { SOURCE_EN } else { SOURCE })
}

fn euros(c: i64) -> f64 {
    c as f64 / 100.0
}

/// Most expensive categories shown on their own; the rest as "Übrige".
const SHOWN_CATEGORIES: usize = 6;

/// Stacked bars: cost (investment + running) per year, by category, for the district or one
/// school.
pub fn cost_by_category(input: &PlanInput, plan: &Plan, school: Option<usize>) -> Chart {
    cost_by_category_in(input, plan, school, false)
}

/// [`cost_by_category`] with English title, axis and frame words when `en` (category names stay
/// as entered).
pub fn cost_by_category_in(
    input: &PlanInput,
    plan: &Plan,
    school: Option<usize>,
    en: bool,
) -> Chart {
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
            series.push(Series::new(tr(en, "Übrige", "Other"), rest));
        }
    }
    let mut kind = StackedBars::new(
        years.iter().map(|y| y.to_string()).collect(),
        series,
        ValueFormat::Eur,
        tr(
            en,
            "Kosten je Jahr (Investitionen und laufende Kosten)",
            "Cost per year (investment and running cost)",
        ),
    );
    if school.is_none() {
        // A constant cap is drawn as a reference line.
        let caps: Vec<i64> = plan.years.iter().filter_map(|y| y.cap_cents).collect();
        if caps.len() == plan.years.len() && caps.windows(2).all(|w| w[0] == w[1]) {
            if let Some(c) = caps.first() {
                kind = kind.with_reference(RefLine::new(
                    tr(en, "Obergrenze kommunal", "municipal cap"),
                    euros(*c),
                ));
            }
        }
    }
    let title = tr(
        en,
        "Kosten je Jahr nach Kategorie",
        "Cost per year by category",
    );
    Chart::new(
        meta(input, plan, &title, school, en).definition(tr(
            en,
            "Je Schule, Kategorie und Jahr: Investition = Käufe × Stückpreis × (1 + Preissteigerung)^(Jahr − Basisjahr), \
             dazu Defektreserve und laufende Kosten der Geräte in Betrieb; je Zeile auf den Cent gerundet, dann summiert.",
            "Per school, category and year: investment = purchases × unit price × (1 + price increase)^(year − base year), \
             plus defect reserve and running cost of the devices in use; each line rounded to the cent, then summed.",
        )),
        ChartKind::Stacked(kind),
    )
}

/// Lines: total need, funding and municipal need per year, and the municipal budget entered
/// (district only) — shows the gap and the cliff when a programme ends.
pub fn funding_vs_need(input: &PlanInput, plan: &Plan, school: Option<usize>) -> Chart {
    funding_vs_need_in(input, plan, school, false)
}

/// [`funding_vs_need`] with English title, legend, notes and frame words when `en`.
pub fn funding_vs_need_in(
    input: &PlanInput,
    plan: &Plan,
    school: Option<usize>,
    en: bool,
) -> Chart {
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
        Series::new(tr(en, "Gesamtbedarf", "total need"), e(&total)),
        Series::new(tr(en, "kommunaler Bedarf", "municipal need"), e(&muni)),
        Series::new(tr(en, "Förderung", "funding"), e(&funded)),
    ];
    if school.is_none() && plan.years.iter().any(|y| y.budget_cents > 0) {
        series.push(Series::new(
            tr(en, "kommunales Budget", "municipal budget"),
            plan.years.iter().map(|y| euros(y.budget_cents)).collect(),
        ));
    }
    let title = tr(
        en,
        "Förderung und Bedarf je Jahr",
        "Funding and need per year",
    );
    let mut m = meta(input, plan, &title, school, en).definition(tr(
        en,
        "Kommunaler Bedarf = Gesamtbedarf − Förderung; Finanzierungslücke = kommunaler Bedarf − eingetragenes kommunales Budget.",
        "Municipal need = total need − funding; funding gap = municipal need − municipal budget entered.",
    ));
    for c in &plan.cliffs {
        m = m.note(if en {
            format!("Programme ends: {}", c.text_in(true))
        } else {
            format!("Förderende: {}", c.text)
        });
    }
    Chart::new(
        m,
        ChartKind::Lines(Lines::new(
            years.iter().map(|y| y.to_string()).collect(),
            series,
            ValueFormat::Eur,
            tr(en, "Euro je Jahr", "euros per year"),
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

    #[test]
    fn english_budget_charts_and_texts_have_no_german_words() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        let (input, plan) = plan_of(&store).unwrap();
        let mut all = String::new();
        for c in [
            cost_by_category_in(&input, &plan, None, true),
            funding_vs_need_in(&input, &plan, None, true),
            funding_vs_need_in(&input, &plan, Some(0), true),
        ] {
            let m = &c.meta;
            all.push_str(&format!(
                "{} | {} | {} | {} | {}\n",
                m.title,
                m.subtitle(),
                m.source_line(),
                m.definition.clone().unwrap_or_default(),
                m.notes.join(" ")
            ));
            let svg = c.svg(crate::chart::Size::SCREEN).unwrap();
            for german in ["Kosten je Jahr", "Gesamtbedarf", "Euro je Jahr", "Quelle"] {
                assert!(!svg.contains(german), "{german} in svg");
            }
        }
        assert!(all.contains("Cost per year by category – "), "{all}");
        assert!(all.contains("schools"), "{all}");
        for german in [
            "Kosten",
            "Szenario",
            "Schulen",
            "Quelle",
            "Förderung",
            "endet",
            "kommunal",
        ] {
            assert!(!all.contains(german), "{german} in {all}");
        }
        // German unchanged.
        let de = cost_by_category(&input, &plan, None);
        assert_eq!(
            de.meta.title,
            format!(
                "Kosten je Jahr nach Kategorie – {} Schulen",
                input.schools.len()
            )
        );
        assert_eq!(de, cost_by_category_in(&input, &plan, None, false));
        // The view: cliffs, deferral reasons and formulas in English, German as before.
        let v = crate::budget::view::view_in(&input, &plan, true);
        let g = crate::budget::view::view(&input, &plan);
        assert_eq!(v.cliffs.len(), g.cliffs.len());
        for (e, d) in v.cliffs.iter().zip(&g.cliffs) {
            assert!(
                e.text.contains(" ends ") && e.text.contains("municipal share"),
                "{}",
                e.text
            );
            assert!(d.text.contains(" endet "), "{}", d.text);
        }
        for (e, d) in v.deferrals.iter().zip(&g.deferrals).take(50) {
            assert!(e.reason.starts_with("Municipal need"), "{}", e.reason);
            assert!(d.reason.starts_with("Kommunaler Bedarf"), "{}", d.reason);
        }
        assert!(v.formulas.iter().all(|(k, _)| !k.contains("Bedarf")));
        assert_eq!(g.formulas[0].0, "Bedarf D");
        // Rules and funding sources in one sentence.
        for r in &input.rules {
            let e = r.describe_in(true);
            assert!(e.contains(" per ") && !e.contains(" je "), "{e}");
            assert_eq!(r.describe_in(false), r.describe());
        }
        let rows = crate::budget::assumptions::funding_rows_in(&input, &plan, true);
        assert!(!rows.is_empty());
        for (e, d) in rows
            .iter()
            .zip(crate::budget::assumptions::funding_rows(&input, &plan))
        {
            assert!(e.text.contains("investment"), "{}", e.text);
            assert!(
                !e.text.contains("Investitionen") && !e.text.contains("je Jahr"),
                "{}",
                e.text
            );
            assert_eq!(d.text, d.source.describe());
        }
    }
}
