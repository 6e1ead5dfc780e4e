//! The demo district: Leverkusen from the directory, deterministic.

use super::support::*;
use super::*;

#[test]
fn demo_is_leverkusen_from_the_directory_and_deterministic() {
    let dir = tmp();
    let a = dir.path().join("demo_a.db");
    let b = dir.path().join("demo_b.db");
    let v = schulit(&["--db", a.to_str().unwrap(), "--json", "demo"])
        .ok()
        .json();
    let d = Directory::load();
    let lev = d.rows_where("Verwaltungsbezirk", "Krfr. Stadt Leverkusen");
    assert_eq!(v["schools"].as_u64(), Some(lev.len() as u64), "{v}");

    let nr = d.col("Schulnummer");
    let expected: BTreeSet<String> = lev.iter().map(|&i| d.rows[i][nr].clone()).collect();
    let schools = list(&a);
    let listed: BTreeSet<String> = schools
        .iter()
        .map(|s| s["schulnummer"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, expected);
    let sum: i64 = schools.iter().filter_map(|s| s["pupils"].as_i64()).sum();
    assert_eq!(sum, d.pupils(&lev));
    assert_eq!(integrity(&a), "ok");

    // Same seed, same data (timestamps of writing aside).
    schulit(&["--db", b.to_str().unwrap(), "demo"]).ok();
    let strip = |s: String| -> String {
        s.lines()
            .map(|l| {
                l.split('|')
                    .filter(|c| !looks_like_now(c))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        strip(dump(&a)) == strip(dump(&b)),
        "two demo plans differ beyond their timestamps"
    );

    // The demo never overwrites a file.
    let before = dump(&a);
    let run = schulit(&["--db", a.to_str().unwrap(), "demo"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("existiert bereits"), "{}", run.stderr);
    assert!(dump(&a) == before);
}

/// A `Text("2026-11-24T21:13:05Z")` written by SQLite's clock.
fn looks_like_now(cell: &str) -> bool {
    let Some(t) = cell
        .strip_prefix("Text(\"")
        .and_then(|c| c.strip_suffix("\")"))
    else {
        return false;
    };
    let today = chrono_free_today();
    t.starts_with(&today) && t.len() >= 19
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock without extra crates.
fn chrono_free_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let days = secs.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}
