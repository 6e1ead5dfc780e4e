//! Reading and writing the budget plan's assumptions and facts in the plan file.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::cap::SozialWeights;
use super::catalogue::{default_catalogue, Category, DEFAULT_ESCALATION_PCT};
use super::forecast::SchoolFacts;
use super::funding::{AmountMode, FundingSource};
use super::inventory::list_cohorts;
use super::plan::{MunicipalYear, PlanInput};
use super::scenario::Scenario;
use super::standards::{default_rules, form_key, parse_form, BasisKind, Rule};
use super::PlanError;

/// Name of the scenario created with the defaults.
pub const DEFAULT_SCENARIO: &str = "Basis";

fn weights_from_json(s: &str) -> SozialWeights {
    serde_json::from_str(s).unwrap_or_default()
}

fn scenario_row(r: &rusqlite::Row) -> rusqlite::Result<Scenario> {
    Ok(Scenario {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        is_default: r.get::<_, i64>(3)? != 0,
        base_year: r.get(4)?,
        from_year: r.get(5)?,
        to_year: r.get(6)?,
        escalation_pct: r.get(7)?,
        weights: weights_from_json(&r.get::<_, String>(8)?),
    })
}

const SCENARIO_COLS: &str =
    "id, name, description, is_default, base_year, from_year, to_year, escalation_pct, weights";

pub fn list_scenarios(conn: &Connection) -> Result<Vec<Scenario>, PlanError> {
    let mut st = conn.prepare(&format!(
        "SELECT {SCENARIO_COLS} FROM budget_scenarios ORDER BY is_default DESC, id"
    ))?;
    let v = st.query_map([], scenario_row)?.collect::<Result<_, _>>()?;
    Ok(v)
}

/// The named scenario, or the default one when `name` is None.
pub fn get_scenario(conn: &Connection, name: Option<&str>) -> Result<Scenario, PlanError> {
    let found = match name {
        Some(n) => conn
            .query_row(
                &format!("SELECT {SCENARIO_COLS} FROM budget_scenarios WHERE name = ?1"),
                [n],
                scenario_row,
            )
            .optional()?,
        None => conn
            .query_row(
                &format!(
                    "SELECT {SCENARIO_COLS} FROM budget_scenarios ORDER BY is_default DESC, id LIMIT 1"
                ),
                [],
                scenario_row,
            )
            .optional()?,
    };
    found.ok_or_else(|| {
        PlanError::NotFound(match name {
            Some(n) => format!("Szenario „{n}“"),
            None => "Ein Szenario (bitte zuerst eines anlegen)".into(),
        })
    })
}

/// Creates the default scenario with the default catalogue and standards if none exists.
/// `base_year` is the year of the register figures; the plan covers the next `years` years.
pub fn ensure_default_scenario(
    conn: &Connection,
    base_year: i32,
    years: i32,
) -> Result<Scenario, PlanError> {
    if let Ok(s) = get_scenario(conn, None) {
        return Ok(s);
    }
    conn.execute(
        "INSERT INTO budget_scenarios (name, description, is_default, base_year, from_year, to_year, escalation_pct, weights)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7)",
        params![
            DEFAULT_SCENARIO,
            "Standardannahmen: Katalog und Standards nach Fachkonzept (VBE-Forderungen)",
            base_year,
            base_year + 1,
            base_year + years.max(1),
            DEFAULT_ESCALATION_PCT,
            serde_json::to_string(&SozialWeights::default()).unwrap_or_default()
        ],
    )?;
    let id = conn.last_insert_rowid();
    for (i, c) in default_catalogue().iter().enumerate() {
        save_category(conn, id, c, i as i64)?;
    }
    for (i, r) in default_rules().iter().enumerate() {
        insert_rule(conn, id, r, i as i64)?;
    }
    get_scenario(conn, None)
}

