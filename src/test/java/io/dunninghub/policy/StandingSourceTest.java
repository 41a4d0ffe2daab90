package io.dunninghub.policy;

import io.dunninghub.support.TestData;
import io.dunninghub.support.Slow;
import io.dunninghub.support.Policies;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import io.dunninghub.support.Postgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A borrower's standing from the hub's tables and from the optional core-database queries, on PostgreSQL. */
@Slow
class StandingSourceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    @Test
    void holdsPromisesOptOutsAndConversationsFromBothSources() throws Exception {
        DataSource hub = Postgres.dataSource(Postgres.newDatabase("hub"));
        DataSource core = Postgres.dataSource(Postgres.newDatabase("core"));
        io.dunninghub.ledger.LedgerSchema.migrate(hub);
        try (Connection c = core.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE collections_case (cust_no VARCHAR(20), acct VARCHAR(20), status VARCHAR(20), until_day DATE)");
            s.execute("INSERT INTO collections_case VALUES ('B1', NULL, 'bankruptcy', NULL), ('B1', 'L7', 'dispute', DATE '2026-11-20'),"
                    + " ('B2', 'L8', 'complaint', DATE '2026-12-31')");
            s.execute("CREATE TABLE ptp (cust_no VARCHAR(20), acct VARCHAR(20), pay_by DATE)");
            s.execute("INSERT INTO ptp VALUES ('B2', 'L8', DATE '2026-11-25')");
            s.execute("CREATE TABLE dnc (cust_no VARCHAR(20), medium VARCHAR(10), addr VARCHAR(100))");
            s.execute("INSERT INTO dnc VALUES ('B2', 'email', NULL), ('B2', 'sms', '+86 139 0013 9000')");
        }
        PolicyStore store = new PolicyStore(hub);
        long lifted = store.addHold("B2", null, "DECEASED", null, "recorded by mistake", "ops", NOW.minusSeconds(60));
        store.remove("legal_hold", lifted, "ops", "wrong borrower", NOW.minusSeconds(30));
        store.addHold("B2", null, "HARDSHIP", NOW.minusSeconds(1), "plan ended", "ops", NOW.minus(Duration.ofDays(30)));
        store.addHold("B3", "L9", "CEASE_COMMUNICATION", null, "letter received", "ops", NOW.minusSeconds(60));
        OptOuts optOuts = new OptOuts(store, StopKeywords.defaults(), "CN");
        optOuts.recordInboundSms("+8613800138003", "STOP", NOW.minusSeconds(10));
        optOuts.recordEmailUnsubscribe("someone.else@example.com", null, NOW.minusSeconds(10));
        store.recordOutcome("B3", "L9", "borrower", "call", "CONVERSATION", NOW.minus(Duration.ofDays(2)), "dialer", null);
        store.recordOutcome("B3", "L9", "borrower", "call", "NO_ANSWER", NOW.minus(Duration.ofDays(1)), "dialer", null);

        StandingSource source = new StandingSource(store, new CoreStanding(core,
                "SELECT cust_no AS borrower_id, acct AS loan_id, status AS kind, until_day AS expires_at FROM collections_case WHERE cust_no IN (:borrowerIds)",
                "SELECT cust_no AS borrower_id, acct AS loan_id, pay_by AS promised_date FROM ptp WHERE cust_no IN (:borrowerIds)",
                "SELECT cust_no AS borrower_id, medium AS channel, addr AS address FROM dnc WHERE cust_no IN (:borrowerIds)", "CN"),
                "CN", Duration.ofDays(8));
        Map<String, List<Contact>> people = Map.of(
                "B1", List.of(contact("B1", "+8613800138001")),
                "B2", List.of(contact("B2", "+8613900139000")),
                "B3", List.of(contact("B3", "+8613800138003")));
        Map<String, Standing> st = source.load(people, Map.of(), NOW);

        // B1: the core's bankruptcy holds everything; the dispute on L7 ended on 2026-11-20
        assertThat(st.get("B1").holds()).extracting(Standing.Hold::kind).contains("BANKRUPTCY", "DISPUTE");
        assertThat(st.get("B1").holds()).filteredOn(h -> h.activeAt(NOW, "L7")).extracting(Standing.Hold::kind)
                .containsExactly("BANKRUPTCY");
        // B2: the removed and the expired hub holds are gone; the core's complaint on L8 and its promise remain
        assertThat(st.get("B2").holds()).extracting(Standing.Hold::kind).containsExactly("COMPLAINT");
        assertThat(st.get("B2").promises()).extracting(Standing.Promise::promisedDate).containsExactly(LocalDate.of(2026, 11, 25));
        assertThat(st.get("B2").optOuts()).hasSize(2);
        ContactPolicy policy = Policies.windowsOnly(ContactWindow.ALWAYS, Map.of(), Map.of(), "CN");
        assertThat(((Decision.Suppress) policy.decide("sms", "borrower", "L1", contact("B2", "+8613900139000"), st.get("B2"), NOW))
                .reason()).isEqualTo(Reason.OPTED_OUT);
        assertThat(((Decision.Suppress) policy.decide("email", "borrower", "L1", contact("B2", "+8613900139000"), st.get("B2"), NOW))
                .reason()).isEqualTo(Reason.OPTED_OUT);
        // B3: the hold is on L9 only; the STOP from B3's number applies to B3's SMS; the unanswered call comes back
        // as a call that did not reach them (the connected-calls cap counts it), only the conversation as one
        assertThat(st.get("B3").holds()).extracting(Standing.Hold::loanId).containsExactly("L9");
        assertThat(st.get("B3").optOuts()).extracting(Standing.OptOut::source).singleElement().asString().startsWith("SMS_STOP");
        assertThat(st.get("B3").conversations()).extracting(Standing.Conversation::reached).containsExactlyInAnyOrder(true, false);
        assertThat(st.get("B3").conversations()).filteredOn(Standing.Conversation::reached)
                .extracting(Standing.Conversation::at).containsExactly(NOW.minus(Duration.ofDays(2)));
        assertThat(policy.decide("push", "borrower", "L1", contact("B3", "+8613800138003"), st.get("B3"), NOW))
                .isInstanceOf(Decision.Send.class);
        assertThat(st.get("B1").optOuts()).isEmpty();
    }

    private static Contact contact(String id, String phone) {
        return TestData.contact(id, "N", "zh-CN", "Asia/Shanghai", phone, id.toLowerCase() + "@example.com", "tok-" + id, "上海", Set.of());
    }
}
