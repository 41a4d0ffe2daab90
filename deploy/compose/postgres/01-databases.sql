-- Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d), as the superuser.
-- Two databases on one server, as a small lender might start: the hub's own ledger, owned by the hub's
-- account, and a demo core bank the hub may only read. The passwords are the compose demo's (compose.yaml
-- hands the same ones to the hub); a real deployment sets its own.
CREATE ROLE dunning_hub LOGIN PASSWORD 'dunning-hub-demo';
CREATE DATABASE ledger OWNER dunning_hub;

CREATE ROLE core_reader LOGIN PASSWORD 'core-reader-demo';
CREATE DATABASE corebank;
