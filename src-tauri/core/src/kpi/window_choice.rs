//! Which service window the KPIs are measured on: the one the user chose, else the window that
//! carries the name of the contract whose SLA targets apply, else the district's "Standard".

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::KpiError;
use crate::calendar::DEFAULT_WINDOW;

/// Why a window was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowReason {
    /// Given explicitly (filter on the screen, `--window`).
    Chosen,
    /// The contract of the targets has a window of its own name.
    Contract,
    /// The district's default; the contract has no window of its own.
    Default,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowChoice {
    pub name: String,
    pub reason: WindowReason,
}

/// Picks the window for `contract`; an empty `explicit` counts as not given.
pub fn choose_window(
    conn: &Connection,
    contract: &str,
    explicit: Option<&str>,
) -> Result<WindowChoice, KpiError> {
    if let Some(w) = explicit.map(str::trim).filter(|w| !w.is_empty()) {
        return Ok(WindowChoice {
            name: w.to_string(),
            reason: WindowReason::Chosen,
        });
    }
    let own: Option<String> = conn
        .query_row(
            "SELECT name FROM service_windows WHERE name = ?1",
            [contract],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match own {
        Some(name) if name != DEFAULT_WINDOW => WindowChoice {
            name,
            reason: WindowReason::Contract,
        },
        _ => WindowChoice {
            name: DEFAULT_WINDOW.into(),
            reason: WindowReason::Default,
        },
    })
}

impl WindowChoice {
    /// "Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags) – Mo–Fr 08:00–17:00 …".
    pub fn label(&self, contract: &str, description: &str) -> String {
        let why = match self.reason {
            WindowReason::Chosen => "ausdrücklich gewählt".to_string(),
            WindowReason::Contract => format!("Servicezeit des Vertrags „{contract}“"),
            WindowReason::Default if contract == super::DEFAULT_CONTRACT => {
                "Standard des Schulträgers".to_string()
            }
            WindowReason::Default => format!(
                "Standard des Schulträgers; der Vertrag „{contract}“ hat keine eigene Servicezeit"
            ),
        };
        format!("Servicezeiten: „{}“ ({why}) – {description}", self.name)
    }

    /// The same in English.
    pub fn label_en(&self, contract: &str, description_en: &str) -> String {
        let why = match self.reason {
            WindowReason::Chosen => "chosen explicitly".to_string(),
            WindowReason::Contract => format!("service hours of the contract “{contract}”"),
            WindowReason::Default if contract == super::DEFAULT_CONTRACT => {
                "school authority default".to_string()
            }
            WindowReason::Default => format!(
                "school authority default; the contract “{contract}” has no service hours of its own"
            ),
        };
        format!("Service hours: “{}” ({why}) – {description_en}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::service_window::{save_service_window, ServiceWindow};
    use crate::Store;

    #[test]
    fn contract_window_unless_one_is_chosen() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        let pick = |contract: &str, w: Option<&str>| choose_window(c, contract, w).unwrap();
        // No window named after the contract: the district's.
        assert_eq!(
            pick("Vertrag Netz", None),
            WindowChoice {
                name: "Standard".into(),
                reason: WindowReason::Default
            }
        );
        save_service_window(
            c,
            &ServiceWindow {
                name: "Vertrag Netz".into(),
                scope: "contract".into(),
                ..ServiceWindow::default()
            },
        )
        .unwrap();
        assert_eq!(
            pick("Vertrag Netz", None),
            WindowChoice {
                name: "Vertrag Netz".into(),
                reason: WindowReason::Contract
            }
        );
        assert_eq!(
            pick("Vertrag Netz", Some("  ")).reason,
            WindowReason::Contract
        );
        assert_eq!(
            pick("Vertrag Netz", Some("Standard")),
            WindowChoice {
                name: "Standard".into(),
                reason: WindowReason::Chosen
            }
        );
        assert_eq!(pick("Standard", None).reason, WindowReason::Default);
        let l = pick("Vertrag Netz", None).label("Vertrag Netz", "Mo–Fr 07:30–16:00");
        assert_eq!(
            l,
            "Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags „Vertrag Netz“) – Mo–Fr 07:30–16:00"
        );
        let l = pick("Vertrag B", None).label_en("Vertrag B", "Mon–Fri 07:30–16:00");
        assert_eq!(
            l,
            "Service hours: “Standard” (school authority default; the contract “Vertrag B” has no service hours of its own) – Mon–Fri 07:30–16:00"
        );
    }
}
