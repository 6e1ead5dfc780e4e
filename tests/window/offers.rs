//! End-to-end test of the real window: on a new plan, enter a purchase and a lease in the offer
//! form, see the ranking with its reasons and the cumulative-cost chart, a German field message
//! for an invalid offer, and the break-even of the sensitivity analysis; the offers are checked
//! in the SQLite file itself. Varianten: one added, edited and deleted; two compared in the
//! sensitivity (break-even figures as the CLI computes them).

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;

/// German money format written out independently: 11434.56 → "11.434,56 €".
fn eur(cents: i64) -> String {
    let euros = cents / 100;
    let mut s = String::new();
    let digits = euros.to_string();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push('.');
        }
        s.push(ch);
    }
    format!("{s},{:02}\u{a0}€", cents % 100)
}

fn select(app: &WindowApp, css: &str, value: &str) {
    app.execute_script(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true})); return true;",
        vec![css.into(), value.into()],
    );
}

#[test]
fn enter_two_offers_and_see_ranking_and_chart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("angebote.db");
    crate::common::schulit(
        &db,
        &[
            "offers",
            "settings",
            "--start",
            "2027-01-01",
            "--horizon",
            "5",
            "--rate",
            "2",
            "--rate-source",
            "Test-Zinssatz",
        ],
    );
    // Independent expectations: purchase 10 × 1.000,00 € at m = 0, life = horizon, no
    // residual → PV 10.000,00 €. Lease 10 × 20,00 € monthly in advance, m = 0 … 59, r = 2 %.
    let lease_pv: f64 = (0..60)
        .map(|m| 20_000.0 / 1.02f64.powf(m as f64 / 12.0))
        .sum();
    let lease_pv = lease_pv.round() as i64;
    assert!(lease_pv > 1_000_000);

    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-offers");
    app.wait_for("#offers-empty");
    assert!(app
        .text_of("#offers-rate-line")
        .contains("2,00 % p.a. – Quelle: Test-Zinssatz"));

    // 1) Purchase.
    app.click_css("#offers-add");
    app.wait_for("#offer-editor");
    app.set_value("#offer-f-id", "kauf");
    app.set_value("#offer-f-name", "Kauf Tablets");
    app.set_value("#offer-f-units", "10");
    app.set_value("#offer-f-unit_price_cents", "1.000,00");
    app.set_value("#offer-f-useful_life_years", "5");
    app.click_css("#offer-save");
    app.wait_gone("#offer-editor");
    app.wait_for("#offers-table-geraete tbody tr");

    // 2) An invalid lease (term 0) gets a German message naming the field; then corrected.
    app.click_css("#offers-add");
    app.wait_for("#offer-editor");
    select(&app, "#offer-f-kind", "lease");
    app.set_value("#offer-f-id", "leasing");
    app.set_value("#offer-f-name", "Leasing 60 Monate");
    app.set_value("#offer-f-units", "10");
    app.set_value("#offer-f-rate_cents", "20");
    app.set_value("#offer-f-term_months", "0");
    app.click_css("#offer-save");
    app.wait_until("Fehlermeldung", |a| {
        a.try_find("#offer-error").is_some() && !a.text_of("#offer-error").is_empty()
    });
    let err = app.text_of("#offer-error");
    assert!(
        err.contains("„term_months“") && err.contains("„leasing“"),
        "{err}"
    );
    app.screenshot("offers-form-error");
    app.set_value("#offer-f-term_months", "60");
    app.click_css("#offer-save");
    app.wait_gone("#offer-editor");
    app.wait_until("zwei Angebote in der Tabelle", |a| {
        a.find_all("#offers-table-geraete tbody tr").len() == 2
    });

    // Ranking: purchase first (10.000,00 €), lease second with its independently computed PV.
    let keys = app.execute_script(
        "return [...document.querySelectorAll('#offers-table-geraete tbody tr')].map((r) => r.dataset.key);",
        vec![],
    );
    assert_eq!(keys, serde_json::json!(["kauf", "leasing"]));
    let pvs = app.execute_script(
        "return [...document.querySelectorAll('#offers-table-geraete tbody td.col-pv')].map((c) => c.textContent.trim());",
        vec![],
    );
    assert_eq!(pvs, serde_json::json!([eur(1_000_000), eur(lease_pv)]));
    let reasons = app.text_of("#offers-ranking-geraete");
    assert!(reasons.contains("Niedrigster Barwert"), "{reasons}");
    assert!(reasons.contains("mehr als „Kauf Tablets“"), "{reasons}");
    // The cumulative-cost chart is shown (as an image) and has loaded.
    app.wait_image_loaded("#offers-chart-geraete");
    app.screenshot("offers-comparison");

    // Sensitivity: purchase against lease, break-even values listed.
    select(&app, "#offers-sens-b", "leasing");
    app.click_css("#offers-sens-run");
    app.wait_for("#offers-break-even li");
    assert!(app
        .text_of("#offers-break-even")
        .contains("denselben Barwert"));
    app.scroll_into_view("#offers-sensitivity");
    app.wait_image_loaded("#offers-tornado");
    app.screenshot("offers-sensitivity");
    drop(app);

    // Stored in the plan file.
    let c = Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM offers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    let data: String = c
        .query_row("SELECT data FROM offers WHERE id = 'leasing'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(v["rate_cents"], 2000);
    assert_eq!(v["term_months"], 60);
    assert_eq!(v["period"], "monthly");
}

