//! UfAB methods on a small worked example; the expected figures are worked out by hand below.

use schulit_core::offers::{compare, parse_template};

/// Three purchases whose PV is simply units × price (one payment at m = 0, life = horizon):
/// A 100.000 €, B 80.000 €, C 140.000 €. Weights 50/30/20.
/// L(A) = 50×8 + 30×6 + 20×7 = 720, L(B) = 50×6 + 30×6 + 20×6 = 600,
/// L(C) = 50×10 + 30×9 + 20×9 = 950.
/// Z per 1.000 €: A 720/100 = 7,2; B 600/80 = 7,5; C 950/140 = 6,7857.
fn text(deciding: &str, weights: (i32, i32, i32)) -> String {
    format!(
        r#"{{"start": "2027-01-01", "horizon_years": 3, "discount_rate_pct": 2,
    "offers": [
      {{"id": "a", "kind": "purchase", "units": 1, "unit_price_cents": 10000000, "useful_life_years": 3}},
      {{"id": "b", "kind": "purchase", "units": 1, "unit_price_cents": 8000000, "useful_life_years": 3}},
      {{"id": "c", "kind": "purchase", "units": 1, "unit_price_cents": 14000000, "useful_life_years": 3}}
    ],
    "evaluation": {{
      "criteria": [{{"id": "q", "name": "Qualität", "weight": {}}},
                   {{"id": "s", "name": "Service", "weight": {}}},
                   {{"id": "n", "name": "Nachhaltigkeit", "weight": {}}}],
      "scores": {{"a": {{"q": 8, "s": 6, "n": 7}}, "b": {{"q": 6, "s": 6, "n": 6}},
                  "c": {{"q": 10, "s": 9, "n": 9}}}},
      "band_pct": 10, "deciding": "{deciding}", "price_share_pct": 30, "price_zero_at_pct": 100
    }}}}"#,
        weights.0, weights.1, weights.2
    )
}

#[test]
fn richtwert_methods_and_nutzwert() {
    let set = parse_template("t.json", &text("performance", (50, 30, 20))).unwrap();
    let c = compare(&set);
    let ev = c.evaluation.as_ref().unwrap();
    let l = |id: &str| ev.scores.iter().find(|s| s.id == id).unwrap();
    assert_eq!(l("a").performance_points, 720.0);
    assert_eq!(l("b").performance_points, 600.0);
    assert_eq!(l("c").performance_points, 950.0);
    assert!((l("c").ratio.unwrap() - 950.0 / 140.0).abs() < 1e-9);
    assert_eq!(
        l("a").performance_formula,
        "L = 50 × 8 + 30 × 6 + 20 × 7 = 720"
    );

    // Einfache Richtwertmethode: highest Z = B (7,5).
    assert_eq!(ev.simple.winner.as_deref(), Some("b"));
    let order: Vec<&str> = ev.simple.ranking.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, ["b", "a", "c"]);

    // Erweiterte: Z_max 7,5, band 10 % → threshold 6,75; A (7,2) and C (6,79) in the band;
    // highest performance in the band: C.
    assert!((ev.z_threshold.unwrap() - 6.75).abs() < 1e-9);
    assert_eq!(ev.band_members.len(), 3);
    assert_eq!(ev.extended.winner.as_deref(), Some("c"));
    assert!(
        ev.extended.explanation.contains("6,75"),
        "{}",
        ev.extended.explanation
    );

    // Nutzwertanalyse: price points B 10, A 10 × (1 − 20/80) = 7,5, C 10 × (1 − 60/80) = 2,5;
    // N = 0,7 × L + 30 × points: B 720, A 729, C 740.
    assert!((l("a").utility - 729.0).abs() < 1e-9);
    assert!((l("b").utility - 720.0).abs() < 1e-9);
    assert!((l("c").utility - 740.0).abs() < 1e-9);
    assert_eq!(ev.utility.winner.as_deref(), Some("c"));
    let order: Vec<&str> = ev.utility.ranking.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, ["c", "a", "b"]);
    assert!(c.explanation.iter().any(|e| e.contains("Nutzwertanalyse")));
}

#[test]
fn extended_with_price_deciding() {
    let set = parse_template("t.json", &text("price", (50, 30, 20))).unwrap();
    let ev = compare(&set).evaluation.unwrap();
    // In the band {A, B, C} the lowest price wins: B.
    assert_eq!(ev.extended.winner.as_deref(), Some("b"));
}

#[test]
fn weights_must_sum_to_100() {
    let e = parse_template("t.json", &text("performance", (50, 30, 30)))
        .unwrap_err()
        .to_string();
    assert!(e.contains("Gewichte") && e.contains("110"), "{e}");
    let bad = text("performance", (50, 30, 20)).replace(r#""q": 10"#, r#""q": 11"#);
    let e = parse_template("t.json", &bad).unwrap_err().to_string();
    assert!(e.contains("scores.c.q"), "{e}");
}
