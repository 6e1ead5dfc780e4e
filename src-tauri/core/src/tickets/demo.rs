//! Deterministic demo data for this area (see `crate::demo`).

use rusqlite::Transaction;

use crate::demo::DemoContext;
use crate::CoreError;

/// Seeds this area's demo data. Called once by `demo::build` inside its transaction.
pub fn seed(_tx: &Transaction, _ctx: &mut DemoContext) -> Result<(), CoreError> {
    Ok(())
}
