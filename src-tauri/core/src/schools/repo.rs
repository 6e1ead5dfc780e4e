//! Reading and writing schools in the plan file.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{School, SchoolEdit};
use super::SchoolError;

const COLUMNS: &str = "schulnummer, name, name_2, name_3, schulform, gemeindeschluessel, verwaltungsbezirk, \
strasse, plz, ort, rechtsstatus, email, pupils, sozialindex, source, teachers, rooms, classes, pupil_growth_pct, notes";

fn from_row(r: &Row) -> rusqlite::Result<School> {
    Ok(School {
        schulnummer: r.get(0)?,
        name: r.get(1)?,
        name_2: r.get(2)?,
        name_3: r.get(3)?,
        schulform: r.get(4)?,
        gemeindeschluessel: r.get(5)?,
        verwaltungsbezirk: r.get(6)?,
        strasse: r.get(7)?,
        plz: r.get(8)?,
        ort: r.get(9)?,
        rechtsstatus: r.get(10)?,
        email: r.get(11)?,
        pupils: r.get(12)?,
        sozialindex: r.get(13)?,
        source: r.get(14)?,
        teachers: r.get(15)?,
        rooms: r.get(16)?,
        classes: r.get(17)?,
        pupil_growth_pct: r.get(18)?,
        notes: r.get(19)?,
        grades: vec![None; 13],
    })
}

/// All schools, ordered by Schulnummer, with their per-grade figures.
pub fn list_schools(conn: &Connection) -> Result<Vec<School>, SchoolError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM schools ORDER BY schulnummer"
    ))?;
    let mut schools: Vec<School> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    let mut g = conn.prepare("SELECT schulnummer, grade, pupils FROM school_grades")?;
    let rows = g.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let index: std::collections::HashMap<String, usize> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.schulnummer.clone(), i))
        .collect();
    for row in rows {
        let (nr, grade, pupils) = row?;
        if let (Some(&i), 1..=13) = (index.get(&nr), grade) {
            schools[i].grades[(grade - 1) as usize] = Some(pupils);
        }
    }
    Ok(schools)
}

pub fn get_school(conn: &Connection, schulnummer: &str) -> Result<School, SchoolError> {
    let mut s = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM schools WHERE schulnummer = ?1"),
            [schulnummer],
            from_row,
        )
        .optional()?
        .ok_or_else(|| SchoolError::NotFound(schulnummer.to_string()))?;
    let mut g = conn.prepare("SELECT grade, pupils FROM school_grades WHERE schulnummer = ?1")?;
    for row in g.query_map([schulnummer], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (grade, pupils) = row?;
        if (1..=13).contains(&grade) {
            s.grades[(grade - 1) as usize] = Some(pupils);
        }
    }
    Ok(s)
}

fn check_count(field: &str, v: Option<i64>, max: i64) -> Result<(), SchoolError> {
    match v {
        Some(n) if n < 0 => Err(SchoolError::Invalid {
            field: field.into(),
            message: format!("{n} ist negativ"),
        }),
        Some(n) if n > max => Err(SchoolError::Invalid {
            field: field.into(),
            message: format!("{n} ist unplausibel groß (höchstens {max})"),
        }),
        _ => Ok(()),
    }
}

fn validate(s: &School) -> Result<(), SchoolError> {
    if s.schulnummer.trim().is_empty()
        || !s.schulnummer.chars().all(|c| c.is_ascii_digit())
        || s.schulnummer.len() > 12
    {
        return Err(SchoolError::Invalid {
            field: "Schulnummer".into(),
            message: format!("„{}“ ist keine Schulnummer (nur Ziffern)", s.schulnummer),
        });
    }
    if s.name.trim().is_empty() {
        return Err(SchoolError::Invalid {
            field: "Name".into(),
            message: "darf nicht leer sein".into(),
        });
    }
    if s.schulform.trim().is_empty() {
        return Err(SchoolError::Invalid {
            field: "Schulform".into(),
            message: "darf nicht leer sein".into(),
        });
    }
    check_count("Schülerzahl", s.pupils, 20_000)?;
    check_count("Lehrkräfte", s.teachers, 2_000)?;
    check_count("Unterrichtsräume", s.rooms, 2_000)?;
    check_count("Klassen", s.classes, 2_000)?;
    if let Some(i) = s.sozialindex {
        if !(1..=9).contains(&i) {
            return Err(SchoolError::Invalid {
                field: "Sozialindex".into(),
                message: format!("{i} liegt nicht zwischen 1 und 9"),
            });
        }
    }
    if !s.pupil_growth_pct.is_finite() || s.pupil_growth_pct.abs() > 50.0 {
        return Err(SchoolError::Invalid {
            field: "Schülerzahl-Entwicklung".into(),
            message: "zwischen -50 und 50 % pro Jahr".into(),
        });
    }
    Ok(())
}

