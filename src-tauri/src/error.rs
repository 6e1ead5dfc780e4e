//! The error a command returns to the window: `{kind, message}` with a plain German message.
//! `kind` is a stable key (`store`, `import`, `school`, …, `no_plan`, `dialog`, `internal`) the UI
//! may use to decide how to show it; `message` is shown as it is.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UiError {
    pub kind: String,
    pub message: String,
}

impl UiError {
    pub fn new(kind: &str, message: impl Into<String>) -> UiError {
        UiError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }

    /// No plan file is open (e.g. the last one could not be opened at start).
    pub fn no_plan() -> UiError {
        UiError::new(
            "no_plan",
            "Es ist kein Plan geöffnet. Bitte über „Datei“ einen Plan öffnen oder neu anlegen.",
        )
    }

    /// Something in the shell itself went wrong (a background task panicked, a lock is poisoned).
    pub fn internal(detail: impl std::fmt::Display) -> UiError {
        UiError::new(
            "internal",
            format!("Interner Fehler: {detail}. Bitte das Programm neu starten; die Plandatei ist nicht betroffen."),
        )
    }
}

impl std::fmt::Display for UiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UiError {}

impl From<schulit_core::CoreError> for UiError {
    fn from(e: schulit_core::CoreError) -> Self {
        UiError::new(e.kind(), e.to_string())
    }
}

impl From<schulit_core::store::StoreError> for UiError {
    fn from(e: schulit_core::store::StoreError) -> Self {
        schulit_core::CoreError::from(e).into()
    }
}

impl From<schulit_core::schools::SchoolError> for UiError {
    fn from(e: schulit_core::schools::SchoolError) -> Self {
        schulit_core::CoreError::from(e).into()
    }
}

impl From<schulit_core::import::ImportError> for UiError {
    fn from(e: schulit_core::import::ImportError) -> Self {
        schulit_core::CoreError::from(e).into()
    }
}

/// What every command returns.
pub type UiResult<T> = Result<T, UiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_kind_and_german_message() {
        let e: UiError = schulit_core::schools::SchoolError::NotFound("123456".into()).into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], "school");
        assert_eq!(json["message"], "Schule 123456 ist nicht im Schulregister.");
    }
}
