//! After the yearly loop: where deferred purchases land in later years, and the funding cliffs
//! (a source ending while its lines still need money).

use super::{Cliff, Plan};
use crate::budget::cap::DeferKind;
use crate::budget::funding::FundingSource;
use crate::money::format_eur;

/// A deferral lands in the first later year in which its line defers nothing: that year buys the
/// full gap, which includes the deferred units.
pub(super) fn land_deferrals(plan: &mut Plan) {
    for i in 0..plan.deferrals.len() {
        let d = &plan.deferrals[i];
        let mut landed = None;
        let mut gone = false;
        for y2 in d.year + 1..=plan.to_year {
            if let Some(l) = plan.line(d.school, d.cat, y2) {
                if l.deferred_units == 0 {
                    let bought = match d.kind {
                        DeferKind::Spares => l.spare_units,
                        _ => l.purchased(),
                    };
                    if bought > 0 {
                        landed = Some(y2);
                    } else {
                        gone = true;
                    }
                    break;
                }
            }
        }
        let d = &mut plan.deferrals[i];
        d.lands_in = landed;
        d.need_gone = gone;
    }
}

pub(super) fn cliffs(plan: &Plan, sources: &[FundingSource]) -> Vec<Cliff> {
    let year = |y: i32| plan.years.iter().find(|t| t.year == y);
    let mut out = vec![];
    for s in sources {
        let last = s.end_year;
        let (Some(a), Some(b)) = (year(last), year(last + 1)) else {
            continue;
        };
        let (src_last, lapsed) = plan
            .by_source
            .iter()
            .filter(|r| r.source_id == s.id && r.year == last)
            .fold((0, 0), |acc, r| {
                (acc.0 + r.funded_cents, acc.1 + r.lapsed_cents)
            });
        let lapsed_text = if lapsed > 0 {
            format!(
                " Nicht verbrauchte Mittel von {} verfallen.",
                format_eur(lapsed)
            )
        } else {
            String::new()
        };
        out.push(Cliff {
            source: s.name.clone(),
            last_year: last,
            source_funded_last_year_cents: src_last,
            funded_total_last_year_cents: a.funded_cents,
            funded_total_next_year_cents: b.funded_cents,
            municipal_last_year_cents: a.municipal_cents,
            municipal_next_year_cents: b.municipal_cents,
            lapsed_cents: lapsed,
            text: format!(
                "„{}“ endet {last}: Förderung {} → {} im Jahr {}, kommunaler Anteil {} → {}.{lapsed_text}",
                s.name,
                format_eur(a.funded_cents),
                format_eur(b.funded_cents),
                last + 1,
                format_eur(a.municipal_cents),
                format_eur(b.municipal_cents)
            ),
        });
    }
    out
}