/// Changes a scenario's settings (name, description, years, escalation, weights).
pub fn update_scenario(conn: &Connection, s: &Scenario) -> Result<(), PlanError> {
    if s.name.trim().is_empty() {
        return Err(PlanError::Invalid {
            field: "Szenario-Name".into(),
            message: "darf nicht leer sein".into(),
        });
    }
    if s.from_year > s.to_year || s.base_year > s.from_year || s.to_year - s.from_year > 30 {
        return Err(PlanError::Invalid {
            field: "Planungszeitraum".into(),
            message: format!(
                "Basisjahr {} ≤ Beginn {} ≤ Ende {} (höchstens 31 Jahre)",
                s.base_year, s.from_year, s.to_year
            ),
        });
    }
    if !s.escalation_pct.is_finite() || !(-20.0..=50.0).contains(&s.escalation_pct) {
        return Err(PlanError::Invalid {
            field: "Preissteigerung".into(),
            message: "zwischen -20 und 50 % pro Jahr".into(),
        });
    }
    s.weights.validate()?;
    let taken: i64 = conn.query_row(
        "SELECT count(*) FROM budget_scenarios WHERE name = ?1 AND id <> ?2",
        params![s.name, s.id],
        |r| r.get(0),
    )?;
    if taken > 0 {
        return Err(PlanError::Invalid {
            field: "Szenario-Name".into(),
            message: format!("ein Szenario „{}“ gibt es schon", s.name),
        });
    }
    let n = conn.execute(
        "UPDATE budget_scenarios SET name=?2, description=?3, base_year=?4, from_year=?5, to_year=?6, escalation_pct=?7, weights=?8 WHERE id=?1",
        params![
            s.id,
            s.name.trim(),
            s.description,
            s.base_year,
            s.from_year,
            s.to_year,
            s.escalation_pct,
            serde_json::to_string(&s.weights).unwrap_or_default()
        ],
    )?;
    if n == 0 {
        return Err(PlanError::NotFound(format!("Szenario {}", s.id)));
    }
    Ok(())
}

/// Copies scenario `from` (all its assumptions) under a new name; returns the new scenario.
pub fn copy_scenario(conn: &Connection, from: &str, new_name: &str) -> Result<Scenario, PlanError> {
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return Err(PlanError::Invalid {
            field: "Szenario-Name".into(),
            message: "darf nicht leer sein".into(),
        });
    }
    if get_scenario(conn, Some(new_name)).is_ok() {
        return Err(PlanError::Duplicate(new_name.into()));
    }
    let src = get_scenario(conn, Some(from))?;
    conn.execute(
        "INSERT INTO budget_scenarios (name, description, is_default, base_year, from_year, to_year, escalation_pct, weights)
         SELECT ?2, 'Kopie von ' || name, 0, base_year, from_year, to_year, escalation_pct, weights FROM budget_scenarios WHERE id = ?1",
        params![src.id, new_name],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO budget_categories (scenario_id, key, label, unit_price_cents, life_years, running_cents, defect_reserve_pct, is_device, is_mobile, source, source_date, sort)
         SELECT ?2, key, label, unit_price_cents, life_years, running_cents, defect_reserve_pct, is_device, is_mobile, source, source_date, sort FROM budget_categories WHERE scenario_id = ?1",
        params![src.id, id],
    )?;
    conn.execute(
        "INSERT INTO budget_rules (scenario_id, category, forms, basis, grade_from, grade_to, units_per, per, note, sort)
         SELECT ?2, category, forms, basis, grade_from, grade_to, units_per, per, note, sort FROM budget_rules WHERE scenario_id = ?1 ORDER BY sort, id",
        params![src.id, id],
    )?;
    conn.execute(
        "INSERT INTO budget_funding (scenario_id, name, sort_order, mode, amount_cents, start_year, end_year, categories, pays_running, cofunding_pct, school_cap_cents, school_cap_per_pupil_cents, mobile_max_pct, mobile_max_cents, note, carry_over)
         SELECT ?2, name, sort_order, mode, amount_cents, start_year, end_year, categories, pays_running, cofunding_pct, school_cap_cents, school_cap_per_pupil_cents, mobile_max_pct, mobile_max_cents, note, carry_over FROM budget_funding WHERE scenario_id = ?1 ORDER BY sort_order, id",
        params![src.id, id],
    )?;
    conn.execute(
        "INSERT INTO budget_municipal (scenario_id, year, budget_cents, cap_cents)
         SELECT ?2, year, budget_cents, cap_cents FROM budget_municipal WHERE scenario_id = ?1",
        params![src.id, id],
    )?;
    get_scenario(conn, Some(new_name))
}

pub fn delete_scenario(conn: &Connection, name: &str) -> Result<(), PlanError> {
    let s = get_scenario(conn, Some(name))?;
    if s.is_default {
        return Err(PlanError::Invalid {
            field: "Szenario".into(),
            message: format!("„{name}“ ist das Standardszenario und kann nicht gelöscht werden"),
        });
    }
    conn.execute("DELETE FROM budget_scenarios WHERE id = ?1", [s.id])?;
    Ok(())
}

// ---- catalogue ----

