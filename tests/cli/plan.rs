//! The `schulit` binary's budget commands on a real plan file.

use std::path::Path;
use std::process::Command;

fn schulit(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_schulit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    let (code, out, err) = schulit(db, &a);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn plan_compute_json_has_year_totals_and_school_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    assert_eq!(schulit(&db, &["demo"]).0, 0);
    let v = json(&db, &["plan", "compute", "--from", "2027", "--to", "2029"]);
    let years = v["years"].as_array().unwrap();
    assert_eq!(years.len(), 3);
    for y in years {
        let g = |k: &str| y[k].as_i64().unwrap();
        assert_eq!(g("funded_cents") + g("municipal_cents"), g("total_cents"));
        assert_eq!(g("invest_cents") + g("running_cents"), g("total_cents"));
        assert_eq!(g("gap_cents"), g("municipal_cents") - g("budget_cents"));
    }
    let schools = v["schools"].as_array().unwrap();
    assert_eq!(schools.len(), 44);
    // The school rows add up to the year totals.
    let sum: i64 = schools
        .iter()
        .map(|s| s["total_cents"].as_i64().unwrap())
        .sum();
    let total: i64 = years
        .iter()
        .map(|y| y["total_cents"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, total);

    // Editing an assumption changes the plan: tablets twice as expensive.
    let before = years[0]["invest_cents"].as_i64().unwrap();
    let (code, _, err) = schulit(
        &db,
        &[
            "plan",
            "catalogue",
            "set",
            "student_tablet",
            "--price",
            "900",
            "--source",
            "Angebot Test",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v2 = json(&db, &["plan", "compute", "--from", "2027", "--to", "2029"]);
    assert!(v2["years"][0]["invest_cents"].as_i64().unwrap() > before);

    // Pupils entered for a year drive that year's demand: 100012 with 2.000 pupils in 2027.
    let school_2027 =
        |v: &serde_json::Value| v["schools"][0]["years"][0]["total_cents"].as_i64().unwrap();
    let before = json(
        &db,
        &[
            "plan", "compute", "--from", "2027", "--to", "2027", "--school", "100012",
        ],
    );
    let (code, _, err) = schulit(&db, &["plan", "pupils", "100012", "2027", "2000"]);
    assert_eq!(code, 0, "{err}");
    let after = json(
        &db,
        &[
            "plan", "compute", "--from", "2027", "--to", "2027", "--school", "100012",
        ],
    );
    assert!(school_2027(&after) > school_2027(&before));
    assert_eq!(
        after["schools"][0]["years"][0]["pupils"].as_f64(),
        Some(2000.0)
    );

    // Scenarios: list and compare.
    let list = json(&db, &["plan", "scenario", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let cmp = json(&db, &["plan", "compare"]);
    assert_eq!(cmp["scenarios"].as_array().unwrap().len(), 2);
    let capped = json(
        &db,
        &[
            "plan",
            "deferrals",
            "--scenario",
            "Notebooks ab Jg. 7, Obergrenze",
        ],
    );
    assert!(!capped.as_array().unwrap().is_empty());
}

#[test]
fn inventory_import_via_cli_and_bad_file_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    assert_eq!(schulit(&db, &["demo"]).0, 0);
    let good = dir.path().join("bestand.csv");
    std::fs::write(
        &good,
        "Schulnummer;Kategorie;Anschaffungsjahr;Anzahl\n100012;display;2020;14\n",
    )
    .unwrap();
    let v = json(&db, &["inventory", "import", good.to_str().unwrap()]);
    assert_eq!(v["devices"].as_i64(), Some(14));
    assert_eq!(v["source"].as_str(), Some("template"));
    let bad = dir.path().join("kaputt.csv");
    std::fs::write(
        &bad,
        "Schulnummer;Kategorie;Anschaffungsjahr;Anzahl\n100012;display;2020;3\n100012;beamer;20x;2\n",
    )
    .unwrap();
    let (code, _, err) = schulit(
        &db,
        &["inventory", "import", bad.to_str().unwrap(), "--json"],
    );
    assert_eq!(code, 1);
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("kaputt.csv") && msg.contains("Zeile 3") && msg.contains("Anschaffungsjahr"),
        "{msg}"
    );
    // Nothing of the bad file was imported: 100012 still has its 14 displays of 2020 only.
    let list = json(&db, &["inventory", "list", "--school", "100012"]);
    let displays: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["category"] == "display")
        .map(|c| {
            (
                c["purchase_year"].as_i64().unwrap(),
                c["units"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(displays, vec![(2020, 14)]);
    // Unknown --source is a usage error.
    let (code, _, _) = schulit(
        &db,
        &[
            "inventory",
            "import",
            good.to_str().unwrap(),
            "--source",
            "xyz",
        ],
    );
    assert_eq!(code, 2);
    // Headers no alias knows: --column maps them; a malformed --column is a usage error.
    let own = dir.path().join("eigene.csv");
    std::fs::write(&own, "Einrichtung;Art;Erworben;Stk\n100012;Beamer;2019;6\n").unwrap();
    let (code, _, err) = schulit(&db, &["inventory", "import", own.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("eigene.csv") && err.contains("Keine Kopfzeile"),
        "{err}"
    );
    let v = json(
        &db,
        &[
            "inventory",
            "import",
            own.to_str().unwrap(),
            "--column",
            "school=Einrichtung",
            "--column",
            "category=Art",
            "--column",
            "year=Erworben",
            "--column",
            "units=Stk",
        ],
    );
    assert_eq!(v["devices"].as_i64(), Some(6));
    let (code, _, _) = schulit(
        &db,
        &[
            "inventory",
            "import",
            own.to_str().unwrap(),
            "--column",
            "school",
        ],
    );
    assert_eq!(code, 2);
}

/// Funded cents per plan year of the default scenario.
fn funded(db: &Path) -> Vec<(i64, i64, i64, i64)> {
    json(db, &["plan", "compute"])["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            let g = |k: &str| y[k].as_i64().unwrap();
            (
                g("year"),
                g("funded_cents"),
                g("municipal_cents"),
                g("total_cents"),
            )
        })
        .collect()
}

#[test]
fn plan_funding_add_set_delete_change_the_plan_by_hand_computed_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    assert_eq!(schulit(&db, &["demo"]).0, 0);
    let before = funded(&db);
    // A plan year no demo programme covers.
    let sources = json(&db, &["plan", "funding"]);
    let covered =
        |y: i64| {
            sources.as_array().unwrap().iter().any(|s| {
                s["start_year"].as_i64().unwrap() <= y && y <= s["end_year"].as_i64().unwrap()
            })
        };
    let &(year, funded_0, municipal_0, total_0) = before
        .iter()
        .find(|t| !covered(t.0))
        .expect("a plan year without funding");
    assert_eq!(funded_0, 0);
    let plan = json(&db, &["plan", "compute"]);
    let y = plan["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["year"].as_i64() == Some(year))
        .unwrap();
    assert!(y["cap_cents"].is_null(), "no cap in {year}");
    // 100.000 € with 10 % Eigenanteil: the programme pays until its money is used up, as long as
    // 90 % of the year's investment exceeds it.
    let amount = 10_000_000i64; // 100.000 €
    assert!(y["invest_cents"].as_i64().unwrap() as f64 * 0.9 > amount as f64);
    let ys = year.to_string();
    let added = json(
        &db,
        &[
            "plan",
            "funding",
            "add",
            "--name",
            "Landesprogramm (Test)",
            "--amount",
            "100.000",
            "--start",
            &ys,
            "--end",
            &ys,
            "--cofunding-pct",
            "10",
            "--categories",
            "student_tablet,display",
            "--carry-over",
            "--note",
            "Bescheid vom 01.10.2026",
        ],
    );
    let id = added["id"].as_i64().unwrap();
    assert_eq!(added["amount_cents"].as_i64(), Some(amount));
    assert_eq!(added["carry_over"].as_bool(), Some(true));
    assert_eq!(
        added["categories"],
        serde_json::json!(["student_tablet", "display"])
    );
    assert!(added["text"].as_str().unwrap().contains("übertragen"));
    let after = funded(&db);
    for (b, a) in before.iter().zip(&after) {
        if b.0 == year {
            assert_eq!(a.1, funded_0 + amount);
            assert_eq!(a.2, municipal_0 - amount);
            assert_eq!(a.3, total_0);
        } else {
            assert_eq!(a, b, "other years unchanged");
        }
    }
    // Half the amount: half the funding.
    let set = json(
        &db,
        &[
            "plan",
            "funding",
            "set",
            &id.to_string(),
            "--amount",
            "50000,00",
        ],
    );
    assert_eq!(set["note"].as_str(), Some("Bescheid vom 01.10.2026"));
    let half = funded(&db);
    let row = half.iter().find(|t| t.0 == year).unwrap();
    assert_eq!(row.1, funded_0 + amount / 2);

    // Bad values name the field, and nothing is stored.
    let stored = json(&db, &["plan", "funding"]);
    for (args, field) in [
        (vec!["add", "--name", "Negativ", "--amount", "-5"], "Betrag"),
        (
            vec![
                "add",
                "--name",
                "Rückwärts",
                "--amount",
                "5",
                "--start",
                "2030",
                "--end",
                "2029",
            ],
            "Laufzeit",
        ),
        (
            vec!["add", "--name", "Kein Betrag", "--amount", "5x"],
            "Betrag",
        ),
        (vec!["add", "--name", "Ohne Betrag"], "Betrag"),
        (vec!["set", &id.to_string(), "--amount", "-1"], "Betrag"),
        (vec!["set", &id.to_string(), "--end", "2000"], "Laufzeit"),
        (
            vec!["set", &id.to_string(), "--cofunding-pct", "100"],
            "Eigenanteil",
        ),
        (
            vec!["set", &id.to_string(), "--school-cap", "-1"],
            "Obergrenze",
        ),
        (
            vec!["set", &id.to_string(), "--categories", "beamer9000"],
            "Kategorien",
        ),
        (
            vec!["set", &id.to_string(), "--start", "zwanzig"],
            "Erstes Jahr",
        ),
    ] {
        let mut a = vec!["plan", "funding"];
        a.extend(args.iter().copied());
        let (code, _, err) = schulit(&db, &a);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(field), "{args:?}: {err}");
    }
    assert_eq!(json(&db, &["plan", "funding"]), stored);
    assert_eq!(funded(&db), half);

    // Deleted: the plan is as before.
    let del = json(&db, &["plan", "funding", "delete", &id.to_string()]);
    assert_eq!(del["deleted"].as_i64(), Some(id));
    assert_eq!(funded(&db), before);
    let (code, _, err) = schulit(&db, &["plan", "funding", "delete", &id.to_string()]);
    assert_ne!(code, 0);
    assert!(err.contains("gibt es in „Basis“ nicht"), "{err}");
}

#[test]
fn plan_budget_keeps_no_entry_apart_from_0_eur() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    assert_eq!(schulit(&db, &["demo"]).0, 0);
    let zero = json(&db, &["plan", "budget", "2029", "--budget", "0"]);
    assert_eq!(zero["budget_cents"].as_i64(), Some(0));
    let (code, out, err) = schulit(&db, &["plan", "budget", "2030", "--no-budget", "--no-cap"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Eintrag entfernt"), "{out}");
    let cap_only = json(
        &db,
        &[
            "plan",
            "budget",
            "2031",
            "--no-budget",
            "--cap",
            "9.000.000",
        ],
    );
    assert!(cap_only["budget_cents"].is_null());
    assert_eq!(cap_only["cap_cents"].as_i64(), Some(900_000_000));
    let c = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<(i32, Option<i64>, Option<i64>)> = c
        .prepare(
            "SELECT m.year, m.budget_cents, m.cap_cents FROM budget_municipal m
             JOIN budget_scenarios s ON s.id = m.scenario_id
             WHERE s.is_default = 1 AND m.year BETWEEN 2029 AND 2031 ORDER BY m.year",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        vec![(2029, Some(0), None), (2031, None, Some(900_000_000))]
    );
    // The plan counts a missing budget as 0 €: the gap is the whole municipal need.
    let plan = json(&db, &["plan", "compute", "--from", "2030", "--to", "2030"]);
    let y = &plan["years"][0];
    assert_eq!(y["budget_cents"].as_i64(), Some(0));
    assert_eq!(y["budget_entered"].as_bool(), Some(false));
    assert_eq!(y["gap_cents"], y["municipal_cents"]);
    let plan = json(&db, &["plan", "compute", "--from", "2029", "--to", "2029"]);
    assert_eq!(plan["years"][0]["budget_entered"].as_bool(), Some(true));
}

#[test]
fn scenario_weights_via_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    assert_eq!(schulit(&db, &["demo"]).0, 0);
    let v = json(
        &db,
        &[
            "plan",
            "scenario",
            "set",
            "Basis",
            "--weights",
            "1;1;1;2;2;2;3;3;12,5",
            "--weight-without-index",
            "2,5",
        ],
    );
    assert_eq!(v["weights"]["levels"][8].as_f64(), Some(12.5));
    assert_eq!(v["weights"]["without_index"].as_f64(), Some(2.5));
    // Stored: listed again as set.
    let list = json(&db, &["plan", "scenario", "list"]);
    let basis = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Basis")
        .unwrap()
        .clone();
    assert_eq!(basis["weights"]["levels"][0].as_f64(), Some(1.0));
    // Eight weights are a usage error naming the option; a negative one is the core's refusal.
    let (code, _, err) = schulit(
        &db,
        &[
            "plan",
            "scenario",
            "set",
            "Basis",
            "--weights",
            "1;2;3;4;5;6;7;8",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--weights") && err.contains("neun"), "{err}");
    let (code, _, err) = schulit(
        &db,
        &[
            "plan",
            "scenario",
            "set",
            "Basis",
            "--weight-without-index",
            "-1",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Sozialindex-Gewichte"), "{err}");
}
