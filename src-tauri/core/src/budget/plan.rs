//! The plan: pure computation from assumptions and facts to cost lines per school × category ×
//! year, totals, funding, deferrals. No I/O. Formulas (DOMAIN.md §2, shown in the product by
//! [`FORMULAS`]):
//!
//! - `D` demand from the rules and the pupil forecast of the year;
//! - `S` surviving stock: cohorts with `p ≤ y < p + life`;
//! - `R` due replacements: cohorts with `y = p + life` (plus older ones still in operation);
//! - purchases `P = max(0, D − S)` (split into replacements first, then new demand) plus spare
//!   units `round(max(D, S) × reserve %)` for the defect reserve;
//! - `investment = round(P × price × (1 + e)^(y − base))`, `reserve = round(spares × price × …)`,
//!   `running = round(units in use × running cost × (1 + e)^(y − base))`, each line rounded to
//!   the cent half away from zero, then summed;
//! - purchases of year `y` become a cohort with purchase year `y`.

mod deferrals_and_cliffs;
mod input;
mod result;

use super::cap::{deferral_order, Candidate, DeferKind, Deferral};
use super::catalogue::Category;
use super::funding::{self, FundingSource, FundingState, LineCost};
use super::standards::RuleIndex;
use super::PlanError;
use crate::money::{format_eur, round_cents};
use deferrals_and_cliffs::{cliffs, land_deferrals};
pub use input::{MunicipalYear, PlanInput};
pub use result::{CategoryYear, Cliff, Line, Plan, SchoolYear, SourceYear, YearTotal};

/// [`FORMULAS`] in English (same order).
pub const FORMULAS_EN: &[(&str, &str)] = &[
    ("Demand D", "sum of the rules of the school type: round up(basis × units ÷ per); pupils of the year = base year × (1 + development %)^(year − base year) or the value entered"),
    ("Stock S", "cohorts with purchase year ≤ year < purchase year + useful life"),
    ("Due replacement R", "cohorts with year = purchase year + useful life, plus overdue devices still in operation"),
    ("Purchase P", "max(0, D − S); first as replacement, the rest as new demand; purchases become a new cohort of the year"),
    ("Defect reserve", "spare devices = round(max(D, S) × reserve %); they replace failed devices and form no cohort of their own"),
    ("Investment", "round(P × unit price × (1 + price increase)^(year − base year)), reserve likewise; each line to the cent (half away from zero), then summed"),
    ("Running cost", "round(devices in use × running cost × (1 + price increase)^(year − base year)); in use = S + purchases + old devices not yet replaced"),
    ("Funding", "sources in a fixed order; per line a source takes T = eligible open amount (limited by funds, school cap and mobile-device cap) and pays round(T × (1 − own share))"),
    ("Funds of a source", "available in a year = annual amount, with carry-over plus what is left from earlier plan years of the term; with a total amount the rest not yet used. Without carry-over the rest lapses at the end of the year, after the last year of the term always"),
    ("Municipal share", "total cost − funding"),
    ("Funding gap", "municipal need − municipal budget entered for the year"),
    ("Cap", "if the municipal need exceeds the cap, purchases are deferred: first the defect reserve, then new demand by Sozialindex weight (lowest first), last replacements (least overdue first)"),
];

