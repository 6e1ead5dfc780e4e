//! The canonical ticket every importer produces and every KPI reads (table `tickets`).

use serde::{Deserialize, Serialize};

/// State class of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StateClass {
    Open,
    Solved,
    Closed,
}

impl StateClass {
    pub fn as_str(self) -> &'static str {
        match self {
            StateClass::Open => "open",
            StateClass::Solved => "solved",
            StateClass::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<StateClass> {
        match s {
            "open" => Some(StateClass::Open),
            "solved" => Some(StateClass::Solved),
            "closed" => Some(StateClass::Closed),
            _ => None,
        }
    }
}

/// One support request. Instants are Unix seconds (UTC); exports in local time are converted
/// from Europe/Berlin on import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub source: String,
    pub source_id: String,
    pub schulnummer: Option<String>,
    pub school_label: String,
    pub created: i64,
    pub first_response: Option<i64>,
    pub solved: Option<i64>,
    pub closed: Option<i64>,
    pub state: StateClass,
    /// 1 = critical … 4 = low.
    pub priority: u8,
    pub category: String,
    pub reopen_count: Option<i64>,
    /// The source's own SLA verdicts: `Some(true)` met, `Some(false)` breached.
    pub sla_response_met: Option<bool>,
    pub sla_resolution_met: Option<bool>,
    pub title: Option<String>,
    pub requester_pseudonym: Option<String>,
}

impl Ticket {
    /// Time of resolution: solved, or closed where no solve time exists.
    pub fn resolved_at(&self) -> Option<i64> {
        self.solved.or(self.closed)
    }
}
