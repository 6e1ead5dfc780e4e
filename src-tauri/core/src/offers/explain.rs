//! German sentences that say how an offer's figures come about: its terms, the payment dates
//! and the formulas. UI, PDF and XLSX show them next to the numbers.

use super::model::*;
use crate::format::{format_date, format_decimal, format_int, format_pct};
use crate::money::format_eur;

/// The conventions of the comparison (DOMAIN.md §3), printed with every comparison.
pub fn conventions(settings: &Settings) -> Vec<String> {
    vec![
        format!(
            "Betrachtungszeitraum {} Jahre ab {} (Monat 0 = Beginn); Beträge je Gerät werden mit der Stückzahl multipliziert.",
            settings.horizon_years,
            format_date(settings.start)
        ),
        "Preissteigerung e nach Vertragsjahr k: Zahlung × (1 + e)^(k − 1); vorschüssige Zahlung im Monat m gehört zu Jahr GANZZAHL(m/12) + 1, nachschüssige zu GANZZAHL((m − 1)/12) + 1. Jede Zahlung wird einmal auf den Cent gerundet (kaufmännisch).".to_string(),
        format!(
            "Barwert einer Zahlung A im Monat m: A / (1 + r)^(m/12) mit r = {} p.a.; Summe ungerundet, dann einmal auf den Cent gerundet.",
            format_pct(settings.discount_rate_pct, 2)
        ),
        "Jährliche Kosten (Annuität) = Barwert × r / (1 − (1 + r)^(−H)), bei r = 0: Barwert / H; je Gerät und Jahr = Annuität / Stückzahl.".to_string(),
        "Kauf: Ersatzbeschaffung nach Ablauf der Nutzungsdauer; Wartung jährlich nachschüssig, außer in den Gewährleistungsjahren jeder Gerätegeneration; am Ende des Zeitraums wird der Restwert der letzten Gerätegeneration gutgeschrieben (Restwert, wenn die Nutzungsdauer genau endet, sonst linear zwischen Kaufpreis und Restwert).".to_string(),
        "Leasing/Miete: Raten je Periode vor- oder nachschüssig über die Laufzeit; ist der Zeitraum länger, wird der Vertrag zu gleichen Bedingungen verlängert. Nur Zahlungen im Zeitraum zählen.".to_string(),
    ]
}

/// "Kalkulationszinssatz 0,90 % p.a. – Quelle: …".
pub fn rate_line(settings: &Settings) -> String {
    format!(
        "Kalkulationszinssatz {} p.a. – Quelle: {}",
        format_pct(settings.discount_rate_pct, 2),
        settings.discount_rate_source.trim().trim_end_matches('.')
    )
}