/// The formulas as the product shows them.
pub const FORMULAS: &[(&str, &str)] = &[
    ("Bedarf D", "Summe der Regeln der Schulform: aufrunden(Bezugsgröße × Anzahl ÷ je); Schülerzahl des Jahres = Basisjahr × (1 + Entwicklung %)^(Jahr − Basisjahr) oder der eingetragene Wert"),
    ("Bestand S", "Kohorten mit Anschaffungsjahr ≤ Jahr < Anschaffungsjahr + Nutzungsdauer"),
    ("Fällige Ersatzbeschaffung R", "Kohorten mit Jahr = Anschaffungsjahr + Nutzungsdauer, dazu überfällige Geräte, die noch in Betrieb sind"),
    ("Kauf P", "max(0, D − S); zuerst als Ersatz, der Rest als Neubedarf; Käufe werden eine neue Kohorte des Jahres"),
    ("Defektreserve", "Ersatzgeräte = runden(max(D, S) × Reserve %); sie ersetzen ausgefallene Geräte und bilden keine eigene Kohorte"),
    ("Investition", "runden(P × Stückpreis × (1 + Preissteigerung)^(Jahr − Basisjahr)), Reserve ebenso; je Zeile auf den Cent (kaufmännisch), dann summiert"),
    ("Laufende Kosten", "runden(Geräte in Betrieb × laufende Kosten × (1 + Preissteigerung)^(Jahr − Basisjahr)); in Betrieb = S + Käufe + noch nicht ersetzte Altgeräte"),
    ("Förderung", "Quellen in fester Reihenfolge; je Zeile übernimmt eine Quelle T = förderfähiger offener Betrag (begrenzt durch Mittel, Schul- und Mobilgeräte-Obergrenze) und zahlt runden(T × (1 − Eigenanteil))"),
    ("Mittel einer Quelle", "verfügbar im Jahr = Jahresbetrag, bei Übertragung von Restmitteln zuzüglich des Rests früherer Planjahre der Laufzeit; bei einem Gesamtbetrag der noch nicht verbrauchte Rest. Ohne Übertragung verfällt der Rest am Jahresende, nach dem letzten Jahr der Laufzeit immer"),
    ("Kommunaler Anteil", "Gesamtkosten − Förderung"),
    ("Finanzierungslücke", "kommunaler Bedarf − eingetragenes kommunales Budget des Jahres"),
    ("Obergrenze", "übersteigt der kommunale Bedarf die Obergrenze, werden Käufe verschoben: zuerst Defektreserve, dann Neubedarf nach Sozialindex-Gewicht (niedrigstes zuerst), zuletzt Ersatzbeschaffungen (am wenigsten überfällige zuerst)"),
];

/// Running state per school × category.
#[derive(Debug, Clone, Default)]
struct Track {
    /// (purchase year, units)
    cohorts: Vec<(i32, i64)>,
    /// Units past their life still in operation.
    backlog: i64,
    /// Year the oldest backlog units became due.
    backlog_since: i32,
    /// Deferred spare units.
    spares_backlog: i64,
}

/// Planned (pre-cap) quantities of a line this year.
#[derive(Debug, Clone, Copy, Default)]
struct Need {
    repl_backlog: i64,
    repl_due: i64,
    new: i64,
    spares: i64,
    overdue_years: i32,
}

fn cost_line(l: &mut Line, c: &Category, repl_need: i64) {
    let f = l.factor;
    l.invest_cents = round_cents(l.purchased() as f64 * c.unit_price_cents as f64 * f);
    l.reserve_cents = round_cents(l.spare_units as f64 * c.unit_price_cents as f64 * f);
    l.in_use = l.surviving + l.purchased() + (repl_need - l.replace_units);
    l.running_cents = round_cents(l.in_use as f64 * c.running_cents_per_year as f64 * f);
}

