//! Inventory cohorts: units of a category a school bought in one year. Entered by hand or
//! imported (see `inventory_import`). A cohort survives while `year < purchase_year + life`.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::PlanError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    /// Database id (0 when not stored).
    pub id: i64,
    pub schulnummer: String,
    pub category: String,
    pub purchase_year: i32,
    pub units: i64,
    /// `manual`, `demo`, `snipeit`, `glpi`, `idoit`, `template`.
    pub source: String,
    pub note: String,
}

/// A wrong value of one field of a cohort, for a form: `field` is the cohort's field name
/// (`schulnummer`, `category`, `purchase_year`, `units`), `label` its German name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub label: &'static str,
    pub message: String,
}

impl From<FieldError> for PlanError {
    fn from(e: FieldError) -> PlanError {
        PlanError::Invalid {
            field: e.label.into(),
            message: e.message,
        }
    }
}

impl Cohort {
    /// Every wrong value that needs no database (year range, units).
    pub fn field_errors(&self, latest_year: i32) -> Vec<FieldError> {
        let mut v = Vec::new();
        if !(1990..=latest_year).contains(&self.purchase_year) {
            v.push(FieldError {
                field: "purchase_year",
                label: "Anschaffungsjahr",
                message: format!(
                    "{} liegt nicht zwischen 1990 und {latest_year}",
                    self.purchase_year
                ),
            });
        }
        if !(0..=1_000_000).contains(&self.units) {
            v.push(FieldError {
                field: "units",
                label: "Anzahl",
                message: format!("{} ist keine plausible Stückzahl", self.units),
            });
        }
        v
    }

    pub fn validate(&self, latest_year: i32) -> Result<(), PlanError> {
        match self.field_errors(latest_year).into_iter().next() {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }
}

/// All cohorts, ordered by school, category, year.
pub fn list_cohorts(conn: &Connection) -> Result<Vec<Cohort>, PlanError> {
    let mut st = conn.prepare(
        "SELECT id, schulnummer, category, purchase_year, units, source, note FROM budget_inventory
         ORDER BY schulnummer, category, purchase_year, id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Cohort {
            id: r.get(0)?,
            schulnummer: r.get(1)?,
            category: r.get(2)?,
            purchase_year: r.get(3)?,
            units: r.get(4)?,
            source: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Category keys known to any scenario's catalogue.
pub fn known_categories(conn: &Connection) -> Result<Vec<String>, PlanError> {
    let mut st = conn.prepare("SELECT DISTINCT key FROM budget_categories ORDER BY key")?;
    let v = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// Every wrong value of `c`: the checks of [`Cohort::field_errors`] plus school and category
/// known to the plan. Empty = `c` can be stored.
pub fn check_cohort(
    conn: &Connection,
    c: &Cohort,
    latest_year: i32,
) -> Result<Vec<FieldError>, PlanError> {
    let mut v = ref_errors(conn, c)?;
    v.extend(c.field_errors(latest_year));
    Ok(v)
}

fn ref_errors(conn: &Connection, c: &Cohort) -> Result<Vec<FieldError>, PlanError> {
    let mut v = Vec::new();
    let school: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM schools WHERE schulnummer = ?1)",
        [&c.schulnummer],
        |r| r.get(0),
    )?;
    if !school {
        v.push(FieldError {
            field: "schulnummer",
            label: "Schulnummer",
            message: format!("{} ist nicht im Schulregister", c.schulnummer),
        });
    }
    let known = known_categories(conn)?;
    if !known.contains(&c.category) {
        v.push(FieldError {
            field: "category",
            label: "Kategorie",
            message: format!(
                "„{}“ steht nicht im Katalog (bekannt: {})",
                c.category,
                known.join(", ")
            ),
        });
    }
    Ok(v)
}

fn check_refs(conn: &Connection, c: &Cohort) -> Result<(), PlanError> {
    match ref_errors(conn, c)?.into_iter().next() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// Adds a cohort entered by hand; returns its id.
pub fn add_cohort(conn: &Connection, c: &Cohort, latest_year: i32) -> Result<i64, PlanError> {
    c.validate(latest_year)?;
    check_refs(conn, c)?;
    conn.execute(
        "INSERT INTO budget_inventory (schulnummer, category, purchase_year, units, source, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.schulnummer,
            c.category,
            c.purchase_year,
            c.units,
            if c.source.is_empty() {
                "manual"
            } else {
                &c.source
            },
            c.note
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Changes units (and year) of a stored cohort.
pub fn update_cohort(conn: &Connection, c: &Cohort, latest_year: i32) -> Result<(), PlanError> {
    c.validate(latest_year)?;
    check_refs(conn, c)?;
    let n = conn.execute(
        "UPDATE budget_inventory SET schulnummer=?2, category=?3, purchase_year=?4, units=?5, note=?6 WHERE id=?1",
        params![c.id, c.schulnummer, c.category, c.purchase_year, c.units, c.note],
    )?;
    if n == 0 {
        return Err(PlanError::NotFound(format!("Bestandseintrag {}", c.id)));
    }
    Ok(())
}

pub fn delete_cohort(conn: &Connection, id: i64) -> Result<(), PlanError> {
    let n = conn.execute("DELETE FROM budget_inventory WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(PlanError::NotFound(format!("Bestandseintrag {id}")));
    }
    Ok(())
}
