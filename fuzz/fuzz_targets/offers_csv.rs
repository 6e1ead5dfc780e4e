//! Offer sets as CSV template (one row per offer, `;`, German decimal comma, UTF-8 or
//! Windows-1252): read, turned into the template's JSON objects and validated, then the
//! comparison of what parsed (present values and rankings must not panic on extreme numbers).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = schulit_core::offers::csv_template::parse_csv_template("fuzz.csv", data) {
        let _ = schulit_core::offers::compare(&set);
    }
});
