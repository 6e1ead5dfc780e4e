//! Shared helpers of the integration tests.
#![allow(dead_code)]

pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `schulit` binary built for this test run.
pub fn schulit_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_schulit"))
}

/// Runs `schulit --db <db> <args…>` headless and returns stdout; panics with stderr on failure.
pub fn schulit(db: &Path, args: &[&str]) -> String {
    let out = Command::new(schulit_bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("schulit binary runs");
    assert!(
        out.status.success(),
        "schulit {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Creates the demo district in a new plan file `name` inside `dir`.
pub fn demo_plan(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    schulit(&db, &["demo"]);
    db
}