#[test]
fn demo_offers_with_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "demo-offers.db");
    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-offers");
    app.wait_for("#offers-table-geraete tbody tr");
    assert_eq!(app.find_all("#offers-table-geraete tbody tr").len(), 3);
    assert_eq!(app.find_all("#offers-table-support tbody tr").len(), 3);
    // The support for the 1.200 tablets alone is ranked in a group of its own.
    assert_eq!(
        app.find_all("#offers-table-support-schuler-tablets tbody tr")
            .len(),
        2
    );
    assert_eq!(
        app.text_of("#offers-group-support-schuler-tablets h2"),
        "Support Schüler-Tablets"
    );
    // The shipped BMF default is in use: the screen asks for the current rate.
    assert!(app.text_of("#offers-rate-line").contains("0,90 % p.a."));
    app.wait_for("#offers-rate-warn");
    for (m, needle) in [
        ("simple", "L = 40 × "),
        ("extended", "Schwankungsbereich"),
        ("utility", "N = 70/100 × "),
    ] {
        let t = app.text_of(&format!("#offers-method-{m}"));
        assert!(t.contains(needle), "{m}: {t}");
    }
    // English: the screen's own texts follow the language (the core's sentences stay German).
    app.click_css("#lang-en");
    const KINDS: &str = "return [...document.querySelectorAll('#offers-table-geraete tbody tr td:nth-child(3)')].map((c) => c.textContent).sort();";
    app.wait_until("English offers table", |a| {
        a.execute_script(KINDS, vec![]) == serde_json::json!(["Lease", "Purchase", "Rental"])
    });
    assert!(app
        .text_of("#offers-import")
        .contains("Import template (JSON/CSV)"));
    let head = app.text_of("#offers-table-geraete thead");
    assert!(
        head.contains("Present value") && head.contains("Per device/year"),
        "{head}"
    );
    assert!(app
        .text_of("#offers-settings")
        .contains("Comparison settings"));
    assert!(app.text_of("#offers-sensitivity").contains("Calculate"));
    assert!(app
        .text_of("#offers-evaluation")
        .contains("Evaluation per UfAB"));
    app.screenshot("offers-en");
    app.click_css("#lang-de");
    app.wait_until("deutsche Angebotstabelle", |a| {
        a.execute_script(KINDS, vec![]) == serde_json::json!(["Kauf", "Leasing", "Miete"])
    });
    assert!(app
        .text_of("#offers-import")
        .contains("Vorlage importieren"));

    // Details of one offer: every payment with its discount factor. The demo purchase (life 5
    // years = horizon, warranty 2 years): price at m = 0, maintenance only in years 3, 4 and 5,
    // residual value at m = 60.
    app.execute_script(
        "const r = document.querySelector(\"#offers-table-geraete tbody tr[data-key='kauf-tablets']\"); r.scrollIntoView(); r.click(); return true;",
        vec![],
    );
    app.wait_for("#offer-flows tbody tr");
    let rows = app.execute_script(
        "return [...document.querySelectorAll('#offer-flows tbody tr')].map((r) => [r.cells[0].textContent, r.cells[3].textContent]);",
        vec![],
    );
    assert_eq!(
        rows,
        serde_json::json!([
            ["0", "Kaufpreis"],
            ["36", "Wartung"],
            ["48", "Wartung"],
            ["60", "Wartung"],
            ["60", "Restwert (Gutschrift)"]
        ])
    );
    assert!(app.text_of("#offer-explain").contains("keine Wartung"));
    app.screenshot("offers-detail");
}

