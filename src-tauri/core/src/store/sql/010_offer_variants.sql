-- Schema step 010_offer_variants: Varianten (procurement variants) of the
-- Wirtschaftlichkeitsvergleich — named combinations of stored offers, e.g. "Kauf + Support
-- zentral" = a purchase offer and a support contract. See docs/OFFERS.md.

CREATE TABLE offer_variants (
    id   TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    name TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0
);

-- The offers of a variant, in the order entered. An offer used by a variant cannot be deleted
-- (no ON DELETE action); renaming an offer follows.
CREATE TABLE offer_variant_offers (
    variant_id TEXT NOT NULL REFERENCES offer_variants(id) ON DELETE CASCADE ON UPDATE CASCADE,
    offer_id   TEXT NOT NULL REFERENCES offers(id) ON UPDATE CASCADE,
    pos        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (variant_id, offer_id)
);
CREATE INDEX offer_variant_offers_by_offer ON offer_variant_offers(offer_id);
