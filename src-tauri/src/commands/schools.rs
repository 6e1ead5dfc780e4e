//! The school register: list, show, add, edit (incl. pupils per Jahrgang), delete, and the
//! import of the NRW school directory with a choice of Schulträger.

use schulit_core::schools::{self, DirectoryFilter, DirectoryTraeger, ImportSummary, School};
use schulit_core::store;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec, TABLE_FILTERS};
use crate::error::{UiError, UiResult};
use crate::state::{blocking, AppState};

/// A school as the window shows it: the stored school plus what is derived from it.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolView {
    #[serde(flatten)]
    pub school: School,
    pub display_name: String,
    /// Sum of the per-grade figures when given, else the directory total.
    pub pupils_total: i64,
    pub is_public: bool,
    /// Jahrgänge (from, to) of the school form, for the per-grade form.
    pub grade_range: (u8, u8),
}

impl From<School> for SchoolView {
    fn from(s: School) -> Self {
        SchoolView {
            display_name: s.display_name(),
            pupils_total: s.pupils_total(),
            is_public: s.is_public(),
            grade_range: schools::grade_range(&s.schulform),
            school: s,
        }
    }
}

/// The school form as the window sends it: always every field (a cleared number is `null`).
#[derive(Debug, Clone, Deserialize)]
pub struct SchoolInput {
    pub name: String,
    pub schulform: String,
    pub pupils: Option<i64>,
    pub sozialindex: Option<i64>,
    #[serde(default)]
    pub strasse: String,
    #[serde(default)]
    pub plz: String,
    #[serde(default)]
    pub ort: String,
    pub teachers: Option<i64>,
    pub rooms: Option<i64>,
    pub classes: Option<i64>,
    #[serde(default)]
    pub pupil_growth_pct: f64,
    #[serde(default)]
    pub notes: String,
    /// Pupils per Jahrgang 1–13 (index 0 = Jahrgang 1); empty = not known.
    #[serde(default)]
    pub grades: Vec<Option<i64>>,
}

impl SchoolInput {
    fn edit(&self) -> schools::SchoolEdit {
        schools::SchoolEdit {
            name: Some(self.name.clone()),
            schulform: Some(self.schulform.clone()),
            pupils: Some(self.pupils),
            sozialindex: Some(self.sozialindex),
            strasse: Some(self.strasse.clone()),
            plz: Some(self.plz.clone()),
            ort: Some(self.ort.clone()),
            teachers: Some(self.teachers),
            rooms: Some(self.rooms),
            classes: Some(self.classes),
            pupil_growth_pct: Some(self.pupil_growth_pct),
            notes: Some(self.notes.clone()),
        }
    }

    fn grades13(&self) -> Vec<Option<i64>> {
        let mut g = self.grades.clone();
        g.resize(13, None);
        g
    }
}

