//! Report blocks from the budget and offers areas: the school's planned purchases and their
//! funding, the district's budget per year, the scenario comparison and the offers comparison.
//! Every figure comes from the same core functions the window and the CLI use.

use super::pdf::Block;
use super::school::no_data;
use super::table::{Cell, Column, ColumnType, DataTable};
use crate::budget::{self, scenario, view};
use crate::chart::registry::{self, ChartParams};
use crate::schools::School;
use crate::{CoreError, Store};

/// Equipment of one school against its standard in `year` (clamped to the plan's years): per
/// category the requirement, the stock, how much of it is within its useful life, its mean age.
pub fn school_equipment_table(
    store: &Store,
    schulnummer: &str,
    year: i32,
) -> Result<DataTable, CoreError> {
    let (input, plan) = budget::load_and_compute(store.conn(), None, None)?;
    let (y, rows) = budget::equipment::school_status(&input, &plan, schulnummer, year)
        .ok_or_else(|| crate::report::ReportError::NotInPlan(schulnummer.to_string()))?;
    let mut t = DataTable::new(
        "school_equipment",
        format!("Ausstattung {schulnummer} im Jahr {y}: Bestand und Standard"),
        vec![
            Column::new("category", "Kategorie", ColumnType::Text),
            Column::new("required", "Soll", ColumnType::Integer),
            Column::new("stock", "Bestand", ColumnType::Integer),
            Column::new("within_life", "nutzbar", ColumnType::Integer),
            Column::new("past_life", "veraltet", ColumnType::Integer),
            Column::new("life", "Nutzungsdauer", ColumnType::Integer),
            Column::new("mean_age", "Ø Alter", ColumnType::Decimal(1)),
            Column::new("coverage", "Deckung", ColumnType::Percent(0)),
        ],
    )
    .with_source(format!(
        "Inventar (Kohorten nach Kaufjahr) und Ausstattungsstandards, Szenario „{}“. Nutzbar: im \
         Nutzungszeitraum (Kaufjahr ≤ {y} < Kaufjahr + Nutzungsdauer); veraltet: über der \
         Nutzungsdauer; Nutzungsdauer und Ø Alter in Jahren; Deckung = nutzbar / Soll.",
        plan.scenario
    ));
    for r in &rows {
        t.push(vec![
            Cell::Text(r.label.clone()),
            Cell::Int(r.required),
            Cell::Int(r.stock),
            Cell::Int(r.within_life),
            Cell::Int(r.past_life),
            Cell::Int(i64::from(r.life_years)),
            r.mean_age_years.map_or(Cell::Empty, Cell::Num),
            r.coverage_pct.map_or(Cell::Empty, Cell::Num),
        ])?;
    }
    Ok(t)
}

/// The "Ausstattung" section of the school report: the table of [`school_equipment_table`] for
/// the report's year.
pub fn school_equipment_blocks(
    store: &Store,
    s: &School,
    year: i32,
) -> Result<Vec<Block>, CoreError> {
    let has_stock = crate::budget::inventory::list_cohorts(store.conn())?
        .iter()
        .any(|c| c.schulnummer == s.schulnummer);
    if !has_stock {
        return Ok(vec![no_data(
            "Ausstattung",
            "Für diese Schule ist kein Bestand erfasst. Bestand und Alter der Geräte erscheinen hier, \
             sobald das Inventar importiert (schulit inventory import) oder im Fenster erfasst ist.",
        )]);
    }
    // The chart of the same figures (`equipment-vs-standard`) is in the window and the CLI; the
    // report keeps to the table so that it stays within four pages.
    let t = school_equipment_table(store, &s.schulnummer, year)?;
    let note = format!("{}. {}", t.title, t.source);
    Ok(vec![Block::Table(t), Block::Note(note)])
}

/// Planned purchases of one school per year with their funding.
pub fn school_purchase_blocks(store: &Store, s: &School) -> Result<Vec<Block>, CoreError> {
    let (input, plan) = budget::load_and_compute(store.conn(), None, None)?;
    let v = view::view(&input, &plan);
    let Some(row) = v.schools.iter().find(|r| r.schulnummer == s.schulnummer) else {
        return Ok(vec![no_data(
            "Beschaffungsplan",
            "Diese Schule steht nicht im Budgetplan.",
        )]);
    };
    let mut t = DataTable::new(
        "school_plan_years",
        format!(
            "Beschaffungsplan {} (Szenario „{}“)",
            s.schulnummer, v.scenario
        ),
        vec![
            Column::new("year", "Jahr", ColumnType::Text),
            Column::new("invest", "Investitionen", ColumnType::Cents),
            Column::new("running", "laufende Kosten", ColumnType::Cents),
            Column::new("total", "Gesamt", ColumnType::Cents),
            Column::new("funded", "Förderung", ColumnType::Cents),
            Column::new("municipal", "kommunal", ColumnType::Cents),
            Column::new("deferred", "verschoben (Stück)", ColumnType::Integer),
        ],
    )
    .with_source(format!(
        "Medienentwicklungsplan, Preisbasis {}, Preissteigerung {} % p. a.",
        v.base_year,
        crate::format::format_decimal(v.escalation_pct, 1)
    ));
    for y in &row.years {
        t.push(vec![
            Cell::Text(y.year.to_string()),
            Cell::Cents(y.invest_cents),
            Cell::Cents(y.running_cents),
            Cell::Cents(y.total_cents),
            Cell::Cents(y.funded_cents),
            Cell::Cents(y.municipal_cents),
            Cell::Int(y.deferred_units),
        ])?;
    }
    // The per-school cost chart is in the window and in `schulit chart budget-cost-by-category
    // --school N`; the report keeps to the table so that it stays within four pages.
    Ok(vec![Block::Table(t)])
}