#[test]
fn import_the_csv_template_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("angebote-csv.db");
    crate::common::schulit(&db, &["offers", "list"]);
    let csv = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/offers.csv");
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_OPEN_PATH", csv.to_str().unwrap())])
    else {
        return;
    };
    app.click_css("#nav-offers");
    app.wait_for("#offers-empty");
    app.click_css("#offers-import");
    app.wait_until("drei Geräteangebote und zwei Supportverträge", |a| {
        a.find_all("#offers-table-geraete tbody tr").len() == 3
            && a.find_all("#offers-table-support tbody tr").len() == 2
    });
    // The settings columns of the CSV: 2 % from 01.01.2027.
    assert!(app.text_of("#offers-rate-line").contains("2,00 % p.a."));
    // Lease: 300 × 11,00 € monthly in advance, m = 0 … 59, r = 2 % (computed here).
    let lease_pv: f64 = (0..60)
        .map(|m| 330_000.0 / 1.02f64.powf(m as f64 / 12.0))
        .sum();
    let pv = app.execute_script(
        "return document.querySelector(\"#offers-table-geraete tbody tr[data-key='leasing'] td.col-pv\").textContent.trim();",
        vec![],
    );
    assert_eq!(pv, serde_json::json!(eur(lease_pv.round() as i64)));
    drop(app);
    let c = Connection::open(&db).unwrap();
    let file: String = c
        .query_row(
            "SELECT file_name FROM import_log WHERE kind = 'offers'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(file, "offers.csv");
}

/// German number of a money cell ("1.234,56 €") in cents, for ordering checks.
fn cents_of(text: &str) -> i64 {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    digits.parse().unwrap()
}

