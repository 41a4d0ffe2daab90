-- What came back about a contact, from its source: a dialer's call result, an SMS reply, an unsubscribe click,
-- a bounce, a dead push token. Tied to the notice it answers where the source names one; recorded once per
-- (source, external_id) however often the source delivers it.
ALTER TABLE contact_outcome ADD COLUMN notice_id VARCHAR(36);
ALTER TABLE contact_outcome ADD COLUMN source VARCHAR(64);
ALTER TABLE contact_outcome ADD COLUMN external_id VARCHAR(200);
ALTER TABLE contact_outcome ADD COLUMN promised_date DATE;
ALTER TABLE contact_outcome ADD COLUMN promised_amount NUMERIC(19, 4);
CREATE UNIQUE INDEX uq_contact_outcome_source ON contact_outcome (source, external_id);
CREATE INDEX ix_contact_outcome_notice ON contact_outcome (notice_id);
CREATE INDEX ix_contact_outcome_loan ON contact_outcome (loan_id, occurred_at);