pub fn list_categories(conn: &Connection, scenario_id: i64) -> Result<Vec<Category>, PlanError> {
    let mut st = conn.prepare(
        "SELECT key, label, unit_price_cents, life_years, running_cents, defect_reserve_pct, is_device, is_mobile, source, source_date
         FROM budget_categories WHERE scenario_id = ?1 ORDER BY sort, key",
    )?;
    let v = st
        .query_map([scenario_id], |r| {
            Ok(Category {
                key: r.get(0)?,
                label: r.get(1)?,
                unit_price_cents: r.get(2)?,
                life_years: r.get(3)?,
                running_cents_per_year: r.get(4)?,
                defect_reserve_pct: r.get(5)?,
                is_device: r.get::<_, i64>(6)? != 0,
                is_mobile: r.get::<_, i64>(7)? != 0,
                source: r.get(8)?,
                source_date: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Inserts or replaces a category of a scenario (keeps its position when it exists).
pub fn save_category(
    conn: &Connection,
    scenario_id: i64,
    c: &Category,
    sort: i64,
) -> Result<(), PlanError> {
    c.validate()?;
    let existing: Option<i64> = conn
        .query_row(
            "SELECT sort FROM budget_categories WHERE scenario_id = ?1 AND key = ?2",
            params![scenario_id, c.key],
            |r| r.get(0),
        )
        .optional()?;
    let sort = existing.unwrap_or(sort);
    conn.execute(
        "INSERT INTO budget_categories (scenario_id, key, label, unit_price_cents, life_years, running_cents, defect_reserve_pct, is_device, is_mobile, source, source_date, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT(scenario_id, key) DO UPDATE SET label=excluded.label, unit_price_cents=excluded.unit_price_cents,
           life_years=excluded.life_years, running_cents=excluded.running_cents, defect_reserve_pct=excluded.defect_reserve_pct,
           is_device=excluded.is_device, is_mobile=excluded.is_mobile, source=excluded.source, source_date=excluded.source_date",
        params![
            scenario_id,
            c.key,
            c.label,
            c.unit_price_cents,
            c.life_years,
            c.running_cents_per_year,
            c.defect_reserve_pct,
            c.is_device as i64,
            c.is_mobile as i64,
            c.source,
            c.source_date,
            sort
        ],
    )?;
    Ok(())
}

// ---- standards ----

pub fn list_rules(conn: &Connection, scenario_id: i64) -> Result<Vec<Rule>, PlanError> {
    let mut st = conn.prepare(
        "SELECT id, category, forms, basis, grade_from, grade_to, units_per, per, note
         FROM budget_rules WHERE scenario_id = ?1 ORDER BY sort, id",
    )?;
    let v = st
        .query_map([scenario_id], |r| {
            let forms: String = r.get(2)?;
            let basis: String = r.get(3)?;
            Ok(Rule {
                id: r.get(0)?,
                category: r.get(1)?,
                forms: forms.split(',').filter_map(parse_form).collect(),
                basis: BasisKind::parse(&basis).unwrap_or(BasisKind::School),
                grade_from: r.get::<_, i64>(4)?.clamp(1, 13) as u8,
                grade_to: r.get::<_, i64>(5)?.clamp(1, 13) as u8,
                units_per: r.get(6)?,
                per: r.get(7)?,
                note: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

fn forms_text(r: &Rule) -> String {
    r.forms
        .iter()
        .map(|f| form_key(*f))
        .collect::<Vec<_>>()
        .join(",")
}

/// Adds a rule to a scenario; returns its id.
pub fn insert_rule(
    conn: &Connection,
    scenario_id: i64,
    r: &Rule,
    sort: i64,
) -> Result<i64, PlanError> {
    let cats = list_categories(conn, scenario_id)?;
    r.validate(&cats)?;
    conn.execute(
        "INSERT INTO budget_rules (scenario_id, category, forms, basis, grade_from, grade_to, units_per, per, note, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            scenario_id,
            r.category,
            forms_text(r),
            r.basis.key(),
            r.grade_from,
            r.grade_to,
            r.units_per,
            r.per,
            r.note,
            sort
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Changes a stored rule (by `r.id`).
pub fn update_rule(conn: &Connection, scenario_id: i64, r: &Rule) -> Result<(), PlanError> {
    let cats = list_categories(conn, scenario_id)?;
    r.validate(&cats)?;
    let n = conn.execute(
        "UPDATE budget_rules SET category=?3, forms=?4, basis=?5, grade_from=?6, grade_to=?7, units_per=?8, per=?9, note=?10
         WHERE id=?1 AND scenario_id=?2",
        params![
            r.id,
            scenario_id,
            r.category,
            forms_text(r),
            r.basis.key(),
            r.grade_from,
            r.grade_to,
            r.units_per,
            r.per,
            r.note
        ],
    )?;
    if n == 0 {
        return Err(PlanError::NotFound(format!("Regel {}", r.id)));
    }
    Ok(())
}

pub fn delete_rule(conn: &Connection, scenario_id: i64, id: i64) -> Result<(), PlanError> {
    let n = conn.execute(
        "DELETE FROM budget_rules WHERE id = ?1 AND scenario_id = ?2",
        params![id, scenario_id],
    )?;
    if n == 0 {
        return Err(PlanError::NotFound(format!("Regel {id}")));
    }
    Ok(())
}

// ---- funding ----

pub fn list_funding(conn: &Connection, scenario_id: i64) -> Result<Vec<FundingSource>, PlanError> {
    let mut st = conn.prepare(
        "SELECT id, name, sort_order, mode, amount_cents, start_year, end_year, categories, pays_running, cofunding_pct,
                school_cap_cents, school_cap_per_pupil_cents, mobile_max_pct, mobile_max_cents, note, carry_over
         FROM budget_funding WHERE scenario_id = ?1 ORDER BY sort_order, id",
    )?;
    let v = st
        .query_map([scenario_id], |r| {
            let cats: String = r.get(7)?;
            Ok(FundingSource {
                id: r.get(0)?,
                name: r.get(1)?,
                order: r.get(2)?,
                mode: AmountMode::parse(&r.get::<_, String>(3)?).unwrap_or(AmountMode::PerYear),
                amount_cents: r.get(4)?,
                start_year: r.get(5)?,
                end_year: r.get(6)?,
                categories: cats
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
                pays_running: r.get::<_, i64>(8)? != 0,
                cofunding_pct: r.get(9)?,
                school_cap_cents: r.get(10)?,
                school_cap_per_pupil_cents: r.get(11)?,
                mobile_max_pct: r.get(12)?,
                mobile_max_cents: r.get(13)?,
                note: r.get(14)?,
                carry_over: r.get::<_, i64>(15)? != 0,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Inserts (id 0) or updates a funding source; returns its id.
pub fn save_funding(
    conn: &Connection,
    scenario_id: i64,
    f: &FundingSource,
) -> Result<i64, PlanError> {
    f.validate()?;
    let cats = list_categories(conn, scenario_id)?;
    for k in &f.categories {
        if !cats.iter().any(|c| c.key == *k) {
            return Err(PlanError::Invalid {
                field: format!("Förderquelle „{}“: Kategorien", f.name),
                message: format!("„{k}“ steht nicht im Katalog"),
            });
        }
    }
    let p = params![
        scenario_id,
        f.name.trim(),
        f.order,
        f.mode.key(),
        f.amount_cents,
        f.start_year,
        f.end_year,
        f.categories.join(","),
        f.pays_running as i64,
        f.cofunding_pct,
        f.school_cap_cents,
        f.school_cap_per_pupil_cents,
        f.mobile_max_pct,
        f.mobile_max_cents,
        f.note,
        f.carry_over as i64,
        f.id
    ];
    if f.id == 0 {
        conn.execute(
            "INSERT INTO budget_funding (scenario_id, name, sort_order, mode, amount_cents, start_year, end_year, categories, pays_running,
               cofunding_pct, school_cap_cents, school_cap_per_pupil_cents, mobile_max_pct, mobile_max_cents, note, carry_over)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
            &p[..16],
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        let n = conn.execute(
            "UPDATE budget_funding SET name=?2, sort_order=?3, mode=?4, amount_cents=?5, start_year=?6, end_year=?7, categories=?8,
               pays_running=?9, cofunding_pct=?10, school_cap_cents=?11, school_cap_per_pupil_cents=?12, mobile_max_pct=?13,
               mobile_max_cents=?14, note=?15, carry_over=?16 WHERE id=?17 AND scenario_id=?1",
            p,
        )?;
        if n == 0 {
            return Err(PlanError::NotFound(format!("Förderquelle {}", f.id)));
        }
        Ok(f.id)
    }
}

pub fn delete_funding(conn: &Connection, scenario_id: i64, id: i64) -> Result<(), PlanError> {
    let n = conn.execute(
        "DELETE FROM budget_funding WHERE id = ?1 AND scenario_id = ?2",
        params![id, scenario_id],
    )?;
    if n == 0 {
        return Err(PlanError::NotFound(format!("Förderquelle {id}")));
    }
    Ok(())
}

// ---- municipal budget ----

pub fn list_municipal(
    conn: &Connection,
    scenario_id: i64,
) -> Result<Vec<MunicipalYear>, PlanError> {
    let mut st = conn.prepare(
        "SELECT year, budget_cents, cap_cents FROM budget_municipal WHERE scenario_id = ?1 ORDER BY year",
    )?;
    let v = st
        .query_map([scenario_id], |r| {
            Ok(MunicipalYear {
                year: r.get(0)?,
                budget_cents: r.get(1)?,
                cap_cents: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Saves the budget and cap of a year; a year with neither has no row (an existing one is
/// removed), so "no budget entered" stays distinct from "0 € budget".
pub fn set_municipal(
    conn: &Connection,
    scenario_id: i64,
    m: &MunicipalYear,
) -> Result<(), PlanError> {
    if m.budget_cents.is_some_and(|c| c < 0) || m.cap_cents.is_some_and(|c| c < 0) {
        return Err(PlanError::Invalid {
            field: format!("Kommunales Budget {}", m.year),
            message: "darf nicht negativ sein".into(),
        });
    }
    if m.is_empty() {
        conn.execute(
            "DELETE FROM budget_municipal WHERE scenario_id = ?1 AND year = ?2",
            params![scenario_id, m.year],
        )?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO budget_municipal (scenario_id, year, budget_cents, cap_cents) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(scenario_id, year) DO UPDATE SET budget_cents=excluded.budget_cents, cap_cents=excluded.cap_cents",
        params![scenario_id, m.year, m.budget_cents, m.cap_cents],
    )?;
    Ok(())
}

// ---- pupils per year ----

pub fn pupil_forecast(conn: &Connection) -> Result<HashMap<String, BTreeMap<i32, f64>>, PlanError> {
    let mut st = conn.prepare("SELECT schulnummer, year, pupils FROM budget_pupil_forecast")?;
    let mut out: HashMap<String, BTreeMap<i32, f64>> = HashMap::new();
    for row in st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (nr, y, p) = row?;
        out.entry(nr).or_default().insert(y, p as f64);
    }
    Ok(out)
}

/// Sets (Some) or clears (None) the pupils entered for a school and year.
pub fn set_pupils_for_year(
    conn: &Connection,
    schulnummer: &str,
    year: i32,
    pupils: Option<i64>,
) -> Result<(), PlanError> {
    match pupils {
        Some(p) if !(0..=20_000).contains(&p) => Err(PlanError::Invalid {
            field: format!("Schülerzahl {year}"),
            message: format!("{p} ist nicht plausibel"),
        }),
        Some(p) => {
            conn.execute(
                "INSERT INTO budget_pupil_forecast (schulnummer, year, pupils) VALUES (?1, ?2, ?3)
                 ON CONFLICT(schulnummer, year) DO UPDATE SET pupils = excluded.pupils",
                params![schulnummer, year, p],
            )?;
            Ok(())
        }
        None => {
            conn.execute(
                "DELETE FROM budget_pupil_forecast WHERE schulnummer = ?1 AND year = ?2",
                params![schulnummer, year],
            )?;
            Ok(())
        }
    }
}

// ---- the whole input ----

/// Loads everything the plan of `scenario` needs; `years` overrides the horizon.
pub fn load_input(
    conn: &Connection,
    scenario: Option<&str>,
    years: Option<(i32, i32)>,
) -> Result<PlanInput, PlanError> {
    let sc = get_scenario(conn, scenario)?;
    let schools = crate::schools::list_schools(conn).map_err(|e| match e {
        crate::schools::SchoolError::Sqlite(s) => PlanError::Sqlite(s),
        other => PlanError::Invalid {
            field: "Schulregister".into(),
            message: other.to_string(),
        },
    })?;
    let mut forecast = pupil_forecast(conn)?;
    let (from, to) = years.unwrap_or((sc.from_year, sc.to_year));
    Ok(PlanInput {
        scenario: sc.name.clone(),
        base_year: sc.base_year.min(from),
        from_year: from,
        to_year: to,
        escalation_pct: sc.escalation_pct,
        categories: list_categories(conn, sc.id)?,
        rules: list_rules(conn, sc.id)?,
        schools: schools
            .iter()
            .map(|s| {
                SchoolFacts::from_school(s, forecast.remove(&s.schulnummer).unwrap_or_default())
            })
            .collect(),
        cohorts: list_cohorts(conn)?,
        funding: list_funding(conn, sc.id)?,
        municipal: list_municipal(conn, sc.id)?,
        weights: sc.weights.clone(),
    })
}