/// The district's budget per year, funding against need, and the year table.
pub fn district_budget_blocks(store: &Store) -> Result<Vec<Block>, CoreError> {
    let (input, plan) = budget::load_and_compute(store.conn(), None, None)?;
    let v = view::view(&input, &plan);
    let p = ChartParams::default();
    let mut blocks = vec![
        Block::Chart(Box::new(registry::build(
            store,
            "budget-cost-by-category",
            &p,
        )?)),
        Block::Chart(Box::new(registry::build(
            store,
            "budget-funding-vs-need",
            &p,
        )?)),
    ];
    // A compact year table that fits A4; the full one (all columns) is the XLSX export.
    let mut t = DataTable::new(
        "district_plan_years",
        format!("Jahressummen (Szenario „{}“)", v.scenario),
        vec![
            Column::new("year", "Jahr", ColumnType::Text),
            Column::new("total", "Gesamt", ColumnType::Cents),
            Column::new("funded", "Förderung", ColumnType::Cents),
            Column::new("municipal", "kommunaler Bedarf", ColumnType::Cents),
            Column::new("budget", "kommunales Budget", ColumnType::Cents),
            Column::new("gap", "Finanzierungslücke", ColumnType::Cents),
        ],
    )
    .with_source(format!(
        "Medienentwicklungsplan, Preisbasis {}, Preissteigerung {} % p. a.; Lücke = kommunaler Bedarf − kommunales Budget",
        v.base_year,
        crate::format::format_decimal(v.escalation_pct, 1)
    ));
    for y in &plan.years {
        t.push(vec![
            Cell::Text(y.year.to_string()),
            Cell::Cents(y.total_cents),
            Cell::Cents(y.funded_cents),
            Cell::Cents(y.municipal_cents),
            Cell::Cents(y.budget_cents),
            Cell::Cents(y.gap_cents),
        ])?;
    }
    blocks.push(Block::Table(t));
    Ok(blocks)
}

/// All budget scenarios side by side (total, funding, municipal share, gap, per pupil).
pub fn district_scenario_blocks(store: &Store) -> Result<Vec<Block>, CoreError> {
    let names: Vec<String> = budget::repo::list_scenarios(store.conn())?
        .into_iter()
        .map(|s| s.name)
        .collect();
    if names.len() < 2 {
        return Ok(vec![no_data(
            "Szenarien",
            "Der Vergleich erscheint hier, sobald mindestens zwei Budgetszenarien angelegt sind.",
        )]);
    }
    let mut plans = Vec::with_capacity(names.len());
    for n in &names {
        plans.push(budget::load_and_compute(store.conn(), Some(n), None)?.1);
    }
    let cmp = scenario::compare(&plans);
    // Compact for A4; the full comparison (all columns) is the XLSX export.
    let mut t = DataTable::new(
        "district_scenarios",
        "Budgetszenarien im Vergleich (Summen über den Planungszeitraum)",
        vec![
            Column::new("scenario", "Szenario", ColumnType::Text),
            Column::new("total", "Gesamt", ColumnType::Cents),
            Column::new("funded", "Förderung", ColumnType::Cents),
            Column::new("municipal", "kommunal", ColumnType::Cents),
            Column::new("gap", "Lücke", ColumnType::Cents),
            Column::new("per_pupil", "je Schüler/Jahr", ColumnType::Cents),
        ],
    )
    .with_source(
        "Medienentwicklungsplan; Lücke = Summe der jährlichen Lücken (kommunaler Bedarf − Budget)",
    );
    for sc in &cmp.scenarios {
        t.push(vec![
            Cell::Text(sc.scenario.clone()),
            Cell::Cents(sc.total_cents),
            Cell::Cents(sc.funded_cents),
            Cell::Cents(sc.municipal_cents),
            Cell::Cents(sc.gap_cents),
            Cell::Cents(sc.per_pupil_year_cents),
        ])?;
    }
    Ok(vec![Block::Table(t)])
}

