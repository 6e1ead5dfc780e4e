//! The plan's tables for XLSX export (real numbers, € formats): year totals, schools,
//! categories, deferrals, and the scenario comparison.

use super::plan::{Plan, PlanInput, FORMULAS};
use super::scenario::Comparison;
use super::view::PlanView;
use crate::report::{Cell, Column, ColumnType, DataTable, ReportError};

fn c(key: &str, title: &str, ty: ColumnType) -> Column {
    Column::new(key, title, ty)
}

pub fn plan_tables(
    input: &PlanInput,
    plan: &Plan,
    v: &PlanView,
) -> Result<Vec<DataTable>, ReportError> {
    let src = format!(
        "Medienentwicklungsplan, Szenario „{}“, Preisbasis {}, Preissteigerung {} % p. a.",
        plan.scenario,
        plan.base_year,
        crate::format::format_decimal(plan.escalation_pct, 1)
    );
    let mut years = DataTable::new(
        "budget_years",
        "Jahressummen",
        vec![
            c("year", "Jahr", ColumnType::Integer),
            c("invest", "Investitionen", ColumnType::Cents),
            c("running", "laufende Kosten", ColumnType::Cents),
            c("total", "Gesamt", ColumnType::Cents),
            c("funded", "Förderung", ColumnType::Cents),
            c("municipal", "kommunaler Bedarf", ColumnType::Cents),
            c("budget", "kommunales Budget", ColumnType::Cents),
            c("gap", "Finanzierungslücke", ColumnType::Cents),
            c("deferred", "verschoben", ColumnType::Cents),
            c("per_pupil", "je Schüler/in", ColumnType::Cents),
        ],
    )
    .with_source(src.clone());
    for (k, f) in FORMULAS {
        years = years.with_note(format!("{k}: {f}"));
    }
    for y in &plan.years {
        years.push(vec![
            Cell::Int(y.year as i64),
            Cell::Cents(y.invest_cents),
            Cell::Cents(y.running_cents),
            Cell::Cents(y.total_cents),
            Cell::Cents(y.funded_cents),
            Cell::Cents(y.municipal_cents),
            // Empty: no budget entered (the gap counts it as 0 €).
            if y.budget_entered {
                Cell::Cents(y.budget_cents)
            } else {
                Cell::Empty
            },
            Cell::Cents(y.gap_cents),
            Cell::Cents(y.deferred_cents),
            Cell::Cents(y.per_pupil_cents),
        ])?;
    }
    let mut schools = DataTable::new(
        "budget_schools",
        "Schulen",
        vec![
            c("nr", "Schulnummer", ColumnType::Text),
            c("name", "Schule", ColumnType::Text),
            c("form", "Schulform", ColumnType::Text),
            c("si", "Sozialindex", ColumnType::Integer),
            c("invest", "Investitionen", ColumnType::Cents),
            c("running", "laufende Kosten", ColumnType::Cents),
            c("total", "Gesamt", ColumnType::Cents),
            c("funded", "Förderung", ColumnType::Cents),
            c("municipal", "kommunal", ColumnType::Cents),
            c("per_pupil", "je Schüler/in und Jahr", ColumnType::Cents),
        ],
    )
    .with_source(src.clone());
    for s in &v.schools {
        schools.push(vec![
            Cell::Text(s.schulnummer.clone()),
            Cell::Text(s.name.clone()),
            Cell::Text(s.schulform.clone()),
            s.sozialindex.into(),
            Cell::Cents(s.invest_cents),
            Cell::Cents(s.running_cents),
            Cell::Cents(s.total_cents),
            Cell::Cents(s.funded_cents),
            Cell::Cents(s.municipal_cents),
            Cell::Cents(s.per_pupil_year_cents),
        ])?;
    }
    let mut cats = DataTable::new(
        "budget_categories",
        "Kategorien",
        vec![
            c("key", "Schlüssel", ColumnType::Text),
            c("label", "Kategorie", ColumnType::Text),
            c("price", "Stückpreis", ColumnType::Cents),
            c("life", "Nutzungsdauer (Jahre)", ColumnType::Integer),
            c("running_unit", "laufend je Stück/Jahr", ColumnType::Cents),
            c("bought", "gekauft (Stück)", ColumnType::Integer),
            c("total", "Kosten gesamt", ColumnType::Cents),
            c("source", "Quelle", ColumnType::Text),
        ],
    )
    .with_source(src.clone());
    for (cat, row) in input.categories.iter().zip(v.categories.iter()) {
        cats.push(vec![
            Cell::Text(cat.key.clone()),
            Cell::Text(cat.label.clone()),
            Cell::Cents(cat.unit_price_cents),
            Cell::Int(cat.life_years as i64),
            Cell::Cents(cat.running_cents_per_year),
            Cell::Int(row.units_bought),
            Cell::Cents(row.total_cents),
            Cell::Text(format!("{} ({})", cat.source, cat.source_date)),
        ])?;
    }
    let mut def = DataTable::new(
        "budget_deferrals",
        "Verschiebungen",
        vec![
            c("year", "Jahr", ColumnType::Integer),
            c("nr", "Schulnummer", ColumnType::Text),
            c("cat", "Kategorie", ColumnType::Text),
            c("kind", "Art", ColumnType::Text),
            c("units", "Stück", ColumnType::Integer),
            c("cents", "Betrag", ColumnType::Cents),
            c("lands", "nachgeholt", ColumnType::Integer),
            c("reason", "Grund", ColumnType::Text),
        ],
    )
    .with_source(src.clone());
    for r in &v.deferrals {
        let d = &r.deferral;
        def.push(vec![
            Cell::Int(d.year as i64),
            Cell::Text(d.schulnummer.clone()),
            Cell::Text(d.category.clone()),
            Cell::Text(d.kind.label().into()),
            Cell::Int(d.units),
            Cell::Cents(d.cents),
            d.lands_in.map(|y| y as i64).into(),
            Cell::Text(r.reason.clone()),
        ])?;
    }
    let mut funding = DataTable::new(
        "budget_funding",
        "Förderprogramme je Jahr",
        vec![
            c("year", "Jahr", ColumnType::Integer),
            c("source", "Förderprogramm", ColumnType::Text),
            c("available", "verfügbar", ColumnType::Cents),
            c("carried_in", "davon übertragen", ColumnType::Cents),
            c("funded", "gezahlt", ColumnType::Cents),
            c("cofunding", "Eigenanteil", ColumnType::Cents),
            c("left", "übrig", ColumnType::Cents),
            c("lapsed", "verfallen", ColumnType::Cents),
        ],
    )
    .with_source(src);
    for f in &input.funding {
        funding = funding.with_note(format!("{}: {}", f.name, f.describe()));
    }
    for y in &plan.by_source {
        funding.push(vec![
            Cell::Int(y.year as i64),
            Cell::Text(y.source.clone()),
            Cell::Cents(y.available_cents),
            Cell::Cents(y.carried_in_cents),
            Cell::Cents(y.funded_cents),
            Cell::Cents(y.cofunding_cents),
            Cell::Cents(y.left_cents),
            Cell::Cents(y.lapsed_cents),
        ])?;
    }
    Ok(vec![years, schools, cats, def, funding])
}

