//! The comparison as typed tables for XLSX (and PDF/CLI): ranking and figures, year-by-year
//! flows, every payment with its discount factor, the variants, the UfAB evaluation, the
//! assumptions.

use crate::report::table::{Cell, Column, ColumnType, DataTable};
use crate::report::ReportError;

use super::Comparison;

const SOURCE: &str = "Angebote (eigene Eingabe); Kapitalwertmethode nach docs/OFFERS.md";

fn col(key: &str, title: &str, ty: ColumnType) -> Column {
    Column::new(key, title, ty)
}

/// All tables of a comparison (the evaluation only if present).
pub fn tables(c: &Comparison) -> Result<Vec<DataTable>, ReportError> {
    let mut out = Vec::new();
    let mut t = DataTable::new(
        "offers-comparison",
        "Wirtschaftlichkeitsvergleich",
        vec![
            col("group", "Gruppe", ColumnType::Text),
            col("rank", "Rang", ColumnType::Integer),
            col("id", "ID", ColumnType::Text),
            col("name", "Angebot", ColumnType::Text),
            col("kind", "Art", ColumnType::Text),
            col("units", "Geräte", ColumnType::Integer),
            col("nominal", "Nominal", ColumnType::Cents),
            col("pv", "Barwert", ColumnType::Cents),
            col("ae", "Jährliche Kosten (Annuität)", ColumnType::Cents),
            col("per_device", "Je Gerät und Jahr", ColumnType::Cents),
            col("per_pupil", "Je Schüler und Jahr", ColumnType::Cents),
            col("diff", "Mehrkosten zum Besten", ColumnType::Cents),
            col("diff_pct", "Mehrkosten %", ColumnType::Percent(1)),
            col("reason", "Begründung", ColumnType::Text),
        ],
    )
    .with_source(SOURCE)
    .with_note(c.rate_line.clone());
    for n in &c.conventions {
        t = t.with_note(n.clone());
    }
    for e in &c.ranking {
        let Some(r) = c.result(&e.id) else { continue };
        t.push(vec![
            e.group_label.clone().into(),
            Cell::Int(e.rank as i64),
            r.id.clone().into(),
            r.name.clone().into(),
            r.kind_de.into(),
            Cell::Int(r.units),
            Cell::Cents(r.nominal_cents),
            Cell::Cents(r.present_value_cents),
            Cell::Cents(r.annual_equivalent_cents),
            Cell::Cents(r.cost_per_device_year_cents),
            r.cost_per_pupil_year_cents
                .map(Cell::Cents)
                .unwrap_or(Cell::Empty),
            Cell::Cents(e.difference_to_best_cents),
            Cell::Num(e.difference_pct),
            e.reason.clone().into(),
        ])?;
    }
    out.push(t);

    let mut y = DataTable::new(
        "offers-years",
        "Zahlungen je Vertragsjahr",
        vec![
            col("id", "ID", ColumnType::Text),
            col("name", "Angebot", ColumnType::Text),
            col("year", "Vertragsjahr", ColumnType::Integer),
            col("nominal", "Nominal", ColumnType::Cents),
            col("pv", "Barwert", ColumnType::Cents),
            col("cum_nominal", "Nominal kumuliert", ColumnType::Cents),
            col("cum_pv", "Barwert kumuliert", ColumnType::Cents),
        ],
    )
    .with_source(SOURCE)
    .with_note(c.rate_line.clone());
    for r in &c.results {
        for l in &r.years {
            y.push(vec![
                r.id.clone().into(),
                r.name.clone().into(),
                Cell::Int(l.year as i64),
                Cell::Cents(l.nominal_cents),
                Cell::Cents(l.present_value_cents),
                Cell::Cents(l.cumulative_nominal_cents),
                Cell::Cents(l.cumulative_present_value_cents),
            ])?;
        }
    }
    out.push(y);

    let mut f = DataTable::new(
        "offers-flows",
        "Zahlungen (einzeln, mit Abzinsung)",
        vec![
            col("id", "ID", ColumnType::Text),
            col("month", "Monat", ColumnType::Integer),
            col("date", "Datum", ColumnType::Date),
            col("year", "Vertragsjahr", ColumnType::Integer),
            col("kind", "Zahlung", ColumnType::Text),
            col("escalation", "Steigerungsfaktor", ColumnType::Decimal(6)),
            col("amount", "Betrag", ColumnType::Cents),
            col("df", "Abzinsungsfaktor", ColumnType::Decimal(6)),
            col("pv", "Barwert", ColumnType::Cents),
        ],
    )
    .with_source(SOURCE)
    .with_note(c.rate_line.clone())
    .with_note("Abzinsungsfaktor = 1 / (1 + r)^(Monat/12). Der Barwert je Zahlung ist auf den Cent gerundet; der Barwert des Angebots wird aus der ungerundeten Summe einmal gerundet.");
    for r in &c.results {
        for p in &r.flows {
            f.push(vec![
                r.id.clone().into(),
                Cell::Int(p.month as i64),
                Cell::Date(p.date),
                Cell::Int(p.contract_year as i64),
                p.label.into(),
                Cell::Num(p.escalation_factor),
                Cell::Cents(p.amount_cents),
                Cell::Num(p.discount_factor),
                Cell::Cents(p.present_value_cents),
            ])?;
        }
    }
    out.push(f);

    if !c.variants.is_empty() {
        out.push(variants_table(c)?);
    }

    if let Some(ev) = &c.evaluation {
        let mut e = DataTable::new(
            "offers-evaluation",
            "Bewertung nach UfAB",
            vec![
                col("id", "ID", ColumnType::Text),
                col("name", "Angebot", ColumnType::Text),
                col("price", "Preis (Barwert)", ColumnType::Cents),
                col("l", "Leistungspunkte L", ColumnType::Decimal(2)),
                col("z", "Kennzahl Z (L je 1.000 €)", ColumnType::Decimal(3)),
                col("pp", "Preispunkte", ColumnType::Decimal(2)),
                col("n", "Nutzwert N", ColumnType::Decimal(2)),
                col("lf", "Rechnung L", ColumnType::Text),
                col("nf", "Rechnung N", ColumnType::Text),
            ],
        )
        .with_source(SOURCE);
        for s in &ev.summary {
            e = e.with_note(s.clone());
        }
        for s in &ev.scores {
            e.push(vec![
                s.id.clone().into(),
                s.name.clone().into(),
                Cell::Cents(s.price_cents),
                Cell::Num(s.performance_points),
                s.ratio.map(Cell::Num).unwrap_or(Cell::Empty),
                Cell::Num(s.price_points),
                Cell::Num(s.utility),
                s.performance_formula.clone().into(),
                s.utility_formula.clone().into(),
            ])?;
        }
        out.push(e);
    }
    Ok(out)
}