/// Computes the plan. Pure: the same input gives the same plan.
pub fn compute(input: &PlanInput) -> Result<Plan, PlanError> {
    input.validate()?;
    let cats = &input.categories;
    let nc = cats.len();
    let ns = input.schools.len();
    let ny = (input.to_year - input.from_year + 1) as usize;
    let mut warnings = Vec::new();

    // Cohorts into tracks.
    let school_index: std::collections::HashMap<&str, usize> = input
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.schulnummer.as_str(), i))
        .collect();
    let cat_index: std::collections::HashMap<&str, usize> = cats
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    let mut tracks = vec![Track::default(); ns * nc];
    let (mut unknown_school, mut unknown_cat) = (0i64, 0i64);
    for co in &input.cohorts {
        match (
            school_index.get(co.schulnummer.as_str()),
            cat_index.get(co.category.as_str()),
        ) {
            (Some(&s), Some(&c)) => tracks[s * nc + c]
                .cohorts
                .push((co.purchase_year, co.units)),
            (None, _) => unknown_school += co.units,
            (_, None) => unknown_cat += co.units,
        }
    }
    if unknown_school > 0 {
        warnings.push(format!(
            "{unknown_school} Geräte im Bestand gehören zu Schulen, die nicht im Schulregister stehen; sie zählen nicht."
        ));
    }
    if unknown_cat > 0 {
        warnings.push(format!(
            "{unknown_cat} Geräte im Bestand haben eine Kategorie, die im Katalog dieses Szenarios fehlt; sie zählen nicht."
        ));
    }
    // Units already past their life before the first plan year: overdue, still in operation.
    for (ti, t) in tracks.iter_mut().enumerate() {
        let life = cats[ti % nc].life_years;
        let mut since = i32::MAX;
        for &(p, u) in &t.cohorts {
            if p + life < input.from_year && u > 0 {
                t.backlog += u;
                since = since.min(p + life);
            }
        }
        t.backlog_since = if since == i32::MAX {
            input.from_year
        } else {
            since
        };
    }

    let rules = RuleIndex::new(&input.rules, cats);
    let weights: Vec<f64> = input
        .schools
        .iter()
        .map(|s| input.weights.weight(s.sozialindex))
        .collect();
    // Schulnummer rank (for tie-breaks) and allocation order: highest weight first.
    let mut by_nr: Vec<usize> = (0..ns).collect();
    by_nr.sort_by(|&a, &b| {
        input.schools[a]
            .schulnummer
            .cmp(&input.schools[b].schulnummer)
    });
    let mut rank = vec![0usize; ns];
    for (r, &s) in by_nr.iter().enumerate() {
        rank[s] = r;
    }
    let mut school_order: Vec<usize> = (0..ns).collect();
    school_order.sort_by(|&a, &b| {
        weights[b]
            .total_cmp(&weights[a])
            .then(rank[a].cmp(&rank[b]))
    });
    let year_order: Vec<usize> = school_order
        .iter()
        .flat_map(|&s| (0..nc).map(move |c| s * nc + c))
        .collect();

    let mut sources: Vec<FundingSource> = input.funding.clone();
    sources.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
    let base_pupils: Vec<f64> = input.schools.iter().map(|s| s.base_total()).collect();
    let prepared = funding::prepare(&sources, cats, &base_pupils);
    let mut fstate = FundingState::new(&sources, ns);

    let mut lines = vec![Line::default(); ny * ns * nc];
    let mut allocations = Vec::new();
    let mut deferrals: Vec<Deferral> = Vec::new();
    let mut years = Vec::with_capacity(ny);
    let mut by_school = Vec::with_capacity(ny * ns);
    let mut by_category = Vec::with_capacity(ny * nc);
    let mut by_source = Vec::new();
    let mut demand = vec![0i64; nc];
    let mut needs = vec![Need::default(); ns * nc];
    let mut pupils_year = vec![0.0f64; ns];
    // Index into this year's `deferred` per (line, class); u32::MAX = none yet.
    let mut defer_slot = vec![u32::MAX; ns * nc * 3];

    for (yi, y) in input.years().enumerate() {
        let f = input.factor(y);
        let off = yi * ns * nc;
        // 1. Quantities before the cap.
        for (s, facts) in input.schools.iter().enumerate() {
            let grades = facts.grades_in(input.base_year, y);
            pupils_year[s] = grades.iter().sum();
            rules.demand(facts, &grades, cats, &mut demand);
            for (c, cat) in cats.iter().enumerate() {
                let t = &tracks[s * nc + c];
                let life = cat.life_years;
                let (mut surviving, mut due) = (0i64, 0i64);
                for &(p, u) in &t.cohorts {
                    if p <= y && y < p + life {
                        surviving += u;
                    } else if p + life == y {
                        due += u;
                    }
                }
                let d = demand[c];
                let gap = (d - surviving).max(0);
                let repl = gap.min(t.backlog + due);
                let repl_backlog = repl.min(t.backlog);
                let spares = round_cents(d.max(surviving) as f64 * cat.defect_reserve_pct / 100.0)
                    + t.spares_backlog;
                needs[s * nc + c] = Need {
                    repl_backlog,
                    repl_due: repl - repl_backlog,
                    new: gap - repl,
                    spares,
                    overdue_years: y - t.backlog_since,
                };
                lines[off + s * nc + c] = Line {
                    school: s as u32,
                    cat: c as u16,
                    year: y,
                    demand: d,
                    surviving,
                    due,
                    overdue: t.backlog,
                    replace_units: repl,
                    new_units: gap - repl,
                    spare_units: spares,
                    factor: f,
                    ..Line::default()
                };
            }
        }
        let recost = |lines: &mut [Line], needs: &[Need], i: usize| {
            let n = needs[i];
            cost_line(
                &mut lines[off + i],
                &cats[i % nc],
                n.repl_backlog + n.repl_due,
            );
        };
        for i in 0..ns * nc {
            recost(&mut lines, &needs, i);
        }
        // 2. Funding.
        let snapshot = fstate.clone();
        let allocate = |lines: &mut [Line], st: &mut FundingState| {
            let costs: Vec<LineCost> = lines[off..off + ns * nc]
                .iter()
                .map(|l| LineCost {
                    school: l.school as usize,
                    cat: l.cat as usize,
                    invest: l.investment(),
                    running: l.running_cents,
                })
                .collect();
            let (funded, allocs) =
                funding::allocate_year(&sources, &prepared, st, y, &costs, &year_order);
            let mut municipal = 0i64;
            for (i, fc) in funded.iter().enumerate() {
                let l = &mut lines[off + i];
                l.funded_cents = *fc;
                l.municipal_cents = l.total() - fc;
                municipal += l.municipal_cents;
            }
            (municipal, allocs)
        };
        let (mut municipal, mut allocs) = allocate(&mut lines, &mut fstate);
        // 3. Cap.
        let muni = input.municipal.iter().find(|m| m.year == y);
        let cap = muni.and_then(|m| m.cap_cents);
        let mut deferred: Vec<(usize, DeferKind, i64)> = Vec::new();
        let mut year_deferred_cents = 0i64;
        if let Some(cap) = cap {
            if municipal > cap {
                let need_before = municipal;
                let mut cands = Vec::new();
                for i in 0..ns * nc {
                    let n = needs[i];
                    let s = i / nc;
                    let unit = cats[i % nc].unit_price_cents as f64 * f;
                    // A deferred new unit also saves its running cost this year.
                    let run = cats[i % nc].running_cents_per_year as f64 * f;
                    let mut push = |kind, units: i64, overdue_years| {
                        if units > 0 && unit > 0.0 {
                            cands.push(Candidate {
                                line: i,
                                kind,
                                units,
                                unit_cents: if kind == DeferKind::NewDemand {
                                    unit + run
                                } else {
                                    unit
                                },
                                weight: weights[s],
                                overdue_years,
                                schulnummer_rank: rank[s],
                            });
                        }
                    };
                    push(DeferKind::Spares, n.spares, 0);
                    push(DeferKind::NewDemand, n.new, 0);
                    push(DeferKind::Replacement, n.repl_due, 0);
                    push(
                        DeferKind::Replacement,
                        n.repl_backlog,
                        n.overdue_years.max(1),
                    );
                }
                deferral_order(&mut cands);
                // Deferring a funded unit saves the municipality less than its price (the
                // freed funding goes elsewhere): the saving per unit is estimated as price ×
                // `scale`, with `scale` learnt from the previous pass (actual ÷ estimated).
                let mut scale = 1.0f64;
                loop {
                    let mut excess = (municipal - cap) as f64;
                    let start_excess = excess;
                    let mut any = false;
                    for cand in cands.iter_mut() {
                        if excess <= 0.0 {
                            break;
                        }
                        if cand.units == 0 {
                            continue;
                        }
                        let unit_saving = cand.unit_cents * scale;
                        let k = ((excess / unit_saving).ceil() as i64).clamp(1, cand.units);
                        cand.units -= k;
                        excess -= k as f64 * unit_saving;
                        any = true;
                        let l = &mut lines[off + cand.line];
                        match cand.kind {
                            DeferKind::Spares => l.spare_units -= k,
                            DeferKind::NewDemand => l.new_units -= k,
                            // The old devices stay in operation (counted in `in_use`).
                            DeferKind::Replacement => l.replace_units -= k,
                        }
                        l.deferred_units += k;
                        let slot = cand.line * 3 + (cand.kind.class() as usize - 1);
                        match defer_slot[slot] {
                            u32::MAX => {
                                defer_slot[slot] = deferred.len() as u32;
                                deferred.push((cand.line, cand.kind, k));
                            }
                            d => deferred[d as usize].2 += k,
                        }
                    }
                    if !any {
                        warnings.push(format!(
                            "{y}: Die Obergrenze von {} kann nicht eingehalten werden, auch nachdem alle Käufe verschoben wurden (laufende Kosten allein: {}).",
                            format_eur(cap),
                            format_eur(municipal)
                        ));
                        break;
                    }
                    for &(li, _, _) in &deferred {
                        recost(&mut lines, &needs, li);
                        defer_slot[li * 3] = u32::MAX;
                        defer_slot[li * 3 + 1] = u32::MAX;
                        defer_slot[li * 3 + 2] = u32::MAX;
                    }
                    for (i, &(li, kind, _)) in deferred.iter().enumerate() {
                        defer_slot[li * 3 + (kind.class() as usize - 1)] = i as u32;
                    }
                    fstate = snapshot.clone();
                    let r = allocate(&mut lines, &mut fstate);
                    let estimated = (start_excess - excess) / scale;
                    let actual = (municipal - r.0) as f64;
                    if estimated > 0.0 && actual > 0.0 {
                        scale = (actual / estimated).clamp(0.02, 1.0);
                    }
                    municipal = r.0;
                    allocs = r.1;
                    if municipal <= cap {
                        break;
                    }
                }
                for &(li, kind, units) in &deferred {
                    defer_slot[li * 3 + (kind.class() as usize - 1)] = u32::MAX;
                    let s = li / nc;
                    let c = li % nc;
                    let facts = &input.schools[s];
                    let t = &tracks[li];
                    // Due units are deferred before overdue ones (candidate order).
                    let due_since = match kind {
                        DeferKind::Replacement => Some(if units > needs[li].repl_due {
                            t.backlog_since
                        } else {
                            y
                        }),
                        _ => None,
                    };
                    let cents = round_cents(units as f64 * cats[c].unit_price_cents as f64 * f);
                    year_deferred_cents += cents;
                    deferrals.push(Deferral {
                        year: y,
                        school: s,
                        schulnummer: facts.schulnummer.clone(),
                        cat: c,
                        category: cats[c].key.clone(),
                        kind,
                        units,
                        cents,
                        sozialindex: facts.sozialindex,
                        weight: weights[s],
                        due_since,
                        lands_in: None,
                        need_gone: false,
                        need_cents: need_before,
                        cap_cents: cap,
                    });
                }
            }
        }
        for a in allocs.iter_mut() {
            a.line += off;
        }
        // 4. Advance the tracks: purchases become a cohort; deferred units stay pending.
        for i in 0..ns * nc {
            let l = lines[off + i];
            let n = needs[i];
            let t = &mut tracks[i];
            let repl_need = n.repl_backlog + n.repl_due;
            let still_old = repl_need - l.replace_units;
            t.backlog = still_old;
            // Deferral takes due units before overdue ones: overdue units are left only when
            // more than the due part was deferred.
            if still_old <= n.repl_due {
                t.backlog_since = y;
            }
            t.spares_backlog = n.spares - l.spare_units;
            if l.purchased() > 0 {
                t.cohorts.push((y, l.purchased()));
            }
        }
        // 5. Totals.
        let mut yt = YearTotal {
            year: y,
            budget_cents: muni.and_then(|m| m.budget_cents).unwrap_or(0),
            budget_entered: muni.is_some_and(|m| m.budget_cents.is_some()),
            cap_cents: cap,
            ..Default::default()
        };
        let mut cat_rows: Vec<CategoryYear> = cats
            .iter()
            .map(|c| CategoryYear {
                category: c.key.clone(),
                year: y,
                ..Default::default()
            })
            .collect();
        for s in 0..ns {
            let mut sy = SchoolYear {
                school: s,
                schulnummer: input.schools[s].schulnummer.clone(),
                year: y,
                pupils: pupils_year[s],
                ..Default::default()
            };
            for c in 0..nc {
                let l = &lines[off + s * nc + c];
                sy.invest_cents += l.investment();
                sy.running_cents += l.running_cents;
                sy.funded_cents += l.funded_cents;
                sy.municipal_cents += l.municipal_cents;
                sy.deferred_units += l.deferred_units;
                let cr = &mut cat_rows[c];
                cr.invest_cents += l.investment();
                cr.running_cents += l.running_cents;
                cr.units_bought += l.purchased();
                cr.in_use += l.in_use;
                yt.reserve_cents += l.reserve_cents;
                yt.units_bought += l.purchased();
            }
            sy.total_cents = sy.invest_cents + sy.running_cents;
            sy.per_pupil_cents = per_pupil(sy.total_cents, sy.pupils);
            yt.invest_cents += sy.invest_cents;
            yt.running_cents += sy.running_cents;
            yt.funded_cents += sy.funded_cents;
            yt.municipal_cents += sy.municipal_cents;
            yt.deferred_units += sy.deferred_units;
            yt.pupils += sy.pupils;
            by_school.push(sy);
        }
        for mut cr in cat_rows {
            cr.total_cents = cr.invest_cents + cr.running_cents;
            by_category.push(cr);
        }
        yt.total_cents = yt.invest_cents + yt.running_cents;
        yt.gap_cents = yt.municipal_cents - yt.budget_cents;
        yt.per_pupil_cents = per_pupil(yt.total_cents, yt.pupils);
        yt.deferred_cents = year_deferred_cents;
        years.push(yt);
        for (si, s) in sources.iter().enumerate() {
            if !s.active_in(y) {
                continue;
            }
            let (fu, co) = allocs
                .iter()
                .filter(|a| a.source == si)
                .fold((0, 0), |acc, a| {
                    (acc.0 + a.funded_cents, acc.1 + a.cofunding_cents)
                });
            let available = fstate.available[si];
            let left = available - fu;
            by_source.push(SourceYear {
                source: s.name.clone(),
                source_id: s.id,
                year: y,
                funded_cents: fu,
                cofunding_cents: co,
                available_cents: available,
                carried_in_cents: match s.mode {
                    funding::AmountMode::PerYear => available - s.amount_cents,
                    funding::AmountMode::Total => 0,
                },
                left_cents: left,
                lapsed_cents: if !s.carries_over() || y == s.end_year {
                    left
                } else {
                    0
                },
            });
        }
        allocations.extend(allocs);
    }

    let mut plan = Plan {
        scenario: input.scenario.clone(),
        base_year: input.base_year,
        from_year: input.from_year,
        to_year: input.to_year,
        escalation_pct: input.escalation_pct,
        category_keys: cats.iter().map(|c| c.key.clone()).collect(),
        schulnummern: input
            .schools
            .iter()
            .map(|s| s.schulnummer.clone())
            .collect(),
        lines,
        years,
        by_school,
        by_category,
        by_source,
        allocations,
        deferrals,
        cliffs: vec![],
        warnings,
    };
    land_deferrals(&mut plan);
    plan.cliffs = cliffs(&plan, &sources);
    Ok(plan)
}

fn per_pupil(total: i64, pupils: f64) -> i64 {
    if pupils > 0.0 {
        round_cents(total as f64 / pupils)
    } else {
        0
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
pub(crate) mod tests;