pub fn comparison_table(cmp: &Comparison) -> Result<DataTable, ReportError> {
    let mut t = DataTable::new(
        "budget_scenarios",
        "Szenarienvergleich",
        vec![
            c("name", "Szenario", ColumnType::Text),
            c("total", "Gesamt", ColumnType::Cents),
            c("invest", "Investitionen", ColumnType::Cents),
            c("running", "laufende Kosten", ColumnType::Cents),
            c("funded", "Förderung", ColumnType::Cents),
            c("municipal", "kommunal", ColumnType::Cents),
            c("gap", "Lücke (Summe)", ColumnType::Cents),
            c("max_gap", "größte Jahreslücke", ColumnType::Cents),
            c("per_pupil", "je Schüler/in und Jahr", ColumnType::Cents),
            c("deferred", "verschoben", ColumnType::Cents),
        ],
    );
    for s in &cmp.scenarios {
        t.push(vec![
            Cell::Text(s.scenario.clone()),
            Cell::Cents(s.total_cents),
            Cell::Cents(s.invest_cents),
            Cell::Cents(s.running_cents),
            Cell::Cents(s.funded_cents),
            Cell::Cents(s.municipal_cents),
            Cell::Cents(s.gap_cents),
            Cell::Cents(s.max_gap_cents),
            Cell::Cents(s.per_pupil_year_cents),
            Cell::Cents(s.deferred_cents),
        ])?;
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_tables_export_as_real_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let mut store = crate::Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        let (input, plan) = crate::budget::load_and_compute(store.conn(), None, None).unwrap();
        let v = crate::budget::view::view(&input, &plan);
        let t = plan_tables(&input, &plan, &v).unwrap();
        assert_eq!(t[0].rows.len(), plan.years.len());
        assert_eq!(t[1].rows.len(), 44);
        // What the programmes paid, per source and year, adds up to the plan's funding.
        let f = t.iter().find(|x| x.name == "budget_funding").unwrap();
        assert!(!f.rows.is_empty());
        let paid: i64 = f
            .rows
            .iter()
            .map(|r| match r[4] {
                Cell::Cents(c) => c,
                _ => panic!("paid is cents"),
            })
            .sum();
        assert_eq!(paid, plan.years.iter().map(|y| y.funded_cents).sum::<i64>());
        let bytes = crate::report::xlsx::to_xlsx(&t).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&sheet).unwrap();
        // Somewhere in the first sheet the first year's total appears as a number in euros.
        let want = plan.years[0].total_cents as f64 / 100.0;
        let found = range.cells().any(|(_, _, c)| match c {
            Data::Float(f) => (f - want).abs() < 0.005,
            _ => false,
        });
        assert!(found, "total {want} not found as a number");
    }
}
