//! Integration tests of `schulit-core` through its public API, one test binary (one link of the
//! core for all of them): the demo district's plan, the inventory import, the real ticket-system
//! exports and the offers comparison.
//!
//! One area: `cargo test -p schulit-core --test domain ticket_formats::`.

mod budget_demo;
mod budget_inventory_import;
mod offers;
mod ticket_formats;
