-- Schema step 009_funding_carry_over: whether a funding source with a yearly amount lets money a
-- year did not use be spent in later years of its period (Restmittel, as DigitalPakt-like
-- programmes do). 0 = unused money lapses at the end of each year (the behaviour before this
-- step, so existing sources compute as before). Sources with a total amount always carry over.

ALTER TABLE budget_funding ADD COLUMN carry_over INTEGER NOT NULL DEFAULT 0 CHECK (carry_over IN (0, 1));
