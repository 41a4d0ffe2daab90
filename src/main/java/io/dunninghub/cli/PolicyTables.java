package io.dunninghub.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.dunninghub.config.HubConfig;
import io.dunninghub.config.HubSettings;
import io.dunninghub.contact.ContactDirectory;
import io.dunninghub.daemon.Databases;
import io.dunninghub.ledger.LedgerSchema;
import io.dunninghub.policy.ContactPolicy;
import io.dunninghub.policy.OptOuts;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.scan.ColumnMapping;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The hub's policy tables for the hold, promise and optout commands. Like the daemon, it creates or upgrades
 * the hub's schema first, so a hold can be recorded before the first run. The settings are read first, so a value
 * the command cannot use is refused before any database is touched.
 */
final class PolicyTables implements AutoCloseable {

    private final CommonOptions options;
    private final HubSettings settings;
    private final ContactPolicy policy;
    private final Clock clock;
    private HikariDataSource hub;
    private HikariDataSource core;

    PolicyTables(CommonOptions options) {
        this.options = options;
        this.settings = HubConfig.settingsOnly(options.configDir, options.overrides);
        this.policy = PolicyFile.load(options.configDir.resolve("policy.yaml"));
        this.clock = Clock.systemUTC();
    }

    /** The ledger's policy tables; the schema is created or upgraded on first use. */
    PolicyStore store() {
        if (hub == null) {
            hub = Databases.forCommand(settings.database("ledger"), "policy-admin");
            try {
                LedgerSchema.migrate(hub);
            } catch (RuntimeException e) {
                hub.close();
                hub = null;
                throw e;
            }
        }
        return new PolicyStore(hub);
    }

    /** The ledger's pool (the schema migrated first). */
    javax.sql.DataSource ledger() {
        store();
        return hub;
    }

    HubSettings settings() {
        return settings;
    }

    /** Borrowers' contacts from the core banking database (hub.contacts.sql), opened on first use. */
    io.dunninghub.outcome.OutcomeIntake.ContactLookup contacts() {
        return ids -> {
            if (core == null) {
                core = Databases.forCommand(settings.database("core"), "core-lookup");
            }
            return new ContactDirectory(core, settings.required("hub.contacts.sql"),
                    new ColumnMapping(settings.below("hub.contacts.column."))).lookup(ids);
        };
    }

    OptOuts optOuts() {
        return new OptOuts(store(), policy.stopKeywords(), policy.defaultPhoneRegion());
    }

    String defaultPhoneRegion() {
        return policy.defaultPhoneRegion();
    }

    Instant now() {
        return clock.instant();
    }

    ZoneId businessZone() {
        return settings.zone("hub.business-zone");
    }

    /** Today in the lender's calendar. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(businessZone()));
    }

    /** The channels a notice can go out on (the built-in ones and those the routes folder adds). */
    java.util.Set<String> channels() {
        return HubConfig.channels(options.routesDir);
    }

    /**
     * Refuses a borrower the core banking database does not know (looked up with {@code hub.contacts.sql}), so a
     * typo does not record a hold or a promise that protects nobody.
     */
    void requireBorrower(String borrowerId) {
        HubSettings.Database core = settings.database("core");
        try (HikariDataSource pool = Databases.forCommand(core, "core-lookup")) {
            ContactDirectory contacts = new ContactDirectory(pool, settings.required("hub.contacts.sql"),
                    new ColumnMapping(settings.below("hub.contacts.column.")));
            if (contacts.lookup(List.of(borrowerId)).get(borrowerId) == null) {
                throw new CommandRefused("no borrower '" + borrowerId + "' in the core banking database "
                        + "(hub.contacts.sql returns none); nothing recorded");
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof CommandRefused) {
                throw (CommandRefused) e;
            }
            throw new CommandRefused("cannot look borrower '" + borrowerId + "' up in the core banking database ("
                    + e.getMessage() + "); nothing recorded");
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
        if (core != null) {
            core.close();
        }
    }
}
