//! Printing results: German text for people, JSON for scripts.

use serde::Serialize;

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
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("Fehler bei der JSON-Ausgabe: {e}"),
            }
        } else {
            println!("{}", text());
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
