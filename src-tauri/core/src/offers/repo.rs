//! Offers, comparison settings and the UfAB evaluation in the plan file (schema
//! `store/sql/003_offers.sql`). Offers are stored as their template JSON and read back through
//! `validate::parse_offer`, so a stored offer is checked like an imported one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::model::*;
use super::validate::{parse_offer, validate_evaluation, validate_offer, validate_settings};
use super::variant::{validate_variant, Variant};
use super::OfferError;
use crate::store::Store;

/// Inserts or replaces one offer (by id), with its SLA targets and covered schools.
pub fn save_offer(tx: &Transaction, offer: &Offer) -> Result<(), OfferError> {
    validate_offer(offer)?;
    let data = serde_json::to_string(offer).map_err(|e| {
        OfferError::invalid(&offer.id, "(Angebot)", format!("nicht speicherbar: {e}"))
    })?;
    let sort: i64 = tx.query_row(
        "SELECT coalesce((SELECT sort FROM offers WHERE id = ?1), (SELECT coalesce(max(sort), 0) + 1 FROM offers))",
        [&offer.id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO offers (id, kind, name, vendor, group_key, units, data, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
           vendor = excluded.vendor, group_key = excluded.group_key, units = excluded.units,
           data = excluded.data,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        params![
            offer.id,
            offer.terms.kind(),
            offer.name,
            offer.vendor,
            offer.group_key(),
            offer.units,
            data,
            sort
        ],
    )?;
    tx.execute("DELETE FROM offer_sla WHERE offer_id = ?1", [&offer.id])?;
    tx.execute("DELETE FROM offer_schools WHERE offer_id = ?1", [&offer.id])?;
    if let Terms::Support(s) = &offer.terms {
        for p in 1u8..=4 {
            let fr = s.sla.first_response_h.get(&p);
            let rs = s.sla.resolution_h.get(&p);
            if fr.is_some() || rs.is_some() {
                tx.execute(
                    "INSERT INTO offer_sla (offer_id, priority, first_response_h, resolution_h) VALUES (?1, ?2, ?3, ?4)",
                    params![offer.id, p, fr, rs],
                )?;
            }
        }
        for school in &s.schools {
            tx.execute(
                "INSERT OR IGNORE INTO offer_schools (offer_id, schulnummer) VALUES (?1, ?2)",
                params![offer.id, school.trim()],
            )?;
        }
        sync_kpi_targets(tx, &offer.id, &s.sla)?;
    }
    Ok(())
}

/// Makes the contract's SLA targets available to the KPI area: `kpi_targets` rows under the
/// contract name = offer id, in business minutes (hours × 60, rounded; priorities without a
/// target keep the KPI defaults). A support offer without SLA targets has no rows there.
fn sync_kpi_targets(conn: &rusqlite::Connection, id: &str, sla: &Sla) -> Result<(), OfferError> {
    conn.execute("DELETE FROM kpi_targets WHERE contract = ?1", [id])?;
    if sla.first_response_h.is_empty() && sla.resolution_h.is_empty() {
        return Ok(());
    }
    let mut t = crate::kpi::targets::Targets::default();
    let min = |h: f64| (h * 60.0).round().clamp(1.0, u32::MAX as f64) as u32;
    for p in 1u8..=4 {
        let i = usize::from(p - 1);
        if let Some(h) = sla.first_response_h.get(&p) {
            t.first_response_min[i] = min(*h);
        }
        if let Some(h) = sla.resolution_h.get(&p) {
            t.resolution_min[i] = min(*h);
        }
    }
    crate::kpi::targets::save_targets(conn, id, &t)
        .map_err(|e| OfferError::invalid(id, "sla", e.to_string()))
}

/// Renames an offer (SLA, schools, scores and the KPI targets follow).
pub fn rename_offer(tx: &Transaction, old: &str, new: &str) -> Result<(), OfferError> {
    let taken: bool = tx
        .query_row("SELECT 1 FROM offers WHERE id = ?1", [new], |_| Ok(true))
        .optional()?
        .unwrap_or(false);
    if taken {
        return Err(OfferError::invalid(
            new,
            "id",
            "diese ID ist bereits vergeben",
        ));
    }
    let n = tx.execute("UPDATE offers SET id = ?2 WHERE id = ?1", [old, new])?;
    if n == 0 {
        return Err(OfferError::NotFound(old.to_string()));
    }
    tx.execute(
        "UPDATE kpi_targets SET contract = ?2 WHERE contract = ?1",
        [old, new],
    )?;
    Ok(())
}

/// What deleting an offer did to the variants that used it (display names).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OfferDeleted {
    /// Variants the offer was taken out of.
    pub variants_changed: Vec<String>,
    /// Variants deleted because no device offer was left in them.
    pub variants_deleted: Vec<String>,
}

/// Variants (id, display name) that use offer `id`.
pub fn variants_using(conn: &Connection, id: &str) -> Result<Vec<(String, String)>, OfferError> {
    let rows = conn
        .prepare(
            "SELECT v.id, v.name FROM offer_variant_offers o JOIN offer_variants v ON v.id = o.variant_id
             WHERE o.offer_id = ?1 ORDER BY v.sort, v.id",
        )?
        .query_map([id], |r| {
            let (vid, name): (String, String) = (r.get(0)?, r.get(1)?);
            let name = if name.is_empty() { vid.clone() } else { name };
            Ok((vid, name))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Deletes an offer (its SLA, schools and scores go with it). It is taken out of the variants
/// that use it; a variant left without a device offer is deleted (both are reported). All or
/// nothing.
pub fn delete_offer(conn: &Connection, id: &str) -> Result<OfferDeleted, OfferError> {
    conn.execute_batch("SAVEPOINT delete_offer")?;
    let r = delete_offer_inner(conn, id);
    if r.is_err() {
        conn.execute_batch("ROLLBACK TO delete_offer")?;
    }
    conn.execute_batch("RELEASE delete_offer")?;
    r
}

fn delete_offer_inner(conn: &Connection, id: &str) -> Result<OfferDeleted, OfferError> {
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM offers WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    match kind {
        None => return Err(OfferError::NotFound(id.to_string())),
        Some(k) if k == "support" => {
            conn.execute("DELETE FROM kpi_targets WHERE contract = ?1", [id])?;
        }
        Some(_) => {}
    }
    let mut out = OfferDeleted::default();
    for (vid, name) in variants_using(conn, id)? {
        conn.execute(
            "DELETE FROM offer_variant_offers WHERE variant_id = ?1 AND offer_id = ?2",
            [&vid, id],
        )?;
        let devices_left: i64 = conn.query_row(
            "SELECT count(*) FROM offer_variant_offers o JOIN offers f ON f.id = o.offer_id
             WHERE o.variant_id = ?1 AND f.kind <> 'support'",
            [&vid],
            |r| r.get(0),
        )?;
        if devices_left == 0 {
            conn.execute("DELETE FROM offer_variants WHERE id = ?1", [&vid])?;
            out.variants_deleted.push(name);
        } else {
            out.variants_changed.push(name);
        }
    }
    conn.execute("DELETE FROM offers WHERE id = ?1", [id])?;
    Ok(out)
}

/// Inserts or replaces one variant (by id); checked against the stored offers.
pub fn save_variant(conn: &Connection, v: &Variant) -> Result<(), OfferError> {
    validate_variant(v, &list_offers(conn)?)?;
    let sort: i64 = conn.query_row(
        "SELECT coalesce((SELECT sort FROM offer_variants WHERE id = ?1), (SELECT coalesce(max(sort), 0) + 1 FROM offer_variants))",
        [&v.id],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO offer_variants (id, name, note, sort) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, note = excluded.note",
        params![v.id, v.name, v.note, sort],
    )?;
    conn.execute(
        "DELETE FROM offer_variant_offers WHERE variant_id = ?1",
        [&v.id],
    )?;
    for (i, o) in v.offers.iter().enumerate() {
        conn.execute(
            "INSERT INTO offer_variant_offers (variant_id, offer_id, pos) VALUES (?1, ?2, ?3)",
            params![v.id, o, i as i64],
        )?;
    }
    Ok(())
}

/// Deletes a variant (its offers stay).
pub fn delete_variant(conn: &Connection, id: &str) -> Result<(), OfferError> {
    let n = conn.execute("DELETE FROM offer_variants WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(OfferError::variant(
            id,
            "id",
            "keine Variante mit dieser ID",
        ));
    }
    Ok(())
}

/// All stored variants in entry order, each with its offers in the order entered.
pub fn list_variants(conn: &Connection) -> Result<Vec<Variant>, OfferError> {
    let mut stmt = conn.prepare("SELECT id, name, note FROM offer_variants ORDER BY sort, id")?;
    let mut out: Vec<Variant> = stmt
        .query_map([], |r| {
            Ok(Variant {
                id: r.get(0)?,
                name: r.get(1)?,
                note: r.get(2)?,
                offers: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT offer_id FROM offer_variant_offers WHERE variant_id = ?1 ORDER BY pos, offer_id",
    )?;
    for v in &mut out {
        v.offers = stmt
            .query_map([&v.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
    }
    Ok(out)
}

/// All stored offers in entry order.
pub fn list_offers(conn: &Connection) -> Result<Vec<Offer>, OfferError> {
    let mut stmt = conn.prepare("SELECT id, data FROM offers ORDER BY sort, id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let (id, data) = row?;
        let v: serde_json::Value = serde_json::from_str(&data).map_err(|e| {
            OfferError::invalid(&id, "(gespeicherte Daten)", format!("nicht lesbar: {e}"))
        })?;
        out.push(parse_offer(&v, i)?);
    }
    Ok(out)
}

/// One stored offer.
pub fn get_offer(conn: &Connection, id: &str) -> Result<Offer, OfferError> {
    list_offers(conn)?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| OfferError::NotFound(id.to_string()))
}

/// Stored settings, if any.
pub fn load_settings(conn: &Connection) -> Result<Option<Settings>, OfferError> {
    let row = conn
        .query_row(
            "SELECT start, horizon_years, discount_rate_pct, discount_rate_source, pupils FROM offer_settings WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, f64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((start, h, rate, source, pupils)) = row else {
        return Ok(None);
    };
    let start =
        NaiveDate::parse_from_str(&start, "%Y-%m-%d").map_err(|_| OfferError::Settings {
            field: "start".into(),
            message: format!("gespeichertes Datum „{start}“ ist ungültig"),
        })?;
    Ok(Some(Settings {
        start,
        horizon_years: h.clamp(1, 50) as u32,
        discount_rate_pct: rate,
        discount_rate_source: source,
        pupils,
    }))
}

/// The stored settings, or the defaults (start 1 January of `default_year`, 5 years, BMF rate).
pub fn settings_or_default(conn: &Connection, default_year: i32) -> Result<Settings, OfferError> {
    Ok(load_settings(conn)?.unwrap_or_else(|| Settings::default_for_year(default_year)))
}

pub fn save_settings(conn: &Connection, s: &Settings) -> Result<(), OfferError> {
    validate_settings(s)?;
    conn.execute(
        "INSERT INTO offer_settings (id, start, horizon_years, discount_rate_pct, discount_rate_source, pupils)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET start = excluded.start, horizon_years = excluded.horizon_years,
           discount_rate_pct = excluded.discount_rate_pct,
           discount_rate_source = excluded.discount_rate_source, pupils = excluded.pupils",
        params![
            s.start.format("%Y-%m-%d").to_string(),
            s.horizon_years,
            s.discount_rate_pct,
            s.discount_rate_source,
            s.pupils
        ],
    )?;
    Ok(())
}

/// Replaces the evaluation (criteria, scores, parameters); checked against the stored offers.
pub fn save_evaluation(tx: &Transaction, spec: &EvaluationSpec) -> Result<(), OfferError> {
    let offers = list_offers(tx)?;
    validate_evaluation(spec, &offers)?;
    tx.execute("DELETE FROM offer_scores", [])?;
    tx.execute("DELETE FROM offer_criteria", [])?;
    for (i, c) in spec.criteria.iter().enumerate() {
        tx.execute(
            "INSERT INTO offer_criteria (id, name, weight, sort) VALUES (?1, ?2, ?3, ?4)",
            params![c.id, c.name, c.weight, i as i64],
        )?;
    }
    for (offer, row) in &spec.scores {
        for (c, s) in row {
            tx.execute(
                "INSERT INTO offer_scores (offer_id, criterion_id, score) VALUES (?1, ?2, ?3)",
                params![offer, c, s],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO offer_evaluation (id, max_score, band_pct, deciding, price_share_pct, price_zero_at_pct)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET max_score = excluded.max_score, band_pct = excluded.band_pct,
           deciding = excluded.deciding, price_share_pct = excluded.price_share_pct,
           price_zero_at_pct = excluded.price_zero_at_pct",
        params![
            spec.max_score,
            spec.band_pct,
            spec.deciding,
            spec.price_share_pct,
            spec.price_zero_at_pct
        ],
    )?;
    Ok(())
}

/// The stored evaluation, if criteria exist.
pub fn load_evaluation(conn: &Connection) -> Result<Option<EvaluationSpec>, OfferError> {
    let mut stmt = conn.prepare("SELECT id, name, weight FROM offer_criteria ORDER BY sort, id")?;
    let criteria = stmt
        .query_map([], |r| {
            Ok(Criterion {
                id: r.get(0)?,
                name: r.get(1)?,
                weight: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if criteria.is_empty() {
        return Ok(None);
    }
    let mut spec = EvaluationSpec {
        criteria,
        ..Default::default()
    };
    let mut stmt = conn.prepare("SELECT offer_id, criterion_id, score FROM offer_scores")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, f64>(2)?,
        ))
    })?;
    let mut scores: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for row in rows {
        let (o, c, s) = row?;
        scores.entry(o).or_default().insert(c, s);
    }
    spec.scores = scores;
    if let Some((m, b, d, p, z)) = conn
        .query_row(
            "SELECT max_score, band_pct, deciding, price_share_pct, price_zero_at_pct FROM offer_evaluation WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
    {
        spec.max_score = m;
        spec.band_pct = b;
        spec.deciding = d;
        spec.price_share_pct = p;
        spec.price_zero_at_pct = z;
    }
    Ok(Some(spec))
}

/// Everything stored, as a set ready for `compare`.
pub fn load_set(conn: &Connection, default_year: i32) -> Result<OfferSet, OfferError> {
    Ok(OfferSet {
        settings: settings_or_default(conn, default_year)?,
        offers: list_offers(conn)?,
        evaluation: load_evaluation(conn)?,
        variants: list_variants(conn)?,
    })
}

/// What an import changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub settings_saved: bool,
    pub evaluation_saved: bool,
    /// Ids of the variants stored (added or replaced).
    pub variants: Vec<String>,
}

/// Reads an offer template (JSON or CSV, see [`super::template::detect`]) from `path`,
/// validates it, and stores it with [`import_set`] (backup first, one transaction,
/// `import_log` row with the file's SHA-256).
pub fn import_file(
    store: &mut Store,
    path: &std::path::Path,
) -> Result<(OfferSet, ImportSummary), OfferError> {
    let name = crate::import::display_name(path);
    let bytes = std::fs::read(path).map_err(|e| OfferError::File {
        file: name.clone(),
        message: format!("Datei kann nicht gelesen werden: {e}"),
    })?;
    import_bytes(store, &name, &bytes)
}

/// Same as [`import_file`] for bytes in memory; `name` (with its extension) names the file and
/// decides the format.
pub fn import_bytes(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
) -> Result<(OfferSet, ImportSummary), OfferError> {
    let set = super::template::read_template(name, bytes)?;
    let summary = import_set(store, name, &crate::import::sha256_hex(bytes), &set)?;
    Ok((set, summary))
}

/// [`import_bytes`] for a JSON template whatever `name` says.
pub fn import_json_bytes(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
) -> Result<(OfferSet, ImportSummary), OfferError> {
    let text = std::str::from_utf8(bytes).map_err(|e| OfferError::File {
        file: name.to_string(),
        message: format!(
            "Die Datei ist kein UTF-8-Text (Byte {}); JSON-Vorlagen bitte als UTF-8 speichern.",
            e.valid_up_to() + 1
        ),
    })?;
    let set = super::validate::parse_template(name, text)?;
    let summary = import_set(store, name, &crate::import::sha256_hex(bytes), &set)?;
    Ok((set, summary))
}

/// Stores a whole set in one transaction: offers and variants are added or replaced by id, the
/// settings replaced, the evaluation replaced when the set has one. Nothing is written on error. The
/// plan is backed up first (`store::backup_before_import`); `sha256` of the file goes to
/// `import_log` (empty when the set did not come from a file).
pub fn import_set(
    store: &mut Store,
    file: &str,
    sha256: &str,
    set: &OfferSet,
) -> Result<ImportSummary, OfferError> {
    crate::store::backup_before_import(store, "angebote")?;
    store.transaction(|tx| {
        let mut summary = ImportSummary {
            file: file.to_string(),
            added: Vec::new(),
            updated: Vec::new(),
            settings_saved: true,
            evaluation_saved: false,
            variants: Vec::new(),
        };
        for o in &set.offers {
            let exists: bool = tx
                .query_row("SELECT 1 FROM offers WHERE id = ?1", [&o.id], |_| Ok(true))
                .optional()?
                .unwrap_or(false);
            save_offer(tx, o)?;
            if exists {
                summary.updated.push(o.id.clone());
            } else {
                summary.added.push(o.id.clone());
            }
        }
        save_settings(tx, &set.settings)?;
        if let Some(e) = &set.evaluation {
            save_evaluation(tx, e)?;
            summary.evaluation_saved = true;
        }
        for v in &set.variants {
            save_variant(tx, v)?;
            summary.variants.push(v.id.clone());
        }
        let mut counts = serde_json::json!({"added": summary.added, "updated": summary.updated});
        if !summary.variants.is_empty() {
            counts["variants"] = summary.variants.len().into();
        }
        tx.execute(
            "INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('offers', ?1, ?2, ?3)",
            params![file, sha256, counts.to_string()],
        )?;
        Ok(summary)
    })
}

/// Agreed targets of one support contract, for "Vertrag vs. Realität" in the KPI area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractTargets {
    pub offer_id: String,
    pub name: String,
    pub vendor: String,
    pub connection: Option<SchoolConnection>,
    pub service_hours: String,
    /// (priority 1–4, first response h, resolution h); a missing target is `None`.
    pub targets: Vec<PriorityTarget>,
    /// Schulnummern covered.
    pub schools: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityTarget {
    pub priority: u8,
    pub first_response_h: Option<f64>,
    pub resolution_h: Option<f64>,
}

/// SLA targets and covered schools of every stored support contract.
pub fn contract_targets(conn: &rusqlite::Connection) -> Result<Vec<ContractTargets>, OfferError> {
    let mut out = Vec::new();
    for o in list_offers(conn)? {
        let Terms::Support(s) = &o.terms else {
            continue;
        };
        let targets = (1u8..=4)
            .filter_map(|p| {
                let fr = s.sla.first_response_h.get(&p).copied();
                let rs = s.sla.resolution_h.get(&p).copied();
                (fr.is_some() || rs.is_some()).then_some(PriorityTarget {
                    priority: p,
                    first_response_h: fr,
                    resolution_h: rs,
                })
            })
            .collect();
        out.push(ContractTargets {
            offer_id: o.id.clone(),
            name: o.display_name().to_string(),
            vendor: o.vendor.clone(),
            connection: s.connection,
            service_hours: s.service_hours.clone(),
            targets,
            schools: s.schools.clone(),
        });
    }
    Ok(out)
}

/// The support contracts covering school `schulnummer`.
pub fn contracts_for_school(
    conn: &rusqlite::Connection,
    schulnummer: &str,
) -> Result<Vec<ContractTargets>, OfferError> {
    Ok(contract_targets(conn)?
        .into_iter()
        .filter(|c| c.schools.iter().any(|s| s == schulnummer))
        .collect())
}
