//! Ticket exports (format detection: Zammad, GLPI, Znuny, Jira, iTop; CSV and XLSX), end to end
//! into an in-memory plan. The first byte picks the declared source, so every format's parser is
//! reached even when detection would not choose it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use schulit_core::tickets::{import_bytes, ImportOptions};
use schulit_core::Store;

const SOURCES: [&str; 6] = ["auto", "zammad", "glpi", "znuny", "jira", "itop"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let opts = ImportOptions {
        source: Some(SOURCES[pick as usize % SOURCES.len()].to_string()),
        keep_title: pick & 0x80 != 0,
        drop_requester: pick & 0x40 != 0,
        ..Default::default()
    };
    let _ = import_bytes(&mut store, "fuzz.csv", body, &opts);
});
