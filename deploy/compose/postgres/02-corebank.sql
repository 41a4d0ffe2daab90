-- The demo core bank: the same tables and the same kinds of borrowers as the embedded demo
-- (src/main/java/io/dunninghub/demo/DemoBank.java), 300 borrowers in mainland China, Taiwan and New York with
-- one loan each of six monthly installments, the oldest unpaid one 3 days before to 75 days past its due date,
-- counted from the day the database is created. The hub reads it with the SQL in deploy/compose/hub/application.properties, as the
-- read-only account core_reader.
\connect corebank

CREATE TABLE borrower (
    borrower_id    VARCHAR(32)  PRIMARY KEY,
    full_name      VARCHAR(200) NOT NULL,
    locale         VARCHAR(10),
    time_zone      VARCHAR(64),
    mobile         VARCHAR(32),
    email          VARCHAR(200),
    push_token     VARCHAR(300),
    postal_address VARCHAR(500),
    sms_opt_out    BOOLEAN DEFAULT FALSE NOT NULL,
    email_opt_out  BOOLEAN DEFAULT FALSE NOT NULL,
    push_opt_out   BOOLEAN DEFAULT FALSE NOT NULL,
    country        VARCHAR(2),
    email_is_work  BOOLEAN DEFAULT FALSE NOT NULL,
    gender         CHAR(1)
);

CREATE TABLE loan (
    loan_id          VARCHAR(32) PRIMARY KEY,
    borrower_id      VARCHAR(32) NOT NULL REFERENCES borrower (borrower_id),
    product          VARCHAR(40),
    segment          VARCHAR(40),
    principal_amount NUMERIC(14, 2),
    currency         VARCHAR(3),
    disbursed_on     DATE,
    prior_defaults   INTEGER DEFAULT 0 NOT NULL,
    contract_no      VARCHAR(40),
    term_months      INTEGER,
    repayment_url    VARCHAR(300)
);

CREATE TABLE installment (
    installment_id VARCHAR(40) PRIMARY KEY,
    loan_id        VARCHAR(32) NOT NULL REFERENCES loan (loan_id),
    seq_no         INTEGER,
    due_date       DATE NOT NULL,
    principal_due  NUMERIC(14, 2) NOT NULL,
    interest_due   NUMERIC(14, 2) NOT NULL,
    fees_due       NUMERIC(14, 2) NOT NULL,
    paid_amount    NUMERIC(14, 2) DEFAULT 0 NOT NULL,
    penalty_due    NUMERIC(14, 2) DEFAULT 0 NOT NULL
);

-- People the lender knows in connection with a loan. Only co-borrowers and guarantors are parties to the debt;
-- relatives, employers and emergency contacts are here because real core systems hold them too, and the hub
-- must never contact them.
CREATE TABLE contact_person (
    person_id   VARCHAR(40)  PRIMARY KEY,
    loan_id     VARCHAR(32)  NOT NULL REFERENCES loan (loan_id),
    relation    VARCHAR(30)  NOT NULL,
    full_name   VARCHAR(200) NOT NULL,
    locale      VARCHAR(10),
    time_zone   VARCHAR(64),
    country     VARCHAR(2),
    mobile      VARCHAR(32),
    email       VARCHAR(200)
);

CREATE INDEX ix_contact_person_loan ON contact_person (loan_id);
CREATE INDEX ix_installment_due ON installment (due_date);
CREATE INDEX ix_installment_loan ON installment (loan_id);
CREATE INDEX ix_loan_borrower ON loan (borrower_id);

-- n % 10: 0-3 mainland China, 4-6 Taiwan, 7-9 New York (a few without a time zone: their notices wait,
-- UNKNOWN_TIMEZONE). Opt-outs, missing e-mail addresses and push tokens, a work e-mail address and one number
-- no operator would accept are spread the way the embedded demo spreads them.
INSERT INTO borrower
SELECT 'B' || LPAD(n::text, 5, '0'),
       CASE WHEN n % 10 <= 3 THEN (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + n % 10]
                                  || (CASE WHEN n % 2 = 0 THEN ARRAY['伟','磊','洋','勇','军','杰']
                                      ELSE ARRAY['芳','娜','敏','静','艳','娟'] END)[1 + n % 6]
            WHEN n % 10 <= 6 THEN (ARRAY['陳','林','黃','張','李','王','吳','劉','蔡','楊'])[1 + n % 10]
                                  || (CASE WHEN n % 2 = 0 THEN ARRAY['志明','家豪','冠宇','俊傑']
                                      ELSE ARRAY['怡君','雅婷','淑芬','欣怡'] END)[1 + n % 4]
            ELSE (CASE WHEN n % 2 = 0 THEN ARRAY['James','Robert','Michael','David']
                  ELSE ARRAY['Mary','Linda','Susan','Karen'] END)[1 + n % 4] || ' '
                 || (ARRAY['Smith','Johnson','Brown','Garcia','Miller','Davis','Wilson'])[1 + n % 7] END,
       CASE WHEN n % 10 <= 3 THEN 'zh-CN' WHEN n % 10 <= 6 THEN 'zh-TW' ELSE 'en' END,
       CASE WHEN n % 10 <= 3 THEN 'Asia/Shanghai' WHEN n % 10 <= 6 THEN 'Asia/Taipei'
            WHEN n % 50 = 7 THEN NULL ELSE 'America/New_York' END,
       CASE WHEN n = 13 THEN '+86 123'
            WHEN n % 10 <= 3 THEN '+86138' || LPAD((10000000 + n)::text, 8, '0')
            WHEN n % 10 <= 6 THEN '+886912' || LPAD((100000 + n)::text, 6, '0')
            ELSE '+1212555' || LPAD((1000 + n % 9000)::text, 4, '0') END,
       CASE WHEN n % 7 = 0 THEN NULL ELSE 'borrower' || n || '@example.com' END,
       CASE WHEN n % 3 = 0 THEN NULL ELSE 'fcm-token-B' || LPAD(n::text, 5, '0') END,
       CASE WHEN n % 10 <= 3 THEN '上海市浦东新区世纪大道' || (100 + n) || '号'
            WHEN n % 10 <= 6 THEN '臺北市信義區市府路' || (1 + n) || '號'
            ELSE (100 + n) || ' Main Street, New York, NY 10001' END,
       n % 19 = 0, n % 23 = 0, n % 29 = 0,
       CASE WHEN n % 10 <= 3 THEN 'CN' WHEN n % 10 <= 6 THEN 'TW' ELSE 'US' END,
       n % 7 <> 0 AND n % 11 = 8,
       CASE WHEN n % 5 = 4 THEN NULL WHEN n % 2 = 0 THEN 'M' ELSE 'F' END
