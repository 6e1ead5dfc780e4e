//! Offer sets as JSON (template v1): parse and validate, then compute the comparison of what
//! parsed (present values, sensitivity inputs must not panic on extreme numbers).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(set) = schulit_core::offers::validate::parse_template("fuzz.json", text) {
            let _ = schulit_core::offers::compare(&set);
        }
    }
});