/// Adds a school entered by hand (or by the demo).
pub fn insert_school(conn: &Connection, s: &School) -> Result<(), SchoolError> {
    validate(s)?;
    let exists: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM schools WHERE schulnummer = ?1)",
        [&s.schulnummer],
        |r| r.get(0),
    )?;
    if exists {
        return Err(SchoolError::Duplicate(s.schulnummer.clone()));
    }
    conn.execute(
        &format!("INSERT INTO schools ({COLUMNS}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)"),
        params![
            s.schulnummer, s.name, s.name_2, s.name_3, s.schulform, s.gemeindeschluessel, s.verwaltungsbezirk,
            s.strasse, s.plz, s.ort, s.rechtsstatus, s.email, s.pupils, s.sozialindex, s.source,
            s.teachers, s.rooms, s.classes, s.pupil_growth_pct, s.notes
        ],
    )?;
    set_grades(conn, &s.schulnummer, &s.grades)?;
    Ok(())
}

/// Applies a user's edit and returns the school as stored.
pub fn update_school(
    conn: &Connection,
    schulnummer: &str,
    edit: &SchoolEdit,
) -> Result<School, SchoolError> {
    let mut s = get_school(conn, schulnummer)?;
    if let Some(v) = &edit.name {
        s.name = v.trim().to_string();
    }
    if let Some(v) = &edit.schulform {
        s.schulform = v.trim().to_string();
    }
    if let Some(v) = edit.pupils {
        s.pupils = v;
    }
    if let Some(v) = edit.sozialindex {
        s.sozialindex = v;
    }
    if let Some(v) = &edit.strasse {
        s.strasse = v.clone();
    }
    if let Some(v) = &edit.plz {
        s.plz = v.clone();
    }
    if let Some(v) = &edit.ort {
        s.ort = v.clone();
    }
    if let Some(v) = edit.teachers {
        s.teachers = v;
    }
    if let Some(v) = edit.rooms {
        s.rooms = v;
    }
    if let Some(v) = edit.classes {
        s.classes = v;
    }
    if let Some(v) = edit.pupil_growth_pct {
        s.pupil_growth_pct = v;
    }
    if let Some(v) = &edit.notes {
        s.notes = v.clone();
    }
    validate(&s)?;
    conn.execute(
        "UPDATE schools SET name=?2, schulform=?3, pupils=?4, sozialindex=?5, strasse=?6, plz=?7, ort=?8,
         teachers=?9, rooms=?10, classes=?11, pupil_growth_pct=?12, notes=?13,
         updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE schulnummer=?1",
        params![
            s.schulnummer, s.name, s.schulform, s.pupils, s.sozialindex, s.strasse, s.plz, s.ort,
            s.teachers, s.rooms, s.classes, s.pupil_growth_pct, s.notes
        ],
    )?;
    Ok(s)
}

/// Sets pupils per grade (index 0 = Jahrgang 1); `None` entries are removed.
pub fn set_grades(
    conn: &Connection,
    schulnummer: &str,
    grades: &[Option<i64>],
) -> Result<(), SchoolError> {
    for (i, g) in grades.iter().enumerate() {
        if let Some(n) = g {
            if *n < 0 || *n > 5_000 {
                return Err(SchoolError::Invalid {
                    field: format!("Jahrgang {}", i + 1),
                    message: format!("{n} ist keine plausible Schülerzahl"),
                });
            }
        }
    }
    if grades.len() > 13 {
        return Err(SchoolError::Invalid {
            field: "Jahrgänge".into(),
            message: "höchstens 13 Jahrgänge".into(),
        });
    }
    conn.execute(
        "DELETE FROM school_grades WHERE schulnummer = ?1",
        [schulnummer],
    )?;
    let mut stmt =
        conn.prepare("INSERT INTO school_grades (schulnummer, grade, pupils) VALUES (?1, ?2, ?3)")?;
    for (i, g) in grades.iter().enumerate() {
        if let Some(n) = g {
            stmt.execute(params![schulnummer, i as i64 + 1, n])?;
        }
    }
    Ok(())
}

pub fn delete_school(conn: &Connection, schulnummer: &str) -> Result<(), SchoolError> {
    let n = conn.execute("DELETE FROM schools WHERE schulnummer = ?1", [schulnummer])?;
    if n == 0 {
        return Err(SchoolError::NotFound(schulnummer.to_string()));
    }
    Ok(())
}
