//! The NRW school directory import, end to end into an in-memory plan (parse, validate, write).
#![no_main]

use libfuzzer_sys::fuzz_target;
use schulit_core::schools::{import_directory_bytes, DirectoryFilter};
use schulit_core::Store;

fuzz_target!(|data: &[u8]| {
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let _ = import_directory_bytes(&mut store, "fuzz.csv", data, &DirectoryFilter::default());
});
