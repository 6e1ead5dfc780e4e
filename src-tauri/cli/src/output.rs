//! Printing results: German text for people, JSON for scripts.

use std::io::Write;

use serde::Serialize;

/// Writes one line to stdout. A closed pipe (`schulit … | head`) ends output quietly instead of
/// panicking as `println!` would.
pub fn out_line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
}

pub struct Output {
    pub json: bool,
}

impl Output {
    pub fn new(json: bool) -> Output {
        Output { json }
    }

    /// Prints `value` as JSON (with `--json`) or `text()` otherwise.
    pub fn print<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => out_line(&s),
                Err(e) => eprintln!("Fehler bei der JSON-Ausgabe: {e}"),
            }
        } else {
            out_line(&text());
        }
    }

    pub fn error(&self, kind: &str, message: &str) {
        if self.json {
            let v = serde_json::json!({"error": {"kind": kind, "message": message}});
            eprintln!("{v}");
        } else {
            eprintln!("Fehler: {message}");
        }
    }
}
