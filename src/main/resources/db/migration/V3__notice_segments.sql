-- SMS segments billed for a notice (70/67 UCS-2 or 160/153 GSM-7 characters per segment, signature included);
-- null for other channels and for notices not yet sent.
ALTER TABLE notice ADD COLUMN segments INTEGER;
