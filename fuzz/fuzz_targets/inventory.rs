//! Budget inventory import (device lists from asset tools / spreadsheets): sniffing, header
//! detection, source detection and the mapping to schools, categories and purchase years. Pure
//! parsing against the demo district's schools and catalogue, built once, so that the fuzzer
//! runs thousands of inputs a second (the store write is a plain transaction, covered by the
//! kill harness and the bad-input tests).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use schulit_core::budget::inventory_import::{parse_inventory_bytes, InventoryImportOptions};
use schulit_core::budget::Category;
use schulit_core::schools::School;
use schulit_core::Store;

fn district() -> &'static (Vec<School>, Vec<Category>) {
    static D: OnceLock<(Vec<School>, Vec<Category>)> = OnceLock::new();
    D.get_or_init(|| {
        let mut store = Store::open_in_memory().expect("in-memory store");
        schulit_core::demo::fill_demo(&mut store).expect("demo district");
        let schools = schulit_core::schools::list_schools(store.conn()).expect("schools");
        let sc = schulit_core::budget::repo::get_scenario(store.conn(), None).expect("scenario");
        let cats = schulit_core::budget::repo::list_categories(store.conn(), sc.id).expect("cats");
        (schools, cats)
    })
}

fuzz_target!(|data: &[u8]| {
    // Panics inside the XLSX reader are caught and reported as a German message
    // (import::read_xlsx_rows); only other panics count as crashes.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(schulit_core::import::quiet_caught_xlsx_panics);
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let (schools, cats) = district();
    let opts = InventoryImportOptions {
        skip_unknown_categories: pick & 1 == 1,
        ..Default::default()
    };
    let _ = parse_inventory_bytes("fuzz.csv", body, schools, cats, 2026, &opts);
});