/// The Wirtschaftlichkeitsvergleich of the stored offers: cumulative present value and ranking;
/// with variants their cumulative present value, ranking and hints (once each).
pub fn district_offers_blocks(store: &Store) -> Result<Vec<Block>, CoreError> {
    let set = crate::offers::repo::load_set(store.conn(), crate::offers::next_year())?;
    if set.offers.is_empty() {
        return Ok(vec![no_data(
            "Angebote",
            "Die Zusammenfassung des Wirtschaftlichkeitsvergleichs (Barwerte, UfAB-Bewertung) erscheint \
             hier, sobald Angebote erfasst sind.",
        )]);
    }
    let p = ChartParams::default();
    let c = crate::offers::compare(&set);
    let mut blocks = vec![Block::Chart(Box::new(registry::build(
        store,
        "offers-cumulative",
        &p,
    )?))];
    // Per group (devices, support) its ranking and why; then the evaluation and how every
    // figure was computed.
    let mut groups: Vec<&str> = c.ranking.iter().map(|e| e.group.as_str()).collect();
    groups.dedup();
    let mut used = vec![false; c.explanation.len()];
    for g in groups {
        let t = offers_summary_table(&c, g)?;
        let label = c
            .ranking
            .iter()
            .find(|e| e.group == g)
            .map(|e| format!("{}:", e.group_label))
            .unwrap_or_default();
        blocks.push(Block::Table(t));
        for (i, para) in c.explanation.iter().enumerate() {
            if !used[i] && para.starts_with(&label) {
                used[i] = true;
                blocks.push(Block::Paragraph(para.clone()));
            }
        }
    }
    // The variants (combinations of offers, e.g. purchase + support vs. rental with service)
    // with their reasoning.
    if !c.variants.is_empty() {
        blocks.push(Block::Chart(Box::new(registry::build(
            store,
            "offers-variants-cumulative",
            &p,
        )?)));
        blocks.push(Block::Table(variants_summary_table(&c)?));
        let label = format!("{}:", crate::offers::variant::LABEL);
        for (i, para) in c.explanation.iter().enumerate() {
            if !used[i] && para.starts_with(&label) {
                used[i] = true;
                blocks.push(Block::Paragraph(para.clone()));
            }
        }
        for v in &c.variants {
            for w in &v.warnings {
                blocks.push(Block::Note(format!("Hinweis zu „{}“: {w}", v.name)));
            }
        }
    }
    for (i, para) in c.explanation.iter().enumerate() {
        if !used[i] {
            blocks.push(Block::Paragraph(para.clone()));
        }
    }
    blocks.extend(c.conventions.iter().cloned().map(Block::Note));
    Ok(blocks)
}

/// The ranking of the variants in the columns that fit A4; every column (offers, nominal, per
/// pupil, reasons) is in the XLSX export `offer-variants`.
fn variants_summary_table(c: &crate::offers::Comparison) -> Result<DataTable, CoreError> {
    let mut t = DataTable::new(
        "offers-variants-summary",
        "Wirtschaftlichkeitsvergleich: Varianten (Kombinationen von Angeboten)",
        vec![
            Column::new("rank", "Rang", ColumnType::Integer),
            Column::new("name", "Variante", ColumnType::Text),
            Column::new("pv", "Barwert", ColumnType::Cents),
            Column::new("ae", "Jährlich", ColumnType::Cents),
            Column::new("per_device", "je Gerät/Jahr", ColumnType::Cents),
            Column::new("diff_pct", "Mehrkosten", ColumnType::Percent(1)),
        ],
    );
    for v in &c.variants {
        t.push(vec![
            Cell::Int(i64::from(v.rank)),
            Cell::Text(v.name.clone()),
            Cell::Cents(v.present_value_cents),
            Cell::Cents(v.annual_equivalent_cents),
            Cell::Cents(v.cost_per_device_year_cents),
            Cell::Num(v.difference_pct),
        ])?;
    }
    Ok(t)
}

/// The ranking of one group in the columns that fit A4; every column (nominal, per pupil,
/// reasons) is in the XLSX export `offers`.
fn offers_summary_table(
    c: &crate::offers::Comparison,
    group: &str,
) -> Result<DataTable, CoreError> {
    let label = c
        .ranking
        .iter()
        .find(|e| e.group == group)
        .map(|e| e.group_label.clone())
        .unwrap_or_default();
    let mut t = DataTable::new(
        "offers-summary",
        format!("Wirtschaftlichkeitsvergleich: {label}"),
        vec![
            Column::new("rank", "Rang", ColumnType::Integer),
            Column::new("name", label.as_str(), ColumnType::Text),
            Column::new("pv", "Barwert", ColumnType::Cents),
            Column::new("ae", "Jährlich", ColumnType::Cents),
            Column::new("per_device", "je Gerät/Jahr", ColumnType::Cents),
            Column::new("diff_pct", "Mehrkosten", ColumnType::Percent(1)),
        ],
    );
    for e in c.ranking.iter().filter(|e| e.group == group) {
        let Some(r) = c.result(&e.id) else { continue };
        t.push(vec![
            Cell::Int(i64::from(e.rank)),
            Cell::Text(r.name.clone()),
            Cell::Cents(r.present_value_cents),
            Cell::Cents(r.annual_equivalent_cents),
            Cell::Cents(r.cost_per_device_year_cents),
            Cell::Num(e.difference_pct),
        ])?;
    }
    Ok(t)
}
