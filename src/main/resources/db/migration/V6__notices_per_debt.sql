-- A notice is about a debt: one installment (as before), a loan, or all of a borrower's overdue loans, as its
-- ladder's "per" says. Rows written before this version are about one installment (debt NULL).
ALTER TABLE notice ADD COLUMN debt VARCHAR(16);
-- The installments a loan or borrower notice covers, as planned (one id per line); NULL for one installment.
ALTER TABLE notice ADD COLUMN installment_ids VARCHAR;
-- The contact history of a debt is read by loan (what earlier notices about this loan said and when).
CREATE INDEX ix_notice_loan ON notice (loan_id);
