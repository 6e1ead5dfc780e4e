//! How a figure of the plan was computed: inputs, formula, result and the source of every
//! default. Built on demand from the plan's input and result (the plan itself stays compact),
//! for the UI, the PDF report and the XLSX export.

use serde::Serialize;

use super::funding::{AmountMode, FundingSource};
use super::plan::{Plan, PlanInput, SourceYear, FORMULAS};
use super::standards::{basis_value, rule_units};
use crate::format::{format_decimal, format_int};
use crate::money::format_eur;

/// One explained figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    /// What the figure is ("Investition 2028").
    pub figure: String,
    /// The formula in words.
    pub formula: String,
    /// (name, value) pairs that went in.
    pub inputs: Vec<(String, String)>,
    /// The figure, formatted.
    pub result: String,
    /// Where the assumptions come from.
    pub sources: Vec<String>,
}

fn formula(name: &str) -> String {
    FORMULAS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| f.to_string())
        .unwrap_or_default()
}

fn kv(k: &str, v: impl Into<String>) -> (String, String) {
    (k.to_string(), v.into())
}

/// Explains every figure of the line (school, category, year).
pub fn explain_line(
    input: &PlanInput,
    plan: &Plan,
    school: usize,
    cat: usize,
    year: i32,
) -> Option<Vec<Explain>> {
    let l = plan.line(school, cat, year)?;
    let s = input.schools.get(school)?;
    let c = input.categories.get(cat)?;
    let mut out = vec![];
    let (pf, basis) = s.pupil_factor(input.base_year, year);
    let grades = s.grades_in(input.base_year, year);
    // Demand: each rule of the category.
    let mut inputs = vec![
        kv("Schule", format!("{} ({})", s.name, s.schulnummer)),
        kv("Schulform", s.schulform.clone()),
        kv(
            &format!("Schülerzahl {year}"),
            format!(
                "{} ({})",
                format_decimal(grades.iter().sum(), 1),
                basis.describe()
            ),
        ),
        kv("Faktor Schülerzahl", format_decimal(pf, 4)),
        kv("Lehrkräfte", format_decimal(s.teachers, 0)),
        kv("Unterrichtsräume", format_decimal(s.rooms, 0)),
        kv("Klassen", format_decimal(s.classes, 0)),
    ];
    let mut sources = vec![];
    let devices: i64 = input
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_device)
        .filter_map(|(ci, _)| plan.line(school, ci, year).map(|l| l.demand))
        .sum();
    for r in input
        .rules
        .iter()
        .filter(|r| r.category == c.key && r.applies_to(s.form))
    {
        let b = basis_value(r, s, &grades, devices as f64);
        inputs.push(kv(
            &format!("Regel: {}", r.describe()),
            format!(
                "aufrunden({} × {} ÷ {}) = {}",
                format_decimal(b, 1),
                format_decimal(r.units_per, 2),
                format_decimal(r.per, 2),
                rule_units(r, b)
            ),
        ));
        if !r.note.is_empty() {
            sources.push(format!("Regel {}: {}", r.describe(), r.note));
        }
    }
    out.push(Explain {
        figure: format!("Bedarf {} {year}", c.label),
        formula: formula("Bedarf D"),
        inputs,
        result: format_int(l.demand),
        sources,
    });
    let cat_source = format!(
        "Katalog „{}“: {} (Stand {})",
        c.label, c.source, c.source_date
    );
    out.push(Explain {
        figure: format!("Bestand und Kauf {} {year}", c.label),
        formula: format!("{}; {}", formula("Bestand S"), formula("Kauf P")),
        inputs: vec![
            kv("Nutzungsdauer", format!("{} Jahre", c.life_years)),
            kv("Bestand S (noch in Nutzung)", format_int(l.surviving)),
            kv("Nutzungsdauer endet in diesem Jahr", format_int(l.due)),
            kv("überfällig, noch in Betrieb", format_int(l.overdue)),
            kv("Bedarf D", format_int(l.demand)),
            kv("Ersatzbeschaffung", format_int(l.replace_units)),
            kv("Neubedarf", format_int(l.new_units)),
            kv("Defektreserve (Stück)", format_int(l.spare_units)),
            kv("verschoben (Obergrenze)", format_int(l.deferred_units)),
        ],
        result: format!("{} Stück", format_int(l.purchased())),
        sources: vec![cat_source.clone()],
    });
    let f = format_decimal(l.factor, 6);
    let esc = format!(
        "(1 + {} %)^({year} − {}) = {f}",
        format_decimal(input.escalation_pct, 1),
        input.base_year
    );
    out.push(Explain {
        figure: format!("Investition {} {year}", c.label),
        formula: formula("Investition"),
        inputs: vec![
            kv("Kauf P", format_int(l.purchased())),
            kv("Ersatzgeräte Defektreserve", format_int(l.spare_units)),
            kv("Stückpreis", format_eur(c.unit_price_cents)),
            kv("Preissteigerung", esc.clone()),
            kv("Investition Käufe", format_eur(l.invest_cents)),
            kv("Investition Defektreserve", format_eur(l.reserve_cents)),
        ],
        result: format_eur(l.investment()),
        sources: vec![cat_source.clone()],
    });
    out.push(Explain {
        figure: format!("Laufende Kosten {} {year}", c.label),
        formula: formula("Laufende Kosten"),
        inputs: vec![
            kv("Geräte in Betrieb", format_int(l.in_use)),
            kv(
                "laufende Kosten je Stück und Jahr",
                format_eur(c.running_cents_per_year),
            ),
            kv("Preissteigerung", esc),
        ],
        result: format_eur(l.running_cents),
        sources: vec![cat_source],
    });
    let li = plan.line_index(school, cat, year)?;
    let mut sources_sorted = input.funding.clone();
    sources_sorted.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
    let mut finputs = vec![kv("Gesamtkosten der Zeile", format_eur(l.total()))];
    let mut fsources = vec![];
    for a in plan.allocations.iter().filter(|a| a.line == li) {
        if let Some(src) = sources_sorted.get(a.source) {
            finputs.push(kv(
                &format!("{}. {}", a.source + 1, src.name),
                format!(
                    "übernommen {}, gezahlt {}, Eigenanteil {}",
                    format_eur(a.taken_cents),
                    format_eur(a.funded_cents),
                    format_eur(a.cofunding_cents)
                ),
            ));
            if let Some(m) = plan
                .by_source
                .iter()
                .find(|r| r.source_id == src.id && r.year == year)
            {
                finputs.push(kv(
                    &format!("Mittel {} {year}", src.name),
                    source_money(src, m),
                ));
            }
            fsources.push(format!("{}: {}", src.name, src.describe()));
        }
    }
    finputs.push(kv("Förderung gesamt", format_eur(l.funded_cents)));
    out.push(Explain {
        figure: format!("Kommunaler Anteil {} {year}", c.label),
        formula: format!(
            "{}; {}; {}",
            formula("Förderung"),
            formula("Mittel einer Quelle"),
            formula("Kommunaler Anteil")
        ),
        inputs: finputs,
        result: format_eur(l.municipal_cents),
        sources: fsources,
    });
    Some(out)
}

