//! `schulit offers …` run as the real binary on real files.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/offers.json");
const EXAMPLE_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/offers.csv");

fn schulit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schulit"))
        .args(args)
        .env_remove("SCHULIT_DB")
        .output()
        .expect("run schulit")
}

fn json_ok(args: &[&str]) -> Value {
    let out = schulit(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn offer<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap()
}

/// Spreadsheet-style PV in cents of (month, amount) rows at r % p.a.
fn pv(rows: &[(u32, i64)], r_pct: f64) -> i64 {
    let r = r_pct / 100.0;
    rows.iter()
        .map(|(m, a)| *a as f64 / (1.0 + r).powf(*m as f64 / 12.0))
        .sum::<f64>()
        .round() as i64
}

#[test]
fn compare_file_as_json() {
    let v = json_ok(&["offers", "compare", EXAMPLE, "--json"]);
    for o in v["offers"].as_array().unwrap() {
        for key in [
            "id",
            "nominal_cents",
            "present_value_cents",
            "annual_equivalent_cents",
            "cost_per_device_year_cents",
        ] {
            assert!(!o[key].is_null(), "{key} missing in {o}");
        }
    }
    // Leasing: 300 × 11,00 € monthly in advance, m = 0 … 59 (48-month term renewed), r = 2 %.
    let rows: Vec<(u32, i64)> = (0..60).map(|m| (m, 330_000)).collect();
    let l = offer(&v, "leasing");
    assert_eq!(l["nominal_cents"], 19_800_000);
    assert_eq!(l["present_value_cents"], pv(&rows, 2.0));
    // Annual equivalent and per device from that PV.
    let pvf: f64 = rows
        .iter()
        .map(|(m, a)| *a as f64 / 1.02f64.powf(*m as f64 / 12.0))
        .sum();
    let ae = pvf * 0.02 / (1.0 - 1.02f64.powf(-5.0));
    assert_eq!(l["annual_equivalent_cents"], ae.round() as i64);
    assert_eq!(l["cost_per_device_year_cents"], (ae / 300.0).round() as i64);
    // Ranking: both groups, rank 1 first, the rate and its source stated.
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 5);
    assert_eq!(ranking[0]["rank"], 1);
    assert!(v["rate_line"].as_str().unwrap().contains("2,00 %"));
    assert!(v["rate_line"].as_str().unwrap().contains("Quelle"));
    assert!(v["evaluation"]["simple"]["winner"].is_string());
    // Without --flows no payment list; with it, every payment.
    assert!(l["flows"].is_null());
    let v = json_ok(&["offers", "compare", EXAMPLE, "--json", "--flows"]);
    assert_eq!(offer(&v, "leasing")["flows"].as_array().unwrap().len(), 60);
}

