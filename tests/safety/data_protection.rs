//! Data protection (docs/DATA-PROTECTION.md) checked against the code:
//! - the document lists exactly the tables and columns of a new plan;
//! - a ticket import keeps no names, e-mail addresses or titles in the plan file (pseudonyms only);
//! - `tickets delete-before` removes the tickets from the file itself (not just from queries).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::safety_common::{count, open_raw, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Tables → columns of a plan created by the current program.
fn schema(plan: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let c = open_raw(plan);
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let cols = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, cols)
        })
        .collect()
}

/// Tables → columns as the document lists them: a `### `table`` heading, then the backticked
/// names in the first cell of each table row of that section.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let doc = std::fs::read_to_string(root().join("docs/DATA-PROTECTION.md")).unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("### ") {
            current = Some(h.trim().trim_matches('`').to_string());
            out.entry(current.clone().unwrap()).or_default();
            continue;
        }
        if line.starts_with("## ") {
            current = None;
            continue;
        }
        let Some(table) = &current else { continue };
        let Some(first) = line.strip_prefix('|').and_then(|l| l.split('|').next()) else {
            continue;
        };
        for part in first.split('`').skip(1).step_by(2) {
            out.get_mut(table).unwrap().insert(part.to_string());
        }
    }
    out
}

#[test]
fn document_lists_exactly_the_stored_fields() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("neu.db");
    assert!(run(&plan, &["backup", "list"]).status.success());
    // `backup list` does not open the plan; `backup create` does (and so creates it).
    assert!(run(&plan, &["backup", "create"]).status.success());
    let have = schema(&plan);
    let doc = documented();
    let mut problems = Vec::new();
    for (t, cols) in &have {
        match doc.get(t) {
            None => problems.push(format!("table {t} is stored but not documented")),
            Some(d) => {
                for c in cols.difference(d) {
                    problems.push(format!("{t}.{c} is stored but not documented"));
                }
                for c in d.difference(cols) {
                    problems.push(format!("{t}.{c} is documented but does not exist"));
                }
            }
        }
    }
    for t in doc.keys().filter(|t| !have.contains_key(*t)) {
        problems.push(format!("table {t} is documented but does not exist"));
    }
    assert!(
        problems.is_empty(),
        "docs/DATA-PROTECTION.md is out of date:\n{}",
        problems.join("\n")
    );
}

/// The field list in the document is the one the window shows: generated from
/// `schulit_core::privacy::fields` (set SCHULIT_BLESS=1 to rewrite the document's part).
#[test]
fn document_contains_the_generated_field_list() {
    use schulit_core::privacy::{markdown, DOC_BEGIN, DOC_END};
    let path = root().join("docs/DATA-PROTECTION.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let start = doc
        .find(DOC_BEGIN)
        .expect("begin marker in DATA-PROTECTION.md");
    let end = doc.find(DOC_END).expect("end marker in DATA-PROTECTION.md") + DOC_END.len();
    let want = markdown();
    if std::env::var_os("SCHULIT_BLESS").is_some() {
        let new = format!("{}{}{}", &doc[..start], want, &doc[end..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert!(
        doc[start..end] == want,
        "docs/DATA-PROTECTION.md: the field list differs from src-tauri/core/src/privacy/fields.rs; \
         run SCHULIT_BLESS=1 cargo test --test safety data_protection::document_contains"
    );
}

fn znuny_fixture() -> PathBuf {
    root().join("tests/data/tickets/znuny_ticket_search_de.csv")
}

/// The plan file's bytes after the program closed it (WAL merged).
fn file_bytes(plan: &Path) -> Vec<u8> {
    let mut b = std::fs::read(plan).unwrap();
    let mut wal = plan.as_os_str().to_os_string();
    wal.push("-wal");
    if let Ok(w) = std::fs::read(PathBuf::from(wal)) {
        b.extend(w);
    }
    b
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Names, e-mail addresses and titles in the Znuny fixture.
const PERSONAL: &[&str] = &[
    "Erika",
    "Jonas Beispiel",
    "Anna Admin",
    "e.muster@schule.example",
    "j.beispiel@schule.example",
    "agent1",
    "Whiteboard startet nicht",
    "Kein Internet im ganzen Haus",
];

#[test]
fn ticket_import_stores_no_names_and_pseudonymises_requesters() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.db");
    let out = run(
        &plan,
        &[
            "tickets".as_ref(),
            "import".as_ref(),
            znuny_fixture().as_os_str(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = open_raw(&plan);
    assert_eq!(count(&c, "SELECT count(*) FROM tickets"), 3);
    assert_eq!(
        count(&c, "SELECT count(*) FROM tickets WHERE title IS NOT NULL"),
        0
    );
    let pseudonyms: Vec<String> = c
        .prepare("SELECT requester_pseudonym FROM tickets ORDER BY source_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pseudonyms.len(), 3);
    let distinct: BTreeSet<&String> = pseudonyms.iter().collect();
    assert_eq!(distinct.len(), 3, "three requesters, three pseudonyms");
    drop(c);
    let bytes = file_bytes(&plan);
    for p in PERSONAL {
        assert!(!contains(&bytes, p), "„{p}“ is in the plan file");
    }

    // Choices: keep titles / drop requesters.
    let plan2 = dir.path().join("plan2.db");
    let out = run(
        &plan2,
        &[
            "tickets".as_ref(),
            "import".as_ref(),
            znuny_fixture().as_os_str(),
            "--keep-title".as_ref(),
            "--drop-requester".as_ref(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = open_raw(&plan2);
    assert_eq!(
        count(
            &c,
            "SELECT count(*) FROM tickets WHERE title = 'Whiteboard startet nicht'"
        ),
        1
    );
    assert_eq!(
        count(
            &c,
            "SELECT count(*) FROM tickets WHERE requester_pseudonym IS NOT NULL"
        ),
        0
    );
}

#[test]
fn delete_before_removes_tickets_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.db");
    let out = run(
        &plan,
        &[
            "tickets".as_ref(),
            "import".as_ref(),
            znuny_fixture().as_os_str(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The fixture's tickets were created 2025-07-01, 2025-11-13 and 2025-12-01.
    let old = "2025111310000022";
    assert!(
        contains(&file_bytes(&plan), old),
        "the ticket is in the file before"
    );
    let out = run(&plan, &["--json", "tickets", "delete-before", "01.10.2025"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["deleted"], 1);
    let c = open_raw(&plan);
    assert_eq!(count(&c, "SELECT count(*) FROM tickets"), 2);
    assert_eq!(
        count(
            &c,
            &format!("SELECT count(*) FROM tickets WHERE source_id = '{old}'")
        ),
        0
    );
    drop(c);
    assert!(
        !contains(&file_bytes(&plan), old),
        "the deleted ticket must not stay readable in the file (secure_delete)"
    );
}
