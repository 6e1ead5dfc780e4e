//! The NRW school directory import, end to end into an in-memory plan (parse, validate, write).
//! The plan is created once per fuzzing process and emptied of what the import writes after
//! each input (its migrations cost more than most inputs).
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use schulit_core::schools::{import_directory_bytes, DirectoryFilter};
use schulit_core::Store;

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

fuzz_target!(|data: &[u8]| {
    // Panics inside the XLSX reader are caught and reported as a German message
    // (import::read_xlsx_rows); only other panics count as crashes.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(schulit_core::import::quiet_caught_xlsx_panics);
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Store::open_in_memory().ok();
        }
        let Some(store) = slot.as_mut() else { return };
        let _ = import_directory_bytes(store, "fuzz.csv", data, &DirectoryFilter::default());
        if store
            .conn()
            .execute_batch("DELETE FROM schools; DELETE FROM import_log;")
            .is_err()
        {
            *slot = None;
        }
    });
});
