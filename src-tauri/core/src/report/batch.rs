//! All per-school reports into one folder, with progress for the UI's progress bar.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::school::{school_document_with, ReportOptions};
use super::ReportError;
use crate::schools::list_schools;
use crate::{CoreError, Store};

/// Progress of a batch run.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Reports done so far (1-based after each report).
    pub done: usize,
    pub total: usize,
    pub schulnummer: String,
    pub file: String,
}

/// File name of a school's report: `Schulbericht_<Schulnummer>_<name>.pdf` (safe characters only).
pub fn file_name(schulnummer: &str, label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars() {
        let c = match c {
            'ä' => "ae".to_string(),
            'ö' => "oe".to_string(),
            'ü' => "ue".to_string(),
            'Ä' => "Ae".to_string(),
            'Ö' => "Oe".to_string(),
            'Ü' => "Ue".to_string(),
            'ß' => "ss".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        slug.push_str(&c);
    }
    let mut out = String::new();
    for part in slug.split('-').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    let out: String = out.chars().take(60).collect();
    format!("Schulbericht_{schulnummer}_{out}.pdf")
}

/// Writes one report per school into `dir` (created if missing). `progress` is called after
/// each report; returning `false` from it cancels the run. Returns the written files.
pub fn batch_school_reports(
    store: &Store,
    dir: &Path,
    o: &ReportOptions,
    mut progress: impl FnMut(&Progress) -> bool,
) -> Result<Vec<PathBuf>, CoreError> {
    std::fs::create_dir_all(dir).map_err(|e| ReportError::Io {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let schools = list_schools(store.conn())?;
    let total = schools.len();
    let mut files = Vec::with_capacity(total);
    // The district's KPIs once for all reports.
    let support = super::support::load(store, o.date)?;
    for (i, s) in schools.iter().enumerate() {
        let doc = school_document_with(store, &s.schulnummer, o, support.as_ref())?;
        let pdf = super::pdf::render_pdf(&doc)?;
        let name = file_name(&s.schulnummer, &crate::chart::schools::school_label(s));
        let path = dir.join(&name);
        super::write_atomic(&path, &pdf)?;
        files.push(path);
        let go_on = progress(&Progress {
            done: i + 1,
            total,
            schulnummer: s.schulnummer.clone(),
            file: name,
        });
        if !go_on {
            break;
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("103330", "Städt. Gem. Grundschule, Leverkusen-Steinbüchel"),
            "Schulbericht_103330_Staedt-Gem-Grundschule-Leverkusen-Steinbuechel.pdf"
        );
        assert_eq!(file_name("1", "../../etc"), "Schulbericht_1_etc.pdf");
    }
}
