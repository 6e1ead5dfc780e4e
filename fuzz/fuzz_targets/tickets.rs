//! Ticket exports (format detection: Zammad, GLPI, Znuny, Jira, iTop; CSV and XLSX), end to end
//! into an in-memory plan. The first byte picks the declared source, so every format's parser is
//! reached even when detection would not choose it.
//!
//! The plan is created once per fuzzing process (its migrations cost more than most inputs) and
//! emptied of everything a ticket import writes after each input, so inputs stay independent.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use schulit_core::tickets::{import_bytes, ImportOptions};
use schulit_core::Store;

const SOURCES: [&str; 6] = ["auto", "zammad", "glpi", "znuny", "jira", "itop"];

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

fuzz_target!(|data: &[u8]| {
    // Panics inside the XLSX reader are caught and reported as a German message
    // (import::read_xlsx_rows); only other panics count as crashes.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(schulit_core::import::quiet_caught_xlsx_panics);
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let opts = ImportOptions {
        source: Some(SOURCES[pick as usize % SOURCES.len()].to_string()),
        keep_title: pick & 0x80 != 0,
        drop_requester: pick & 0x40 != 0,
        ..Default::default()
    };
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Store::open_in_memory().ok();
        }
        let Some(store) = slot.as_mut() else { return };
        let _ = import_bytes(store, "fuzz.csv", body, &opts);
        // Everything a ticket import writes; a failure here would make the next input depend on
        // this one, so start over with a fresh plan then.
        if store
            .conn()
            .execute_batch(
                "DELETE FROM tickets; DELETE FROM school_aliases; DELETE FROM state_mappings;
                 DELETE FROM import_profiles; DELETE FROM import_log;",
            )
            .is_err()
        {
            *slot = None;
        }
    });
});
