//! The real app in a real window: Xvfb, `tauri-driver` and WebKitWebDriver
//! (`tests/common/webdriver.rs`). One test binary for all screens, so the debug build links it
//! once; the tests run one after another (one window lock per binary).
//!
//! One screen: `cargo xtask test --test window plan::` (screenshots in `target/screenshots/`).

#[path = "../common/mod.rs"]
mod common;

mod budget;
mod budget_assumptions;
mod calendar;
mod inventory;
mod kpi;
mod offers;
mod plan;
mod privacy;
mod reports;
mod schools;
mod tickets;