FROM generate_series(1, 300) AS n;

-- Installment 2 of each loan is its oldest unpaid one, d days past due; the loan was paid out two months before
-- it and runs six months.
CREATE TEMPORARY TABLE demo_loan AS
SELECT n, (ARRAY[-3, 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 31, 40, 45, 60, 75])[1 + n % 20] AS d,
       600 + (n * 37) % 5400 AS principal
FROM generate_series(1, 300) AS n;

INSERT INTO loan
SELECT 'L' || (4000000 + n), 'B' || LPAD(n::text, 5, '0'), 'instalment',
       CASE WHEN n % 4 = 0 THEN 'repeat' ELSE 'first' END,
       principal,
       CASE WHEN n % 10 <= 3 THEN 'CNY' WHEN n % 10 <= 6 THEN 'TWD' ELSE 'USD' END,
       (CURRENT_DATE - d) - INTERVAL '2 months',
       CASE WHEN n % 4 = 0 THEN 1 + n % 3 ELSE 0 END,
       'HT' || TO_CHAR((CURRENT_DATE - d) - INTERVAL '2 months', 'YYYYMMDD') || LPAD(n::text, 5, '0'),
       6,
       'https://pay.example.com/r/L' || (4000000 + n)
FROM demo_loan;

-- Six monthly installments: the first paid; fees and penalty interest (0.05 % a day) after three days late;
-- every 17th loan has paid installment 2 as well, every 11th (from 5) half of it.
INSERT INTO installment
SELECT 'L' || (4000000 + n) || '-' || seq, 'L' || (4000000 + n), seq, due,
       per, ROUND(per * 0.05, 2), fees,
       CASE WHEN seq = 1 OR (seq = 2 AND n % 17 = 0) THEN per + ROUND(per * 0.05, 2) + fees + penalty
            WHEN seq = 2 AND n % 11 = 5 THEN TRUNC((per + ROUND(per * 0.05, 2) + fees + penalty) / 2, 2)
            ELSE 0 END,
       penalty
FROM (SELECT l.n, s.seq, ROUND(l.principal / 6.0, 2) AS per,
             ((CURRENT_DATE - l.d) - INTERVAL '2 months' + s.seq * INTERVAL '1 month')::date AS due
      FROM demo_loan l CROSS JOIN generate_series(1, 6) AS s (seq)) AS i
CROSS JOIN LATERAL (SELECT CURRENT_DATE - i.due AS late) AS x
CROSS JOIN LATERAL (SELECT CASE WHEN x.late > 3 THEN 25.00 ELSE 0 END AS fees,
                           CASE WHEN x.late > 3 THEN ROUND(i.per * 0.0005 * x.late, 2) ELSE 0 END AS penalty) AS y;

INSERT INTO contact_person
SELECT 'L' || (4000000 + n) || '-P' || k, 'L' || (4000000 + n), relation,
       INITCAP(relation) || ' of L' || (4000000 + n),
       CASE WHEN n % 10 <= 3 THEN 'zh-CN' WHEN n % 10 <= 6 THEN 'zh-TW' ELSE 'en' END,
       CASE WHEN n % 10 <= 3 THEN 'Asia/Shanghai' WHEN n % 10 <= 6 THEN 'Asia/Taipei'
            WHEN n % 50 = 7 THEN NULL ELSE 'America/New_York' END,
       CASE WHEN n % 10 <= 3 THEN 'CN' WHEN n % 10 <= 6 THEN 'TW' ELSE 'US' END,
       '+86139' || LPAD((20000000 + n * 10 + k)::text, 8, '0'),
       relation || n || '@example.org'
FROM generate_series(1, 300) AS n
CROSS JOIN (VALUES (1, 'relative', 3), (2, 'employer', 5), (3, 'emergency-contact', 7), (4, 'guarantor', 9),
                   (5, 'co-borrower', 13)) AS p (k, relation, every)
WHERE n % every = 0;

-- The hub's account reads, and nothing else.
GRANT CONNECT ON DATABASE corebank TO core_reader;
GRANT USAGE ON SCHEMA public TO core_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO core_reader;