#[test]
fn variant_from_two_demo_offers_is_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "demo-varianten.db");
    // Independent expectation for "Leasing + Support mehrstufig": the demo lease (1.200 ×
    // 10,50 € monthly in advance, 48 months, renewed: m = 0 … 12H − 1) and the multi-tier
    // contract (price × schools yearly in arrears at m = 12k, + 2 % a year); rate, horizon and
    // the number of schools read from the plan file.
    let c = Connection::open(&db).unwrap();
    let (h, rate): (u32, f64) = c
        .query_row(
            "SELECT horizon_years, discount_rate_pct FROM offer_settings",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let data: String = c
        .query_row(
            "SELECT data FROM offers WHERE id = 'support-mehrstufig'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let support: serde_json::Value = serde_json::from_str(&data).unwrap();
    let schools = support["school_count"].as_f64().unwrap();
    let price = support["price_cents"].as_f64().unwrap();
    let esc = 1.0 + support["escalation_pct"].as_f64().unwrap() / 100.0;
    drop(c);
    let r = rate / 100.0;
    let df = |m: u32| 1.0 / (1.0 + r).powf(m as f64 / 12.0);
    let mut pv = 0.0;
    for m in 0..12 * h {
        pv += 1200.0 * 1050.0 * df(m);
    }
    for k in 1..=h {
        pv += (schools * price * esc.powi(k as i32 - 1)).round() * df(12 * k);
    }
    let expected_pv = pv.round() as i64;

    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-offers");
    // The demo's three variants, ranked.
    app.wait_for("#offers-variants-table tbody tr");
    assert_eq!(app.find_all("#offers-variants-table tbody tr").len(), 3);

    // A variant of support contracts only is refused with the core's message.
    app.click_css("#offers-variant-add");
    app.wait_for("#variant-editor");
    app.set_value("#variant-f-name", "Leasing + Support mehrstufig");
    app.click_css("#variant-f-offer-support-mehrstufig");
    app.click_css("#variant-save");
    app.wait_for("#variant-error:not([hidden])");
    let err = app.text_of("#variant-error");
    assert!(
        err.starts_with(
            "Variante „Leasing + Support mehrstufig“, Feld „offers“: enthält kein Geräteangebot"
        ),
        "{err}"
    );
    // With the lease it is saved, computed and ranked among the four.
    app.click_css("#variant-f-offer-leasing-tablets");
    app.screenshot("offers-variant-editor");
    app.click_css("#variant-save");
    app.wait_gone("#variant-editor");
    app.wait_until("vier Varianten", |a| {
        a.find_all("#offers-variants-table tbody tr").len() == 4
    });
    const ROW: &str = "#offers-variants-table tbody tr[data-key='leasing-support-mehrstufig']";
    assert_eq!(app.text_of(&format!("{ROW} td.col-pv")), eur(expected_pv));
    assert_eq!(
        app.text_of(&format!("{ROW} .variant-offers-line")),
        "Leasing Schüler-Tablets 48 Monate + Mehrstufiges Modell mit Ansprechperson je Schule"
    );
    // Devices = the 1.200 leased tablets, not the 6.000 devices of the support contract.
    let cells = app.execute_script(
        "return [...document.querySelectorAll(\"#offers-variants-table tbody tr[data-key='leasing-support-mehrstufig'] td\")].map((c) => c.textContent.trim());",
        vec![],
    );
    assert_eq!(cells[2], "1.200");
    // Ranks 1 … 4 in ascending present value; the reason of the new one is listed.
    let table = app.execute_script(
        "return [...document.querySelectorAll('#offers-variants-table tbody tr')].map((r) => [r.cells[0].textContent, r.querySelector('td.col-pv').textContent]);",
        vec![],
    );
    let rows: Vec<(i64, i64)> = table
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap().parse().unwrap(),
                cents_of(r[1].as_str().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    assert!(rows.windows(2).all(|w| w[0].1 <= w[1].1), "{rows:?}");
    let reason = app.text_of("#offers-variants-ranking li[data-key='leasing-support-mehrstufig']");
    assert!(
        reason.starts_with("Leasing + Support mehrstufig: ")
            && (reason.contains("Niedrigster Barwert aller Varianten")
                || reason.contains("mehr als „")),
        "{reason}"
    );
    // Stored in the plan file with its two offers in the order listed.
    {
        let c = Connection::open(&db).unwrap();
        let offers: Vec<String> = c
            .prepare("SELECT offer_id FROM offer_variant_offers WHERE variant_id = 'leasing-support-mehrstufig' ORDER BY pos")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(offers, vec!["leasing-tablets", "support-mehrstufig"]);
    }
    app.scroll_into_view("#offers-variants");
    app.wait_gone(".toast");
    app.screenshot("offers-variants");
    // English: the card's own texts follow the language.
    app.click_css("#lang-en");
    app.wait_until("English variants card", |a| {
        a.text_of("#offers-variants h2") == "Variants"
    });
    let head = app.text_of("#offers-variants-table thead");
    assert!(
        head.contains("Variant (offers)") && head.contains("Present value"),
        "{head}"
    );
    assert_eq!(app.text_of("#offers-variant-add"), "Add variant");
    app.click_css("#lang-de");
    app.wait_until("deutsche Variantenkarte", |a| {
        a.text_of("#offers-variants h2") == "Varianten"
    });

    // Edit (the row opens the editor): rename; delete there: gone from the list and the file.
    app.execute_script(
        &format!("document.querySelector(\"{ROW}\").click(); return true;"),
        vec![],
    );
    app.wait_for("#variant-editor");
    app.set_value("#variant-f-name", "Leasing + Support vor Ort");
    app.click_css("#variant-save");
    app.wait_gone("#variant-editor");
    app.wait_until("umbenannt", |a| {
        a.text_of(&format!("{ROW} .variant-name")) == "Leasing + Support vor Ort"
    });
    app.execute_script(
        &format!("document.querySelector(\"{ROW}\").click(); return true;"),
        vec![],
    );
    app.wait_for("#variant-delete");
    app.click_css("#variant-delete");
    app.wait_for("#dlg-confirm");
    app.click_css("#dlg-confirm");
    app.wait_until("drei Varianten", |a| {
        a.find_all("#offers-variants-table tbody tr").len() == 3
    });
    drop(app);
    let c = Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM offer_variants WHERE id = 'leasing-support-mehrstufig'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn sensitivity_of_two_variants_shows_the_cores_break_even() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "demo-varianten-sens.db");
    // What the CLI says for "Miete inkl. Service" against "Kauf + Support zentral" (the same core
    // function as the window's command).
    let (a, b) = ("miete-service", "kauf-support-zentral");
    let cli: serde_json::Value = serde_json::from_str(&crate::common::schulit(
        &db,
        &[
            "offers",
            "sensitivity",
            "--variant",
            a,
            "--against",
            b,
            "--json",
        ],
    ))
    .unwrap();
    let pair = &cli["pair"];
    let break_even = pair["break_even"].as_array().unwrap().clone();
    let rate = break_even
        .iter()
        .find(|x| x["parameter"] == "discount_rate")
        .unwrap();
    let x = rate["value"]
        .as_f64()
        .expect("a break-even rate in the demo");
    // Independently: compared at that rate, both variants cost the same (each PV rounded once).
    let c: serde_json::Value = serde_json::from_str(&crate::common::schulit(
        &db,
        &["offers", "compare", "--rate", &x.to_string(), "--json"],
    ))
    .unwrap();
    let pv_of = |id: &str| {
        c["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap()["present_value_cents"]
            .as_i64()
            .unwrap()
    };
    assert!((pv_of(a) - pv_of(b)).abs() <= 2, "at {x} %");
    // The rate as the sentence shows it: two decimals, German comma.
    let shown_rate = format!("{:.2}", x).replace('.', ",");
    assert!(
        rate["explanation"]
            .as_str()
            .unwrap()
            .contains(&format!("{shown_rate} % p.a.")),
        "{rate}"
    );

    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-offers");
    app.wait_for("#offers-var-sens-a");
    select(&app, "#offers-var-sens-a", a);
    select(&app, "#offers-var-sens-b", b);
    app.click_css("#offers-var-sens-run");
    app.wait_for("#offers-var-break-even li");
    // Every break-even sentence as the core computed it, the rate's figure among them.
    let shown = app.execute_script(
        "return [...document.querySelectorAll('#offers-var-break-even li')].map((l) => [l.dataset.parameter, l.textContent]);",
        vec![],
    );
    let expected: Vec<serde_json::Value> = break_even
        .iter()
        .map(|x| serde_json::json!([x["parameter"], x["explanation"]]))
        .collect();
    assert_eq!(shown, serde_json::Value::Array(expected));
    let li = app.text_of("#offers-var-break-even li[data-parameter='discount_rate']");
    assert!(li.contains(&format!("{shown_rate} % p.a.")), "{li}");
    assert_eq!(
        app.text_of("#offers-var-sens-diff"),
        format!(
            "Barwert „Miete inkl. Service“ − „Kauf + Support zentral“: {}",
            eur(pair["base_difference_cents"].as_i64().unwrap())
        )
    );
    // …which is the difference of the two variants' present values (each rounded once: ≤ 1 cent).
    let d = pair["base_difference_cents"].as_i64().unwrap();
    assert!(
        (d - (pv_of_base(&db, a) - pv_of_base(&db, b))).abs() <= 1,
        "{d}"
    );
    app.scroll_into_view("#offers-variant-sens");
    app.wait_image_loaded("#offers-var-tornado");
    app.screenshot("offers-variant-sensitivity");
    // The same variant on both sides is refused in German, next to the controls.
    select(&app, "#offers-var-sens-b", a);
    app.click_css("#offers-var-sens-run");
    app.wait_for("#offers-var-sens-error:not([hidden])");
    assert!(app
        .text_of("#offers-var-sens-error")
        .contains("dieselbe Variante"));
    // English: the controls follow the language (the core's sentences stay German).
    app.click_css("#lang-en");
    app.wait_until("English variant sensitivity", |a| {
        a.text_of("#offers-variant-sens h3") == "Sensitivity: variant against variant"
    });
    assert_eq!(app.text_of("#offers-var-sens-run"), "Calculate");
    app.click_css("#lang-de");
    app.wait_until("deutsche Variantensensitivität", |a| {
        a.text_of("#offers-variant-sens h3") == "Sensitivität: Variante gegen Variante"
    });
}

/// A variant's present value at the plan's own rate, from the CLI's comparison.
fn pv_of_base(db: &std::path::Path, id: &str) -> i64 {
    let c: serde_json::Value = serde_json::from_str(&crate::common::schulit(
        db,
        &["offers", "compare", "--json"],
    ))
    .unwrap();
    c["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()["present_value_cents"]
        .as_i64()
        .unwrap()
}