/// The ranking of the variants (combinations of offers) with their figures; empty rows when the
/// comparison has no variants.
pub fn variants_table(c: &Comparison) -> Result<DataTable, ReportError> {
    let mut t = DataTable::new(
        "offer-variants",
        "Varianten (Kombinationen von Angeboten)",
        vec![
            col("rank", "Rang", ColumnType::Integer),
            col("id", "ID", ColumnType::Text),
            col("name", "Variante", ColumnType::Text),
            col("offers", "Angebote", ColumnType::Text),
            col("devices", "Geräte", ColumnType::Integer),
            col("nominal", "Nominal", ColumnType::Cents),
            col("pv", "Barwert", ColumnType::Cents),
            col("ae", "Jährliche Kosten (Annuität)", ColumnType::Cents),
            col("per_device", "Je Gerät und Jahr", ColumnType::Cents),
            col("per_pupil", "Je Schüler und Jahr", ColumnType::Cents),
            col("diff", "Mehrkosten zur Besten", ColumnType::Cents),
            col("diff_pct", "Mehrkosten %", ColumnType::Percent(1)),
            col("reason", "Begründung", ColumnType::Text),
        ],
    )
    .with_source(SOURCE)
    .with_note(c.rate_line.clone())
    .with_note(
        "Zahlungen einer Variante = Summe der Zahlungen ihrer Angebote (centgenau); Barwert, \
         Annuität und Kosten je Gerät und Jahr wie bei einem einzelnen Angebot. Geräte = Anzahl \
         der Geräteangebote (Kauf, Leasing, Miete), nicht des Supportvertrags.",
    );
    for v in &c.variants {
        for w in &v.warnings {
            t = t.with_note(format!("{}: {w}", v.name));
        }
    }
    for v in &c.variants {
        t.push(vec![
            Cell::Int(i64::from(v.rank)),
            v.id.clone().into(),
            v.name.clone().into(),
            v.offer_names.join(" + ").into(),
            Cell::Int(v.devices),
            Cell::Cents(v.nominal_cents),
            Cell::Cents(v.present_value_cents),
            Cell::Cents(v.annual_equivalent_cents),
            Cell::Cents(v.cost_per_device_year_cents),
            v.cost_per_pupil_year_cents
                .map(Cell::Cents)
                .unwrap_or(Cell::Empty),
            Cell::Cents(v.difference_to_best_cents),
            Cell::Num(v.difference_pct),
            v.reason.clone().into(),
        ])?;
    }
    Ok(t)
}

/// The comparison as an XLSX workbook (one sheet per table).
pub fn to_xlsx(c: &Comparison) -> Result<Vec<u8>, ReportError> {
    crate::report::xlsx::to_xlsx(&tables(c)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_exports_with_every_payment() {
        let set = crate::offers::parse_template(
            "offers.json",
            include_str!("../../../../docs/examples/offers.json"),
        )
        .unwrap();
        let c = crate::offers::compare(&set);
        let t = tables(&c).unwrap();
        assert_eq!(t.len(), 5);
        assert_eq!(t[0].rows.len(), 5);
        let flows: usize = c.results.iter().map(|r| r.flows.len()).sum();
        assert_eq!(t[2].rows.len(), flows);
        assert_eq!(t[3].name, "offer-variants");
        assert_eq!(t[3].rows.len(), 3);
        let bytes = to_xlsx(&c).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