#[test]
fn compare_text_and_rate_override() {
    let out = schulit(&[
        "offers",
        "compare",
        EXAMPLE,
        "--rate",
        "0",
        "--rate-source",
        "Test",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Kalkulationszinssatz 0,00 % p.a. – Quelle: Test"),
        "{text}"
    );
    assert!(text.contains("198.000,00 €"), "{text}"); // leasing nominal = PV at r = 0
}

#[test]
fn compare_prints_the_variants() {
    let v = json_ok(&["offers", "compare", EXAMPLE, "--json"]);
    let variants = v["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 3);
    let variant = |id: &str| variants.iter().find(|x| x["id"] == id).unwrap();
    // "Leasing + Support extern": the lease (300 × 11,00 € monthly in advance, m = 0 … 59) and
    // 100 hours × 95,00 € yearly in arrears at m = 12k, + 3 % a year; one PV at r = 2 %.
    let mut rows: Vec<(u32, i64)> = (0..60).map(|m| (m, 330_000)).collect();
    for k in 1..=5u32 {
        let amount = (100.0 * 9500.0 * 1.03f64.powi(k as i32 - 1)).round() as i64;
        rows.push((12 * k, amount));
    }
    let w = variant("leasing-support-extern");
    assert_eq!(w["name"], "Leasing + Support extern");
    assert_eq!(
        w["offers"],
        serde_json::json!(["leasing", "support-extern"])
    );
    assert_eq!(w["present_value_cents"], pv(&rows, 2.0));
    assert_eq!(w["nominal_cents"], rows.iter().map(|(_, a)| a).sum::<i64>());
    // Devices are the 300 leased tablets, not 300 + 300 with the support contract.
    let ae = w["annual_equivalent_cents"].as_i64().unwrap() as f64;
    let per_device = w["cost_per_device_year_cents"].as_i64().unwrap() as f64;
    assert!((per_device - ae / 300.0).abs() <= 1.0);
    // The rental alone has the rental's figures.
    let m = variant("miete-service");
    for key in [
        "nominal_cents",
        "present_value_cents",
        "annual_equivalent_cents",
    ] {
        assert_eq!(m[key], offer(&v, "miete")[key], "{key}");
    }
    // Purchase + central support: the two nominal sums exactly, the PV within a cent.
    let k = variant("kauf-support-zentral");
    let sum = |key: &str| {
        offer(&v, "kauf")[key].as_i64().unwrap()
            + offer(&v, "support-zentral")[key].as_i64().unwrap()
    };
    assert_eq!(k["nominal_cents"], sum("nominal_cents"));
    assert!((k["present_value_cents"].as_i64().unwrap() - sum("present_value_cents")).abs() <= 1);
    // Ranks 1, 2, 3 in ascending PV.
    let pvs: Vec<i64> = variants
        .iter()
        .map(|x| x["present_value_cents"].as_i64().unwrap())
        .collect();
    assert!(pvs.windows(2).all(|p| p[0] <= p[1]), "{pvs:?}");
    let ranks: Vec<i64> = variants
        .iter()
        .map(|x| x["rank"].as_i64().unwrap())
        .collect();
    assert_eq!(ranks, vec![1, 2, 3]);

    // Human output: a Varianten table with every variant and its offers.
    let out = schulit(&["offers", "compare", EXAMPLE]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Varianten (Kombinationen von Angeboten)"),
        "{text}"
    );
    assert!(
        text.contains("= Leasing 48 Monate + Externer Dienstleister (Stundenkontingent)"),
        "{text}"
    );
    assert!(
        text.contains("Niedrigster Barwert aller Varianten"),
        "{text}"
    );
}

#[test]
fn invalid_offer_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.json");
    let text = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace(r#""period": "monthly""#, r#""period": "weekly""#);
    std::fs::write(&f, text).unwrap();
    let out = schulit(&["offers", "compare", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("„leasing“") && err.contains("„period“") && err.contains("weekly"),
        "{err}"
    );
    let out = schulit(&["offers", "compare", f.to_str().unwrap(), "--json"]);
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["kind"], "offer");
    // Missing file: exit 1 with the file named; no file and no plan: usage, exit 2.
    let out = schulit(&["offers", "compare", "/nonexistent/x.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/x.json"));
    assert_eq!(schulit(&["offers", "compare"]).status.code(), Some(2));
}

#[test]
fn import_list_and_compare_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    let db = db.to_str().unwrap();
    let s = json_ok(&["--db", db, "offers", "import", EXAMPLE, "--json"]);
    assert_eq!(s["added"].as_array().unwrap().len(), 5);
    let list = json_ok(&["--db", db, "offers", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 5);
    let from_db = json_ok(&["--db", db, "offers", "compare", "--json"]);
    let from_file = json_ok(&["offers", "compare", EXAMPLE, "--json"]);
    assert_eq!(from_db["offers"], from_file["offers"]);
    assert_eq!(from_db["ranking"], from_file["ranking"]);
    // Settings: a new rate changes the stored comparison.
    json_ok(&[
        "--db",
        db,
        "offers",
        "settings",
        "--rate",
        "3.1",
        "--rate-source",
        "BMF 2026",
        "--json",
    ]);
    let v = json_ok(&["--db", db, "offers", "compare", "--json"]);
    assert_eq!(v["settings"]["discount_rate_pct"], 3.1);
    assert!(v["rate_line"].as_str().unwrap().contains("BMF 2026"));
    // SLA targets of the stored support contracts.
    let sla = json_ok(&["--db", db, "offers", "sla", "--json"]);
    assert_eq!(sla[0]["offer_id"], "support-zentral");
    assert_eq!(sla[0]["targets"][0]["first_response_h"], 1.0);
    // Delete.
    json_ok(&["--db", db, "offers", "delete", "kauf", "--json"]);
    let list = json_ok(&["--db", db, "offers", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 4);
    assert!(Path::new(db).exists());
}

#[test]
fn sensitivity_and_evaluation() {
    let v = json_ok(&[
        "offers",
        "sensitivity",
        EXAMPLE,
        "--offer",
        "kauf",
        "--against",
        "leasing",
        "--json",
    ]);
    assert!(v["tornado"].as_array().unwrap().len() >= 3);
    let be = v["pair"]["break_even"].as_array().unwrap();
    assert!(be.iter().any(|b| b["parameter"] == "discount_rate"));
    let ev = json_ok(&["offers", "evaluate", EXAMPLE, "--json"]);
    assert_eq!(ev["scores"].as_array().unwrap().len(), 3);
    assert!(ev["scores"][0]["performance_formula"]
        .as_str()
        .unwrap()
        .starts_with("L = 40 × 8 + 35 × 5 + 25 × 7"));
    // The template command prints a file that compares.
    let out = schulit(&["offers", "template"]);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.json");
    std::fs::write(&f, out.stdout).unwrap();
    json_ok(&["offers", "compare", f.to_str().unwrap(), "--json"]);
}

#[test]
fn sensitivity_of_two_variants() {
    let args = |a: &str, b: &str| {
        json_ok(&[
            "offers",
            "sensitivity",
            EXAMPLE,
            "--variant",
            a,
            "--against",
            b,
            "--json",
        ])
    };
    let v = args("leasing-support-extern", "kauf-support-zentral");
    assert_eq!(v["variant"], "leasing-support-extern");
    assert_eq!(v["pair"]["a"], "leasing-support-extern");
    let be = v["pair"]["break_even"].as_array().unwrap();
    let rate = be
        .iter()
        .find(|b| b["parameter"] == "discount_rate")
        .unwrap();
    let x = rate["value"].as_f64().expect("break-even rate");
    // Compared at that rate, both variants have the same PV (each rounded once: ≤ 2 cents).
    let c = json_ok(&[
        "offers",
        "compare",
        EXAMPLE,
        "--rate",
        &x.to_string(),
        "--json",
    ]);
    let pv_of = |id: &str| {
        c["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == id)
            .unwrap()["present_value_cents"]
            .as_i64()
            .unwrap()
    };
    let (a, b) = (
        pv_of("leasing-support-extern"),
        pv_of("kauf-support-zentral"),
    );
    assert!((a - b).abs() <= 2, "at {x} %: {a} vs {b}");
    // Its offers escalate differently (0 % and 3 %): said, not silently left out.
    assert!(v["pair"]["notes"][0]
        .as_str()
        .unwrap()
        .contains("Preissteigerung von „Leasing + Support extern“ wird nicht variiert"));
    // No break-even rate in range: a German sentence.
    let v = args("kauf-support-zentral", "miete-service");
    let be = v["pair"]["break_even"].as_array().unwrap();
    let rate = be
        .iter()
        .find(|b| b["parameter"] == "discount_rate")
        .unwrap();
    assert!(rate["value"].is_null());
    assert_eq!(
        rate["explanation"],
        "Zwischen −5 % und 30 % p.a. gibt es keinen Zinssatz, bei dem „Kauf + Support zentral“ und „Miete inkl. Service“ gleich viel kosten."
    );
    // Text output names the variant and its offers; an unknown variant is a German error.
    let out = schulit(&[
        "offers",
        "sensitivity",
        EXAMPLE,
        "--variant",
        "miete-service",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Sensitivität der Variante „Miete inkl. Service“ (Barwert; Angebote: Miete inkl. Service)"),
        "{text}"
    );
    let out = schulit(&["offers", "sensitivity", EXAMPLE, "--variant", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("Variante „nope“, Feld „id“: keine Variante mit dieser ID"));
    // --offer and --variant together is a usage error.
    let out = schulit(&[
        "offers",
        "sensitivity",
        EXAMPLE,
        "--variant",
        "miete-service",
        "--offer",
        "kauf",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn demo_plan_has_offers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    json_ok(&["--db", db, "demo", "--json"]);
    let v = json_ok(&["--db", db, "offers", "compare", "--json"]);
    // 3 device offers for 1.200 tablets, 3 district-wide support contracts, 2 for the tablets.
    assert_eq!(v["offers"].as_array().unwrap().len(), 8);
    assert!(v["rate_line"].as_str().unwrap().contains("BMF"));
    // Every variant's support is calculated for its own 1.200 tablets: no scope hint.
    let variants = v["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 3);
    for w in variants {
        assert_eq!(w["devices"], 1200, "{w}");
        assert_eq!(w["warnings"], serde_json::json!([]), "{w}");
        for id in w["offers"].as_array().unwrap() {
            assert_eq!(offer(&v, id.as_str().unwrap())["units"], 1200, "{id}");
        }
    }
    // The external tablet support: 1,5 tickets × 1.200 tablets = 1.800 tickets × 65,00 € a
    // year, + 3 % a year, over the 5 years.
    let nominal: i64 = (0..5)
        .map(|k| (1800.0 * 6500.0 * 1.03f64.powi(k)).round() as i64)
        .sum();
    assert_eq!(
        offer(&v, "support-extern-tablets")["nominal_cents"],
        nominal
    );
    let text = String::from_utf8(schulit(&["--db", db, "offers", "compare"]).stdout).unwrap();
    assert!(!text.contains("Geräte kalkuliert"), "{text}");
}

#[test]
fn csv_template_compares_like_the_json_template() {
    let from_json = json_ok(&["offers", "compare", EXAMPLE, "--json", "--flows"]);
    let from_csv = json_ok(&["offers", "compare", EXAMPLE_CSV, "--json", "--flows"]);
    for key in ["settings", "rate_line", "conventions", "offers", "ranking"] {
        assert_eq!(from_csv[key], from_json[key], "{key}");
    }
    assert_eq!(from_csv["offers"].as_array().unwrap().len(), 5);
    // The evaluation is not part of the CSV template: the explanation of the ranking is the
    // same, the sentences of the UfAB evaluation are missing.
    assert!(from_csv["evaluation"].is_null());
    let (e_csv, e_json) = (
        from_csv["explanation"].as_array().unwrap(),
        from_json["explanation"].as_array().unwrap(),
    );
    assert_eq!(e_csv.len(), 2);
    assert_eq!(e_csv[..], e_json[..2]);
    // A CSV file without the extension is recognised by its content.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("angebote");
    std::fs::copy(EXAMPLE_CSV, &f).unwrap();
    let v = json_ok(&[
        "offers",
        "compare",
        f.to_str().unwrap(),
        "--json",
        "--flows",
    ]);
    assert_eq!(v["offers"], from_json["offers"]);
}

#[test]
fn csv_import_backs_up_and_a_broken_csv_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    let db = db.to_str().unwrap();
    let backups = || json_ok(&["--db", db, "backup", "list", "--json"]);
    // A plan with the JSON example in it.
    json_ok(&["--db", db, "offers", "import", EXAMPLE, "--json"]);
    let before = json_ok(&["--db", db, "offers", "compare", "--json"]);
    let n_backups = backups().as_array().unwrap().len();

    // Row 3 (the lease) with a negative price: refused, naming row, column and offer.
    let bad = dir.path().join("angebote.csv");
    let text = std::fs::read_to_string(EXAMPLE_CSV)
        .unwrap()
        .replace(";1100;monthly;", ";-1100;monthly;")
        .replace(";Kauf Tablets;", ";Kauf Tablets (neu);");
    std::fs::write(&bad, text).unwrap();
    let out = schulit(&["--db", db, "offers", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Zeile 3")
            && err.contains("„rate_cents“")
            && err.contains("„leasing“")
            && err.contains("negativ"),
        "{err}"
    );
    // Nothing changed: same offers and figures, no backup taken.
    let after = json_ok(&["--db", db, "offers", "compare", "--json"]);
    assert_eq!(after, before);
    assert_eq!(backups().as_array().unwrap().len(), n_backups);

    // The valid CSV is imported after a backup of the plan as it was.
    let good = dir.path().join("angebote-ok.csv");
    let text = std::fs::read_to_string(EXAMPLE_CSV)
        .unwrap()
        .replace(";Kauf Tablets;", ";Kauf Tablets (neu);");
    std::fs::write(&good, text).unwrap();
    let s = json_ok(&[
        "--db",
        db,
        "offers",
        "import",
        good.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(s["updated"].as_array().unwrap().len(), 5);
    assert!(!s["evaluation_saved"].as_bool().unwrap());
    let list = backups();
    assert_eq!(list.as_array().unwrap().len(), n_backups + 1);
    assert!(list[0]["name"]
        .as_str()
        .unwrap()
        .contains("vor-import-angebote"));
    let v = json_ok(&["--db", db, "offers", "compare", "--json"]);
    assert_eq!(offer(&v, "kauf")["name"], "Kauf Tablets (neu)");
    // The stored evaluation of the JSON import is kept.
    assert!(v["evaluation"]["simple"]["winner"].is_string());
}
