//! Charts of the school register (the first area in the registry; also the template for the
//! other areas' `chart/<area>.rs`).

use std::collections::BTreeMap;

use super::frame::{ChartMeta, ValueFormat, DIRECTORY_SOURCE};
use super::kinds::{RankItem, Ranking, Series, Sort, StackedBars};
use super::registry::{ChartDef, ChartParams};
use super::{last_import_date, Chart, ChartKind};
use crate::schools::list_schools;
use crate::{CoreError, Store};

pub fn charts() -> Vec<ChartDef> {
    vec![
        ChartDef {
            name: "schools-by-form",
            title: "Schülerinnen und Schüler nach Schulform",
            area: "Schulen",
            needs_school: false,
            build: pupils_by_form,
        },
        ChartDef {
            name: "sozialindex-distribution",
            title: "Schulen nach Schulsozialindex",
            area: "Schulen",
            needs_school: false,
            build: sozialindex_distribution,
        },
        ChartDef {
            name: "pupils-per-school",
            title: "Schülerzahl je Schule (Rangfolge)",
            area: "Schulen",
            needs_school: false,
            build: pupils_per_school,
        },
    ]
}

/// A short, distinguishing label of a school for charts and tables: the official name parts
/// without the stage suffixes ("- Primarstufe -"), e.g. "Städt. Gem. Grundschule,
/// Leverkusen-Steinbüchel".
pub fn school_label(s: &crate::schools::School) -> String {
    let mut parts: Vec<String> = Vec::new();
    for raw in [&s.name, &s.name_2, &s.name_3] {
        let mut t = raw.clone();
        for fluff in [
            "- Primarstufe -",
            "- Sekundarstufe I -",
            "- Sekundarstufe II -",
            "- Sekundarstufe I und II -",
        ] {
            t = t.replace(fluff, "");
        }
        let t = t
            .trim()
            .trim_matches(|c: char| c == ',' || c == '-' || c.is_whitespace())
            .to_string();
        if !t.is_empty() && !parts.contains(&t) {
            parts.push(t);
        }
    }
    if parts.is_empty() {
        s.schulnummer.clone()
    } else {
        parts.join(", ")
    }
}

fn meta(store: &Store, title: &str, n: usize) -> ChartMeta {
    let mut m = ChartMeta::new(title)
        .period("Schuljahr 2024/25")
        .n(n as u64, "Schulen")
        .source(DIRECTORY_SOURCE);
    if let Some(d) = last_import_date(store, "schools") {
        m = m.imported(d);
    }
    m
}

/// Pupils summed per Schulform, bars sorted, with the number of schools per bar.
pub fn pupils_by_form(store: &Store, _p: &ChartParams) -> Result<Chart, CoreError> {
    let schools = list_schools(store.conn())?;
    let mut by: BTreeMap<String, (i64, u64)> = BTreeMap::new();
    for s in &schools {
        let e = by.entry(s.schulform.clone()).or_default();
        e.0 += s.pupils_total();
        e.1 += 1;
    }
    let items = by
        .into_iter()
        .map(|(form, (pupils, n))| RankItem::new(form, pupils as f64).n(n))
        .collect();
    Ok(Chart {
        meta: meta(store, "Schülerinnen und Schüler nach Schulform", schools.len())
            .definition("Summe der Schülerzahlen (Schulverzeichnis, auf 5 gerundet, oder eigene Jahrgangszahlen) je Schulform; n am Balken = Zahl der Schulen."),
        kind: ChartKind::Ranking(Ranking::new(items, ValueFormat::Int, "Schülerinnen und Schüler")),
    })
}

/// Number of schools per Sozialindex stage 1–9 (and without index).
pub fn sozialindex_distribution(store: &Store, _p: &ChartParams) -> Result<Chart, CoreError> {
    let schools = list_schools(store.conn())?;
    let mut counts = [0f64; 10];
    for s in &schools {
        match s.sozialindex {
            Some(i @ 1..=9) => counts[(i - 1) as usize] += 1.0,
            _ => counts[9] += 1.0,
        }
    }
    let mut cats: Vec<String> = (1..=9).map(|i| format!("Stufe {i}")).collect();
    cats.push("ohne Index".into());
    Ok(Chart {
        meta: meta(store, "Schulen nach Schulsozialindex", schools.len()).definition(
            "Schulsozialindex NRW, Stufe 1 (geringe) bis 9 (sehr hohe Belastung der Schülerschaft); \
             Schulformen ohne Index (z. B. Berufskollegs) unter „ohne Index“.",
        ),
        kind: ChartKind::Stacked(StackedBars::new(
            cats,
            vec![Series::new("Schulen", counts.to_vec())],
            ValueFormat::Int,
            "Zahl der Schulen",
        )),
    })
}

/// Pupils per school, sorted, with the district median; the chosen school highlighted.
pub fn pupils_per_school(store: &Store, p: &ChartParams) -> Result<Chart, CoreError> {
    let schools = list_schools(store.conn())?;
    let items = schools
        .iter()
        .map(|s| {
            RankItem::new(school_label(s), s.pupils_total() as f64)
                .highlight(p.school.as_deref() == Some(s.schulnummer.as_str()))
        })
        .collect();
    Ok(Chart {
        meta: meta(store, "Schülerzahl je Schule", schools.len()),
        kind: ChartKind::Ranking(
            Ranking::new(items, ValueFormat::Int, "Schülerinnen und Schüler")
                .with_median("Median")
                .sorted(Sort::Descending),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_drop_stage_suffixes() {
        let mut s = crate::schools::School {
            schulnummer: "103330".into(),
            name: "Städt. Gem. Grundschule".into(),
            name_2: "- Primarstufe -".into(),
            name_3: "Leverkusen-Steinbüchel".into(),
            schulform: "Grundschule".into(),
            gemeindeschluessel: String::new(),
            verwaltungsbezirk: String::new(),
            strasse: String::new(),
            plz: String::new(),
            ort: String::new(),
            rechtsstatus: String::new(),
            email: String::new(),
            pupils: None,
            sozialindex: None,
            source: String::new(),
            teachers: None,
            rooms: None,
            classes: None,
            pupil_growth_pct: 0.0,
            notes: String::new(),
            grades: vec![],
        };
        assert_eq!(
            school_label(&s),
            "Städt. Gem. Grundschule, Leverkusen-Steinbüchel"
        );
        s.name_3 = "Leverkusen-Hitdorf - Primarstufe -".into();
        assert_eq!(
            school_label(&s),
            "Städt. Gem. Grundschule, Leverkusen-Hitdorf"
        );
    }
}
