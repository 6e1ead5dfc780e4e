//! Person data in ticket exports (customer, owner, requester, e-mail). By default none of it is
//! stored: the requester becomes a keyed hash (HMAC-SHA256 with a secret kept in the plan's
//! `meta` table), so repeated requests of one person can be counted without knowing who it is,
//! and nobody without the plan file can test a name against the pseudonym. Owners/agents and
//! every other person column are dropped. The title is dropped unless the user keeps it.

use sha2::{Digest, Sha256};

use rusqlite::Connection;

/// `meta` key of the per-plan secret.
pub const SECRET_KEY: &str = "ticket_pseudonym_secret";

/// HMAC-SHA256 (RFC 2104) of `msg` under `key`.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut ipad = [0x36u8; 64];
    let mut opad = [0x5cu8; 64];
    for i in 0..64 {
        ipad[i] ^= k[i];
        opad[i] ^= k[i];
    }
    let inner = Sha256::new()
        .chain_update(ipad)
        .chain_update(msg)
        .finalize();
    let outer = Sha256::new()
        .chain_update(opad)
        .chain_update(inner)
        .finalize();
    outer.into()
}

/// Turns person names / addresses into stable pseudonyms for one plan.
#[derive(Clone)]
pub struct Pseudonymizer {
    secret: Vec<u8>,
}

impl Pseudonymizer {
    pub fn with_secret(secret: &[u8]) -> Pseudonymizer {
        Pseudonymizer {
            secret: secret.to_vec(),
        }
    }

    /// The plan's secret, created on first use.
    pub fn for_plan(conn: &Connection) -> Result<Pseudonymizer, crate::store::StoreError> {
        if let Some(hex) = crate::store::get_meta(conn, SECRET_KEY)? {
            return Ok(Pseudonymizer::with_secret(hex.as_bytes()));
        }
        let hex = new_secret_hex();
        crate::store::set_meta(conn, SECRET_KEY, &hex)?;
        Ok(Pseudonymizer::with_secret(hex.as_bytes()))
    }

    /// `p-` and 16 hex digits (64 bits) of HMAC(secret, normalised value); `None` for empty.
    pub fn pseudonym(&self, value: &str) -> Option<String> {
        let v = value.trim().to_lowercase();
        if v.is_empty() {
            return None;
        }
        let mac = hmac_sha256(&self.secret, v.as_bytes());
        let mut s = String::with_capacity(18);
        s.push_str("p-");
        for b in &mac[..8] {
            s.push_str(&format!("{b:02x}"));
        }
        Some(s)
    }
}

/// 256 bits from the operating system's randomness (std's `RandomState` keys are seeded from
/// it), mixed with time and process id through SHA-256.
fn new_secret_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = Sha256::new();
    for i in 0..8u64 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(i);
        h.update(hasher.finish().to_le_bytes());
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    h.update(now.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::hex;

    #[test]
    fn hmac_matches_rfc4231() {
        // RFC 4231 test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: key longer than the block.
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn pseudonyms_are_stable_per_plan_and_differ_between_plans() {
        let a = Pseudonymizer::with_secret(b"plan-a");
        let b = Pseudonymizer::with_secret(b"plan-b");
        let x = a.pseudonym("Erika Mustermann").unwrap();
        assert_eq!(a.pseudonym(" erika mustermann ").unwrap(), x);
        assert_ne!(b.pseudonym("Erika Mustermann").unwrap(), x);
        assert_eq!(x.len(), 18);
        assert!(!x.contains("Erika"));
        assert_eq!(a.pseudonym("  "), None);
    }

    #[test]
    fn secret_is_created_once() {
        let s = crate::Store::open_in_memory().unwrap();
        let p1 = Pseudonymizer::for_plan(s.conn()).unwrap();
        let p2 = Pseudonymizer::for_plan(s.conn()).unwrap();
        assert_eq!(p1.pseudonym("x"), p2.pseudonym("x"));
        let secret = crate::store::get_meta(s.conn(), SECRET_KEY)
            .unwrap()
            .unwrap();
        assert_eq!(secret.len(), 64);
    }
}
