//! Budget inventory import (device lists from asset tools / spreadsheets), end to end into an
//! in-memory plan with the demo district (so that schools and categories match).
#![no_main]

use libfuzzer_sys::fuzz_target;
use schulit_core::budget::inventory_import::{import_inventory_bytes, InventoryImportOptions};
use schulit_core::Store;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    if schulit_core::demo::fill_demo(&mut store).is_err() {
        return;
    }
    let opts = InventoryImportOptions {
        skip_unknown_categories: pick & 1 == 1,
        ..Default::default()
    };
    let _ = import_inventory_bytes(&mut store, "fuzz.csv", body, &opts);
});
