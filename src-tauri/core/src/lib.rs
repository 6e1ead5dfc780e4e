//! Domain core of Schul-IT-Cockpit. It knows no window: the Tauri shell and the CLI are thin
//! layers over it, so a figure is computed in exactly one place.
//!
//! Data flows one way: `import` → `store` → compute (`budget`, `offers`, `kpi`) → `chart` /
//! `report` → UI. See `docs/ARCHITECTURE.md`.

pub mod budget;
pub mod calendar;
pub mod chart;
pub mod demo;
pub mod error;
pub mod format;
pub mod import;
pub mod kpi;
pub mod money;
pub mod offers;
pub mod privacy;
pub mod report;
pub mod sanitize;
pub mod schools;
pub mod store;
pub mod tickets;

pub use error::CoreError;
pub use store::Store;

/// Attribution required by the licence (dl-de/by-2-0) wherever directory data appear.
pub const DIRECTORY_ATTRIBUTION: &str = "Schuldaten: IT.NRW, Statistisches Landesamt, Düsseldorf, 2025 \
(Schul- und Adressverzeichnis 2024/25); Schulsozialindex: Ministerium für Schule und Bildung NRW \
(Open Data Schulliste 2025/26). Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0).";