/// The offer's terms in German.
pub fn describe_offer(o: &Offer, settings: &Settings) -> Vec<String> {
    let esc = if o.escalation_pct != 0.0 {
        format!(
            ", Preissteigerung {} p.a. nach Vertragsjahr",
            format_pct(o.escalation_pct, 2)
        )
    } else {
        String::new()
    };
    let mut lines = Vec::new();
    match &o.terms {
        Terms::Purchase(p) => {
            lines.push(format!(
                "Kauf von {} Geräten zu je {} (Monat 0), Nutzungsdauer {} Jahre, Restwert {} je Gerät, Wartung {} je Gerät und Jahr (nachschüssig){esc}.",
                format_int(o.units),
                format_eur(p.unit_price_cents),
                p.useful_life_years,
                format_eur(p.residual_value_cents),
                format_eur(p.maintenance_cents_per_unit_year)
            ));
            if p.useful_life_years < settings.horizon_years {
                lines.push(format!(
                    "Ersatzbeschaffung alle {} Jahre innerhalb des Zeitraums von {} Jahren.",
                    p.useful_life_years, settings.horizon_years
                ));
            }
            if p.warranty_years > 0 && p.maintenance_cents_per_unit_year > 0 {
                let free = p.warranty_years.min(p.useful_life_years);
                lines.push(if free >= p.useful_life_years {
                    format!(
                        "Gewährleistung/Garantie {} Jahre deckt die ganze Nutzungsdauer: keine Wartungszahlungen.",
                        p.warranty_years
                    )
                } else {
                    format!(
                        "Gewährleistung/Garantie {} Jahre: in den ersten {} Jahren jeder Gerätegeneration (auch nach einer Ersatzbeschaffung) fällt keine Wartung an.",
                        p.warranty_years, free
                    )
                });
            } else if p.warranty_years > 0 {
                lines.push(format!(
                    "Gewährleistung/Garantie {} Jahre (keine Wartung vereinbart, daher ohne Wirkung auf die Zahlungen).",
                    p.warranty_years
                ));
            }
        }
        Terms::Lease(r) | Terms::Rental(r) => {
            lines.push(format!(
                "{} von {} Geräten: {} je Gerät {} {}, Laufzeit {} Monate, Anzahlung {} je Gerät, {}{esc}.",
                o.terms.kind_de(),
                format_int(o.units),
                format_eur(r.rate_cents),
                r.period.label_de(),
                r.timing.label_de(),
                r.term_months,
                format_eur(r.down_payment_cents),
                if r.buyout_cents > 0 {
                    format!("Kaufoption am Laufzeitende {} je Gerät", format_eur(r.buyout_cents))
                } else {
                    "Rückgabe am Laufzeitende".to_string()
                }
            ));
            if r.term_months < settings.horizon_months() {
                lines.push(format!(
                    "Laufzeit kürzer als der Zeitraum ({} Monate): Verlängerung zu gleichen Bedingungen.",
                    settings.horizon_months()
                ));
            }
            if !r.services.is_empty() {
                lines.push(format!("Enthaltene Leistungen: {}.", r.services));
            }
        }
        Terms::Support(s) => {
            let price = match s.model {
                SupportModel::PerDeviceMonth => format!(
                    "{} je Gerät und Monat für {} Geräte (monatlich nachschüssig)",
                    format_eur(s.price_cents),
                    format_int(o.units)
                ),
                SupportModel::PerSchoolYear => format!(
                    "{} je Schule und Jahr für {} Schulen (jährlich nachschüssig)",
                    format_eur(s.price_cents),
                    s.schools_paid()
                ),
                SupportModel::HourContingent => format!(
                    "{} Stunden je Jahr zu {} (jährlich nachschüssig)",
                    format_decimal(s.hours_per_year.unwrap_or(0.0), 1),
                    format_eur(s.price_cents)
                ),
                SupportModel::PerTicket => format!(
                    "{} Tickets je Jahr (erwartet) zu {} (jährlich nachschüssig)",
                    format_decimal(s.tickets_per_year.unwrap_or(0.0), 0),
                    format_eur(s.price_cents)
                ),
            };
            lines.push(format!("Supportvertrag: {price}{esc}."));
            if let Some(c) = s.connection {
                lines.push(format!("Anbindung der Schulen: {}.", c.label_de()));
            }
            let fr: Vec<String> = s
                .sla
                .first_response_h
                .iter()
                .map(|(p, h)| format!("P{p} {} h", format_decimal(*h, 1)))
                .collect();
            let rs: Vec<String> = s
                .sla
                .resolution_h
                .iter()
                .map(|(p, h)| format!("P{p} {} h", format_decimal(*h, 1)))
                .collect();
            if !fr.is_empty() || !rs.is_empty() {
                lines.push(format!(
                    "SLA: Erstreaktion {}; Lösung {}{}.",
                    if fr.is_empty() {
                        "–".into()
                    } else {
                        fr.join(", ")
                    },
                    if rs.is_empty() {
                        "–".into()
                    } else {
                        rs.join(", ")
                    },
                    if s.service_hours.is_empty() {
                        String::new()
                    } else {
                        format!(" (Servicezeit {})", s.service_hours)
                    }
                ));
            }
        }
    }
    lines
}
