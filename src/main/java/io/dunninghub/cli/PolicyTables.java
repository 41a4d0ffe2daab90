package io.dunninghub.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.daemon.Databases;
import io.dunninghub.ledger.LedgerSchema;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.policy.PolicyStore;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The hub's policy tables for the hold, promise and optout commands. Like the daemon, it creates or upgrades
 * the hub's schema first, so a hold can be recorded before the first run.
 */
final class PolicyTables implements AutoCloseable {

    private final HikariDataSource hub;
    private final HubSettings settings;
    private final ContactPolicy policy;

    PolicyTables(CommonOptions options) {
        this.settings = HubConfig.settingsOnly(options.configDir, options.overrides);
        this.policy = PolicyFile.load(options.configDir.resolve("policy.yaml"));
        this.hub = Databases.forCommand(settings.database("ledger"), "policy-admin");
        try {
            LedgerSchema.migrate(hub);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    PolicyStore store() {
        return new PolicyStore(hub);
    }

    OptOuts optOuts() {
        return new OptOuts(store(), policy.stopKeywords(), policy.defaultPhoneRegion());
    }

    String defaultPhoneRegion() {
        return policy.defaultPhoneRegion();
    }

    /** {@code 2026-12-31} (to the end of that day in the lender's zone) or an instant with an offset. */
    Instant until(String text) {
        if (text == null) {
            return null;
        }
        try {
            ZoneId zone = settings.zone("hub.business-zone");
            return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException("--until: '" + text + "' is not a date like 2026-12-31 or an instant like 2026-12-31T18:00+08:00");
            }
        }
    }

    @Override
    public void close() {
        hub.close();
    }
}