/// A source's money in a year: what it had (and from where) and what was left.
fn source_money(src: &FundingSource, m: &SourceYear) -> String {
    let had = match src.mode {
        AmountMode::PerYear if m.carried_in_cents != 0 => format!(
            "verfügbar {} (Jahresbetrag {} + übertragene Restmittel {})",
            format_eur(m.available_cents),
            format_eur(src.amount_cents),
            format_eur(m.carried_in_cents)
        ),
        AmountMode::PerYear => {
            format!("verfügbar {} (Jahresbetrag)", format_eur(m.available_cents))
        }
        AmountMode::Total => format!(
            "verfügbar {} (Rest des Gesamtbetrags {})",
            format_eur(m.available_cents),
            format_eur(src.amount_cents)
        ),
    };
    let rest = if m.left_cents == 0 {
        "ausgeschöpft".to_string()
    } else if m.lapsed_cents == m.left_cents {
        format!("Rest {} verfällt", format_eur(m.left_cents))
    } else {
        format!("Rest {} wird übertragen", format_eur(m.left_cents))
    };
    format!(
        "{had}, an alle Schulen gezahlt {}; {rest}",
        format_eur(m.funded_cents)
    )
}

/// Explains the district totals of a year.
pub fn explain_year(plan: &Plan, year: i32) -> Option<Explain> {
    let y = plan.years.iter().find(|t| t.year == year)?;
    Some(Explain {
        figure: format!("Finanzierungslücke {year}"),
        formula: formula("Finanzierungslücke"),
        inputs: vec![
            kv(
                "Investitionen (inkl. Defektreserve)",
                format_eur(y.invest_cents),
            ),
            kv("laufende Kosten", format_eur(y.running_cents)),
            kv("Gesamtkosten", format_eur(y.total_cents)),
            kv("Förderung", format_eur(y.funded_cents)),
            kv("kommunaler Bedarf", format_eur(y.municipal_cents)),
            kv(
                "kommunales Budget",
                if y.budget_entered {
                    format_eur(y.budget_cents)
                } else {
                    format!("nicht eingetragen (zählt als {})", format_eur(0))
                },
            ),
            kv(
                "Obergrenze",
                y.cap_cents
                    .map(format_eur)
                    .unwrap_or_else(|| "keine".into()),
            ),
            kv("verschoben", format_eur(y.deferred_cents)),
        ],
        result: format_eur(y.gap_cents),
        sources: vec![format!(
            "Summe gerundeter Einzelzeilen; Szenario „{}“, Basisjahr {}",
            plan.scenario, plan.base_year
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_a_line_of_the_demo() {
        let mut store = crate::Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        let input = super::super::repo::load_input(store.conn(), None, None).unwrap();
        let plan = super::super::compute(&input).unwrap();
        let ex = explain_line(&input, &plan, 0, 0, 2027).unwrap();
        assert_eq!(ex.len(), 5);
        assert!(ex[0].inputs.iter().any(|(k, _)| k.starts_with("Regel")));
        assert!(ex[2].sources[0].contains("Planungsannahme"));
        assert!(ex[4].sources.iter().any(|s| s.contains("DigitalPakt")));
        let y = explain_year(&plan, 2027).unwrap();
        assert_eq!(y.result, format_eur(plan.years[0].gap_cents));
    }
}