/// All schools of the plan, by Schulnummer.
#[tauri::command]
pub async fn schools_list(state: State<'_, AppState>) -> UiResult<Vec<SchoolView>> {
    state
        .with_store(|s| {
            Ok(schools::list_schools(s.conn())?
                .into_iter()
                .map(SchoolView::from)
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn schools_get(state: State<'_, AppState>, schulnummer: String) -> UiResult<SchoolView> {
    state
        .with_store(move |s| Ok(schools::get_school(s.conn(), &schulnummer)?.into()))
        .await
}

/// Adds a school by hand.
#[tauri::command]
pub async fn schools_create(
    state: State<'_, AppState>,
    schulnummer: String,
    school: SchoolInput,
) -> UiResult<SchoolView> {
    state
        .with_store(move |s| {
            let nr = schulnummer.trim().to_string();
            let new = School {
                schulnummer: nr.clone(),
                name: school.name.trim().to_string(),
                name_2: String::new(),
                name_3: String::new(),
                schulform: school.schulform.trim().to_string(),
                gemeindeschluessel: String::new(),
                verwaltungsbezirk: String::new(),
                strasse: school.strasse.clone(),
                plz: school.plz.clone(),
                ort: school.ort.clone(),
                rechtsstatus: "Öffentlich".into(),
                email: String::new(),
                pupils: school.pupils,
                sozialindex: school.sozialindex,
                source: "manual".into(),
                teachers: school.teachers,
                rooms: school.rooms,
                classes: school.classes,
                pupil_growth_pct: school.pupil_growth_pct,
                notes: school.notes.clone(),
                grades: school.grades13(),
            };
            s.transaction(|tx| schools::insert_school(tx, &new))?;
            Ok(schools::get_school(s.conn(), &nr)?.into())
        })
        .await
}

/// Saves the edit form of a school (official and own fields, pupils per Jahrgang) in one
/// transaction.
#[tauri::command]
pub async fn schools_update(
    state: State<'_, AppState>,
    schulnummer: String,
    school: SchoolInput,
) -> UiResult<SchoolView> {
    state
        .with_store(move |s| {
            let edit = school.edit();
            let grades = school.grades13();
            let saved = s.transaction(|tx| {
                schools::update_school(tx, &schulnummer, &edit)?;
                schools::set_grades(tx, &schulnummer, &grades)?;
                schools::get_school(tx, &schulnummer)
            })?;
            Ok(saved.into())
        })
        .await
}

#[tauri::command]
pub async fn schools_delete(state: State<'_, AppState>, schulnummer: String) -> UiResult<()> {
    state
        .with_store(move |s| Ok(schools::delete_school(s.conn(), &schulnummer)?))
        .await
}

/// A directory file chosen for import, with the Schulträger it contains.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryChoice {
    pub path: String,
    pub file_name: String,
    pub traeger: Vec<DirectoryTraeger>,
    /// Index into `traeger` to preselect (the plan's Schulträger, if it is in the file).
    pub suggested: Option<usize>,
}

/// Asks for a directory file (CSV/XLSX) and lists its Schulträger. `None` = cancelled.
#[tauri::command]
pub async fn schools_import_choose_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<DirectoryChoice>> {
    let spec = DialogSpec::new("NRW-Schulverzeichnis wählen", TABLE_FILTERS);
    let Some(path) = dialogs::pick_open(&app, spec).await? else {
        return Ok(None);
    };
    let traeger_of_plan = state
        .with_store(|s| Ok(store::get_meta(s.conn(), "traeger")?))
        .await
        .ok()
        .flatten();
    let p = path.clone();
    let traeger = blocking(move || Ok(schools::list_directory_traeger(&p)?)).await?;
    let suggested = traeger_of_plan.and_then(|t| {
        traeger
            .iter()
            .position(|d| d.verwaltungsbezirk.eq_ignore_ascii_case(&t))
    });
    Ok(Some(DirectoryChoice {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.display().to_string(),
        traeger,
        suggested,
    }))
}

/// Imports the schools of one Schulträger from the directory file at `path`.
#[tauri::command]
pub async fn schools_import(
    state: State<'_, AppState>,
    path: String,
    verwaltungsbezirk: String,
    gemeindeschluessel: String,
    public_only: bool,
) -> UiResult<ImportSummary> {
    if verwaltungsbezirk.trim().is_empty() && gemeindeschluessel.trim().is_empty() {
        return Err(UiError::new(
            "import",
            "Bitte einen Schulträger (Verwaltungsbezirk) auswählen.",
        ));
    }
    state
        .with_store(move |s| {
            let filter = DirectoryFilter {
                traeger: Some(verwaltungsbezirk.clone()).filter(|t| !t.trim().is_empty()),
                gemeindeschluessel: Some(gemeindeschluessel).filter(|k| !k.trim().is_empty()),
                public_only,
            };
            let summary = schools::import_directory(s, std::path::Path::new(&path), &filter)?;
            if store::get_meta(s.conn(), "traeger")?.is_none() && !verwaltungsbezirk.is_empty() {
                store::set_meta(s.conn(), "traeger", &verwaltungsbezirk)?;
            }
            Ok(summary)
        })
        .await
}
