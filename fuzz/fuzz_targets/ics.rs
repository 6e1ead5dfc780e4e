//! School holidays from ICS calendars (line unfolding, escapes, DTSTART/DTEND forms).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = schulit_core::calendar::ics::parse_ics("fuzz.ics", text);
    }
});
