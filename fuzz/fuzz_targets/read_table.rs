//! `import::read_table_bytes`: encoding detection, delimiter sniffing, CSV and XLSX reading
//! (zip guard), header search — the front door of every tabular importer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use schulit_core::import::{read_table_bytes, HeaderSpec};

fuzz_target!(|data: &[u8]| {
    // Panics inside the XLSX reader are caught and reported as a German message
    // (import::read_xlsx_rows); only other panics count as crashes.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(schulit_core::import::quiet_caught_xlsx_panics);
    let spec = HeaderSpec {
        fields: vec![
            ("nr", vec!["Schulnummer", "Nr"]),
            ("name", vec!["Name", "Amtliche Bezeichnung 1"]),
            ("n", vec!["Anzahl"]),
            ("tech", vec!["Technicien"]),
        ],
        required: vec!["nr", "name"],
        chosen: vec![],
    };
    if let Ok(t) = read_table_bytes("fuzz.csv", data, &spec) {
        for rec in &t.records {
            let _ = t.get(rec, "nr");
            let _ = t.get(rec, "n");
        }
    }
    let _ = schulit_core::import::decode_text("fuzz.csv", data);
});
