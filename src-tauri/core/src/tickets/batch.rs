//! Converted tickets on their way from the parser thread to the writer: a batch keeps every
//! row's texts in ONE buffer and the rest in fixed-size records, so a batch of thousands of
//! tickets costs two allocations instead of eight per ticket (allocating in one thread and
//! freeing in the other was a fifth of the import's time).

use super::model::{StateClass, Ticket};

/// Where a text of a row lies in the batch's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

/// One row without its texts.
#[derive(Debug, Clone, Copy)]
struct Packed {
    source_id: Span,
    schulnummer: Option<Span>,
    school_label: Span,
    state_label: Span,
    category: Span,
    title: Option<Span>,
    requester_pseudonym: Option<Span>,
    created: i64,
    first_response: Option<i64>,
    solved: Option<i64>,
    closed: Option<i64>,
    reopen_count: Option<i64>,
    state: StateClass,
    priority: u8,
    sla_response_met: Option<bool>,
    sla_resolution_met: Option<bool>,
}

/// A ticket as the converter hands it over: texts borrowed from the export row or the
/// converter's caches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TicketRef<'a> {
    pub source_id: &'a str,
    pub schulnummer: Option<&'a str>,
    pub school_label: &'a str,
    /// The state as exported (kept for reclassification).
    pub state_label: &'a str,
    pub category: &'a str,
    pub title: Option<&'a str>,
    pub requester_pseudonym: Option<&'a str>,
    pub created: i64,
    pub first_response: Option<i64>,
    pub solved: Option<i64>,
    pub closed: Option<i64>,
    pub reopen_count: Option<i64>,
    pub state: StateClass,
    /// 1 = critical … 4 = low.
    pub priority: u8,
    pub sla_response_met: Option<bool>,
    pub sla_resolution_met: Option<bool>,
}

/// Rows of one source.
#[derive(Debug, Clone, Default)]
pub struct RowBatch {
    source: String,
    text: String,
    rows: Vec<Packed>,
}

impl RowBatch {
    pub fn new(source: &str, capacity: usize) -> RowBatch {
        RowBatch {
            source: source.to_string(),
            text: String::with_capacity(capacity * 64),
            rows: Vec::with_capacity(capacity),
        }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Bytes of text held; a batch is handed on when this or the row count gets large.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    fn put(&mut self, s: &str) -> Span {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        Span {
            start,
            len: s.len() as u32,
        }
    }

    pub fn push(&mut self, t: &TicketRef) {
        let packed = Packed {
            source_id: self.put(t.source_id),
            schulnummer: t.schulnummer.map(|s| self.put(s)),
            school_label: self.put(t.school_label),
            state_label: self.put(t.state_label),
            category: self.put(t.category),
            title: t.title.map(|s| self.put(s)),
            requester_pseudonym: t.requester_pseudonym.map(|s| self.put(s)),
            created: t.created,
            first_response: t.first_response,
            solved: t.solved,
            closed: t.closed,
            reopen_count: t.reopen_count,
            state: t.state,
            priority: t.priority,
            sla_response_met: t.sla_response_met,
            sla_resolution_met: t.sla_resolution_met,
        };
        self.rows.push(packed);
    }

    /// Adds an owned ticket (the demo district, tests).
    pub fn push_ticket(&mut self, t: &Ticket, state_label: &str) {
        debug_assert_eq!(t.source, self.source);
        self.push(&TicketRef {
            source_id: &t.source_id,
            schulnummer: t.schulnummer.as_deref(),
            school_label: &t.school_label,
            state_label,
            category: &t.category,
            title: t.title.as_deref(),
            requester_pseudonym: t.requester_pseudonym.as_deref(),
            created: t.created,
            first_response: t.first_response,
            solved: t.solved,
            closed: t.closed,
            reopen_count: t.reopen_count,
            state: t.state,
            priority: t.priority,
            sla_response_met: t.sla_response_met,
            sla_resolution_met: t.sla_resolution_met,
        });
    }

    fn str(&self, s: Span) -> &str {
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    /// Row `i` (panics when out of range, like slice indexing).
    pub fn get(&self, i: usize) -> TicketRef<'_> {
        let p = &self.rows[i];
        TicketRef {
            source_id: self.str(p.source_id),
            schulnummer: p.schulnummer.map(|s| self.str(s)),
            school_label: self.str(p.school_label),
            state_label: self.str(p.state_label),
            category: self.str(p.category),
            title: p.title.map(|s| self.str(s)),
            requester_pseudonym: p.requester_pseudonym.map(|s| self.str(s)),
            created: p.created,
            first_response: p.first_response,
            solved: p.solved,
            closed: p.closed,
            reopen_count: p.reopen_count,
            state: p.state,
            priority: p.priority,
            sla_response_met: p.sla_response_met,
            sla_resolution_met: p.sla_resolution_met,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = TicketRef<'_>> + '_ {
        (0..self.rows.len()).map(|i| self.get(i))
    }

    /// Row `i` as an owned ticket and its exported state label.
    pub fn ticket(&self, i: usize) -> (Ticket, String) {
        let r = self.get(i);
        (
            Ticket {
                source: self.source.clone(),
                source_id: r.source_id.into(),
                schulnummer: r.schulnummer.map(Into::into),
                school_label: r.school_label.into(),
                created: r.created,
                first_response: r.first_response,
                solved: r.solved,
                closed: r.closed,
                state: r.state,
                priority: r.priority,
                category: r.category.into(),
                reopen_count: r.reopen_count,
                sla_response_met: r.sla_response_met,
                sla_resolution_met: r.sla_resolution_met,
                title: r.title.map(Into::into),
                requester_pseudonym: r.requester_pseudonym.map(Into::into),
            },
            r.state_label.into(),
        )
    }

    /// Empties the batch, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.rows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_round_trip_through_a_batch() {
        let a = Ticket {
            source: "glpi".into(),
            source_id: "4711".into(),
            schulnummer: Some("100001".into()),
            school_label: "Root > GS Nord".into(),
            created: 1_700_000_000,
            first_response: None,
            solved: Some(1_700_003_600),
            closed: None,
            state: StateClass::Solved,
            priority: 2,
            category: "Netz".into(),
            reopen_count: Some(1),
            sla_response_met: None,
            sla_resolution_met: Some(false),
            title: Some("WLAN weg".into()),
            requester_pseudonym: None,
        };
        let b = Ticket {
            source_id: "4712".into(),
            schulnummer: None,
            school_label: String::new(),
            title: None,
            requester_pseudonym: Some("p-1f3a".into()),
            ..a.clone()
        };
        let mut batch = RowBatch::new("glpi", 2);
        batch.push_ticket(&a, "Gelöst");
        batch.push_ticket(&b, "");
        assert_eq!(batch.len(), 2);
        assert_eq!(batch.ticket(0), (a, "Gelöst".to_string()));
        assert_eq!(batch.ticket(1), (b, String::new()));
        batch.clear();
        assert!(batch.is_empty());
        assert_eq!(batch.source(), "glpi");
    }
}
