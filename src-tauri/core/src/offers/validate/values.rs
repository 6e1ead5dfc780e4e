//! The value checks of an offer (amounts, units, terms, prices per model, SLA hours) and of
//! the comparison settings (horizon, discount rate, pupils).

use super::{MAX_AMOUNT_CENTS, MAX_HORIZON_YEARS, MAX_UNITS};
use crate::offers::model::*;
use crate::offers::OfferError;

/// Checks the values of an offer (ranges, required combinations).
pub fn validate_offer(o: &Offer) -> Result<(), OfferError> {
    let id = o.id.as_str();
    let bad = |field: &str, msg: String| Err(OfferError::invalid(id, field, msg));
    if o.id.trim().is_empty() || o.id.chars().count() > 64 {
        return bad("id", "muss 1 bis 64 Zeichen lang sein".into());
    }
    if o.units <= 0 || o.units > MAX_UNITS {
        return bad(
            "units",
            format!(
                "Anzahl der Geräte muss zwischen 1 und {MAX_UNITS} liegen (gefunden: {})",
                o.units
            ),
        );
    }
    if !o.escalation_pct.is_finite() || o.escalation_pct <= -100.0 || o.escalation_pct > 100.0 {
        return bad(
            "escalation_pct",
            format!(
                "Preissteigerung muss zwischen -100 und 100 % liegen (gefunden: {})",
                o.escalation_pct
            ),
        );
    }
    match &o.terms {
        Terms::Purchase(p) => {
            amount(id, "unit_price_cents", p.unit_price_cents)?;
            amount(id, "residual_value_cents", p.residual_value_cents)?;
            amount(
                id,
                "maintenance_cents_per_unit_year",
                p.maintenance_cents_per_unit_year,
            )?;
            if p.useful_life_years == 0 || p.useful_life_years > MAX_HORIZON_YEARS {
                return bad(
                    "useful_life_years",
                    format!(
                        "Nutzungsdauer muss zwischen 1 und {MAX_HORIZON_YEARS} Jahren liegen (gefunden: {})",
                        p.useful_life_years
                    ),
                );
            }
            if p.residual_value_cents > p.unit_price_cents {
                return bad(
                    "residual_value_cents",
                    "Restwert darf nicht größer als der Kaufpreis sein".into(),
                );
            }
        }
        Terms::Lease(r) | Terms::Rental(r) => {
            amount(id, "rate_cents", r.rate_cents)?;
            amount(id, "down_payment_cents", r.down_payment_cents)?;
            amount(id, "buyout_cents", r.buyout_cents)?;
            if r.term_months == 0 {
                return bad(
                    "term_months",
                    "Laufzeit muss größer als 0 Monate sein".into(),
                );
            }
            if r.term_months > MAX_HORIZON_YEARS * 12 {
                return bad(
                    "term_months",
                    format!(
                        "Laufzeit ist zu lang (höchstens {} Monate)",
                        MAX_HORIZON_YEARS * 12
                    ),
                );
            }
            if r.term_months % r.period.months() != 0 {
                return bad(
                    "term_months",
                    format!(
                        "Laufzeit {} Monate ist kein Vielfaches der Zahlungsperiode ({}, {} Monate)",
                        r.term_months,
                        r.period.label_de(),
                        r.period.months()
                    ),
                );
            }
        }
        Terms::Support(s) => {
            amount(id, "price_cents", s.price_cents)?;
            match s.model {
                SupportModel::PerSchoolYear if s.schools_paid() == 0 => {
                    return bad(
                        "school_count",
                        "Pauschale je Schule braucht die Zahl der Schulen (school_count) oder die Liste schools".into(),
                    );
                }
                SupportModel::HourContingent => {
                    non_negative(id, "hours_per_year", s.hours_per_year, true)?;
                }
                SupportModel::PerTicket => {
                    non_negative(id, "tickets_per_year", s.tickets_per_year, true)?;
                }
                _ => {}
            }
            non_negative(id, "hours_per_year", s.hours_per_year, false)?;
            non_negative(id, "tickets_per_year", s.tickets_per_year, false)?;
            non_negative(
                id,
                "on_site_days_per_month",
                s.on_site_days_per_month,
                false,
            )?;
            for (name, map) in [
                ("first_response_h", &s.sla.first_response_h),
                ("resolution_h", &s.sla.resolution_h),
            ] {
                for (p, h) in map {
                    if !(1..=4).contains(p) {
                        return bad(
                            &format!("sla.{name}.{p}"),
                            "Priorität muss 1, 2, 3 oder 4 sein".into(),
                        );
                    }
                    if !h.is_finite() || *h <= 0.0 {
                        return bad(
                            &format!("sla.{name}.{p}"),
                            format!("Zielzeit muss größer als 0 Stunden sein (gefunden: {h})"),
                        );
                    }
                }
            }
            for s in &s.schools {
                if s.trim().is_empty() {
                    return bad("schools", "enthält eine leere Schulnummer".into());
                }
            }
        }
    }
    Ok(())
}

fn amount(offer: &str, field: &str, cents: i64) -> Result<(), OfferError> {
    if cents < 0 {
        return Err(OfferError::invalid(
            offer,
            field,
            format!("Betrag darf nicht negativ sein (gefunden: {cents} Cent)"),
        ));
    }
    if cents > MAX_AMOUNT_CENTS {
        return Err(OfferError::invalid(
            offer,
            field,
            format!(
                "Betrag ist unplausibel hoch (gefunden: {cents} Cent; Beträge in Cent angeben)"
            ),
        ));
    }
    Ok(())
}

fn non_negative(
    offer: &str,
    field: &str,
    v: Option<f64>,
    required: bool,
) -> Result<(), OfferError> {
    match v {
        None if required => Err(OfferError::invalid(
            offer,
            field,
            "fehlt (Pflichtangabe für dieses Preismodell)",
        )),
        Some(x) if !x.is_finite() || x < 0.0 => Err(OfferError::invalid(
            offer,
            field,
            format!("darf nicht negativ sein (gefunden: {x})"),
        )),
        _ => Ok(()),
    }
}

/// Checks comparison settings.
pub fn validate_settings(s: &Settings) -> Result<(), OfferError> {
    if s.horizon_years == 0 || s.horizon_years > MAX_HORIZON_YEARS {
        return Err(settings_err(
            "horizon_years",
            format!(
                "muss zwischen 1 und {MAX_HORIZON_YEARS} Jahren liegen (gefunden: {})",
                s.horizon_years
            ),
        ));
    }
    if !s.discount_rate_pct.is_finite()
        || s.discount_rate_pct <= -50.0
        || s.discount_rate_pct > 50.0
    {
        return Err(settings_err(
            "discount_rate_pct",
            format!(
                "Kalkulationszinssatz muss zwischen -50 und 50 % liegen (gefunden: {})",
                s.discount_rate_pct
            ),
        ));
    }
    if let Some(p) = s.pupils {
        if p <= 0 {
            return Err(settings_err(
                "pupils",
                format!("Schülerzahl muss größer als 0 sein (gefunden: {p})"),
            ));
        }
    }
    Ok(())
}

pub(super) fn settings_err(field: &str, message: String) -> OfferError {
    OfferError::Settings {
        field: field.to_string(),
        message,
    }
}
