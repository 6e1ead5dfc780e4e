//! The inventory as the window and the XLSX export show it: every cohort with its school,
//! category label, age and whether it is still within the category's useful life (DOMAIN §2: a
//! cohort survives in year y while y < purchase year + life), and totals per category.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use super::inventory::list_cohorts;
use super::{repo, Cohort};
use crate::report::{Cell, Column, ColumnType, DataTable, ReportError};
use crate::CoreError;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CohortRow {
    #[serde(flatten)]
    pub cohort: Cohort,
    pub school_name: String,
    pub category_label: String,
    /// Useful life of the category (default scenario's catalogue); None = not in the catalogue.
    pub life_years: Option<i32>,
    /// Years since purchase in `year`.
    pub age: i32,
    /// First year the cohort no longer counts (purchase year + life).
    pub end_year: Option<i32>,
    /// Still within its life in `year`.
    pub within_life: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CategoryTotal {
    pub category: String,
    pub label: String,
    pub cohorts: usize,
    pub units: i64,
    pub within_life_units: i64,
    pub past_life_units: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InventoryView {
    /// The year ages and lives are counted for (the current year).
    pub year: i32,
    /// Selected school, if any.
    pub school: Option<String>,
    pub rows: Vec<CohortRow>,
    /// In catalogue order; categories without cohorts are left out.
    pub totals: Vec<CategoryTotal>,
    pub units: i64,
    pub within_life_units: i64,
    pub past_life_units: i64,
    /// Catalogue categories (key, label) for the editor.
    pub categories: Vec<(String, String)>,
    /// Schools of the register (Schulnummer, name) for the editor and the filter.
    pub schools: Vec<(String, String)>,
}

/// Cohorts of `school` (all when None) seen in `year`.
pub fn inventory_view(
    conn: &Connection,
    school: Option<&str>,
    year: i32,
) -> Result<InventoryView, CoreError> {
    repo::ensure_default_scenario(conn, super::current_year(), 5)?;
    let sc = repo::get_scenario(conn, None)?;
    let cats = repo::list_categories(conn, sc.id)?;
    let schools = crate::schools::list_schools(conn)?;
    let names: BTreeMap<&str, String> = schools
        .iter()
        .map(|s| (s.schulnummer.as_str(), s.display_name()))
        .collect();
    let mut rows = Vec::new();
    for c in list_cohorts(conn)? {
        if school.is_some_and(|s| s != c.schulnummer) {
            continue;
        }
        let cat = cats.iter().find(|k| k.key == c.category);
        let life = cat.map(|k| k.life_years);
        let end = life.map(|l| c.purchase_year + l);
        rows.push(CohortRow {
            school_name: names
                .get(c.schulnummer.as_str())
                .cloned()
                .unwrap_or_default(),
            category_label: cat
                .map(|k| k.label.clone())
                .unwrap_or_else(|| c.category.clone()),
            life_years: life,
            age: year - c.purchase_year,
            end_year: end,
            within_life: end.is_some_and(|e| year < e),
            cohort: c,
        });
    }
    let order = |key: &str| cats.iter().position(|k| k.key == key).unwrap_or(usize::MAX);
    let mut totals: Vec<CategoryTotal> = Vec::new();
    for r in &rows {
        let i = match totals.iter().position(|t| t.category == r.cohort.category) {
            Some(i) => i,
            None => {
                totals.push(CategoryTotal {
                    category: r.cohort.category.clone(),
                    label: r.category_label.clone(),
                    cohorts: 0,
                    units: 0,
                    within_life_units: 0,
                    past_life_units: 0,
                });
                totals.len() - 1
            }
        };
        let t = &mut totals[i];
        t.cohorts += 1;
        t.units += r.cohort.units;
        if r.within_life {
            t.within_life_units += r.cohort.units;
        } else {
            t.past_life_units += r.cohort.units;
        }
    }
    totals.sort_by_key(|t| (order(&t.category), t.category.clone()));
    Ok(InventoryView {
        year,
        school: school.map(str::to_string),
        units: totals.iter().map(|t| t.units).sum(),
        within_life_units: totals.iter().map(|t| t.within_life_units).sum(),
        past_life_units: totals.iter().map(|t| t.past_life_units).sum(),
        rows,
        totals,
        categories: cats
            .iter()
            .map(|k| (k.key.clone(), k.label.clone()))
            .collect(),
        schools: schools
            .iter()
            .map(|s| (s.schulnummer.clone(), s.display_name()))
            .collect(),
    })
}

/// All cohorts of the view as an export table (real numbers).
pub fn inventory_table(v: &InventoryView) -> Result<DataTable, ReportError> {
    let c = Column::new;
    let mut t = DataTable::new(
        "inventory",
        "Bestand (Kohorten)",
        vec![
            c("schulnummer", "Schulnummer", ColumnType::Text),
            c("school", "Schule", ColumnType::Text),
            c("category", "Kategorie", ColumnType::Text),
            c("purchase_year", "Anschaffungsjahr", ColumnType::Integer),
            c("units", "Anzahl", ColumnType::Integer),
            c("age", "Alter (Jahre)", ColumnType::Integer),
            c("life", "Nutzungsdauer (Jahre)", ColumnType::Integer),
            c("end_year", "Ersatz fällig", ColumnType::Integer),
            c("within", "in Nutzungsdauer", ColumnType::Integer),
            c("past", "über Nutzungsdauer", ColumnType::Integer),
            c("source", "Herkunft", ColumnType::Text),
            c("note", "Notiz", ColumnType::Text),
        ],
    )
    .with_source(format!(
        "Bestand der Plandatei (Import oder Handeingabe), Stand {}",
        v.year
    ))
    .with_note(format!(
        "Alter und Nutzungsdauer für {}: eine Kohorte zählt, solange Jahr < Anschaffungsjahr + Nutzungsdauer (Katalog des Standardszenarios).",
        v.year
    ));
    for r in &v.rows {
        let (within, past) = if r.within_life {
            (r.cohort.units, 0)
        } else {
            (0, r.cohort.units)
        };
        t.push(vec![
            r.cohort.schulnummer.clone().into(),
            r.school_name.clone().into(),
            r.category_label.clone().into(),
            Cell::Int(r.cohort.purchase_year as i64),
            Cell::Int(r.cohort.units),
            Cell::Int(r.age as i64),
            r.life_years.map(|l| l as i64).into(),
            r.end_year.map(|e| e as i64).into(),
            Cell::Int(within),
            Cell::Int(past),
            source_label(&r.cohort.source).into(),
            r.cohort.note.clone().into(),
        ])?;
    }
    Ok(t)
}

/// German name of a cohort's source.
pub fn source_label(source: &str) -> String {
    match source {
        "manual" => "Handeingabe".into(),
        "demo" => "Demo-Daten".into(),
        "snipeit" => "Snipe-IT".into(),
        "glpi" => "GLPI".into(),
        "idoit" => "i-doit".into(),
        "template" => "Vorlage".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_life_until_purchase_year_plus_life() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::demo::create_demo_plan(&dir.path().join("p.db")).unwrap();
        let conn = store.conn();
        let y = super::super::current_year();
        let v = inventory_view(conn, None, y).unwrap();
        assert!(!v.rows.is_empty());
        for r in &v.rows {
            let life = r.life_years.expect("demo categories are in the catalogue");
            assert_eq!(r.within_life, y < r.cohort.purchase_year + life, "{r:?}");
            assert_eq!(r.age, y - r.cohort.purchase_year);
        }
        assert_eq!(v.units, v.within_life_units + v.past_life_units);
        assert_eq!(v.units, v.rows.iter().map(|r| r.cohort.units).sum::<i64>());
        // One school only.
        let nr = v.rows[0].cohort.schulnummer.clone();
        let one = inventory_view(conn, Some(&nr), y).unwrap();
        assert!(one.rows.iter().all(|r| r.cohort.schulnummer == nr));
        assert!(one.rows.len() < v.rows.len());
        // A cohort exactly at the end of its life no longer counts.
        let r = &v.rows[0];
        let at_end = inventory_view(conn, None, r.end_year.unwrap()).unwrap();
        assert!(!at_end.rows[0].within_life);
        let before = inventory_view(conn, None, r.end_year.unwrap() - 1).unwrap();
        assert!(before.rows[0].within_life);
        // The export has a row per cohort with numbers.
        let t = inventory_table(&v).unwrap();
        assert_eq!(t.rows.len(), v.rows.len());
        assert!(matches!(t.rows[0][4], Cell::Int(_)));
    }
}
