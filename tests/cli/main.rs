//! The real `schulit` binary on real plan files, one test binary for all subcommands:
//! schools (NRW directory), plan, offers, tickets and KPIs.
//!
//! One area: `cargo test --test cli schools::`.

#[path = "../common/mod.rs"]
mod common;

mod kpi;
mod offers;
mod plan;
mod schools;
mod tickets;
