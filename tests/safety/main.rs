//! Data safety and security (issue #8), one test binary: the kill harness, hostile input files,
//! backups before imports, schema fixtures, data protection, formula-safe exports and the least
//! privilege of the window.
//!
//! One area: `cargo test --test safety kill_harness::`.

mod safety_common;

mod bad_inputs;
mod data_protection;
mod export_formula_safety;
mod import_backups;
mod kill_harness;
mod least_privilege;
mod schema_fixtures;
