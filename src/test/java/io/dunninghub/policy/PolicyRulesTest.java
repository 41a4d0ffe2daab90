package io.dunninghub.policy;

import io.dunninghub.support.TestData;
import io.dunninghub.policy.PolicyFile;
import io.dunninghub.ledger.ContactAttempt;
import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.contact.Contact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of the policy on its own: what passes, what waits until when, what is suppressed, and why. */
class PolicyRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    private ContactPolicy policy(String yaml) throws Exception {
        return PolicyFile.load(Files.writeString(dir.resolve("policy.yaml"), yaml));
    }

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    private static Contact borrower(String zone, String phone) {
        return TestData.contact("B1", "张伟", "zh-CN", zone, phone, "zw@example.com", "tok-1", "上海", Set.of());
    }

    private static Contact withCountry(Contact c, String country, boolean workEmail, String hours) {
        return TestData.person(c.borrowerId(), c.name(), c.locale(), c.timeZone(), c.phone(), c.email(), c.pushToken(),
                c.postalAddress(), c.optedOut(), country, workEmail, hours, c.role(), c.partyId());
    }

    private static Standing attempts(ContactAttempt... a) {
        return new Standing(List.of(), List.of(), List.of(), List.of(a), List.of());
    }

    private static Decision.Send send(Decision d) {
        assertThat(d).isInstanceOf(Decision.Send.class);
        return (Decision.Send) d;
    }

    private static Decision.Suppress suppress(Decision d) {
        assertThat(d).isInstanceOf(Decision.Suppress.class);
        return (Decision.Suppress) d;
    }

    @Test
    void holidayDefersToTheNextNonHolidayOpeningInTheBorrowersCalendar() throws Exception {
        ContactPolicy p = policy("""
                contact-windows: { default: "08:00-22:00", letter: always }
                holidays: [2026-10-01..2026-10-07]
                """);
        Contact c = borrower("Asia/Shanghai", "+8613800138000");
        Decision.Send s = send(p.decide("sms", "borrower", "L1", c, Standing.NONE, at("2026-10-03T10:00", SHANGHAI)));
        assertThat(s.deferredBy()).isEqualTo(Reason.HOLIDAY);
        assertThat(s.notBefore()).isEqualTo(at("2026-10-08T08:00", SHANGHAI));
        assertThat(s.detail()).contains("2026-10-03 is a holiday");
        // the evening before the holidays: quiet hours, and the next morning is a holiday too
        Decision.Send eve = send(p.decide("sms", "borrower", "L1", c, Standing.NONE, at("2026-09-30T22:30", SHANGHAI)));
        assertThat(eve.deferredBy()).isEqualTo(Reason.QUIET_HOURS);
        assertThat(eve.notBefore()).isEqualTo(at("2026-10-08T08:00", SHANGHAI));
        // letters have no window, so no holiday either
        assertThat(send(p.decide("letter", "borrower", "L1", c, Standing.NONE, at("2026-10-03T10:00", SHANGHAI))).deferredBy()).isNull();
    }

    @Test
    void dailyCapsCountEveryDebtOfTheBorrowerInTheirLocalDay() throws Exception {
        ContactPolicy p = policy("""
                caps:
                  borrower:
                    day: { all: 3, sms: 1 }
                """);
        Contact c = borrower("America/New_York", "+12125550143");
        Instant morning = at("2026-11-23T09:00", NEW_YORK);
        // an SMS about another loan earlier today: no second SMS today, but e-mail is fine
        Standing st = attempts(new ContactAttempt("L2", "sms", "borrower", at("2026-11-23T08:30", NEW_YORK)));
        Decision.Send sms = send(p.decide("sms", "borrower", "L1", c, st, morning));
        assertThat(sms.deferredBy()).isEqualTo(Reason.CAP_DAY);
        assertThat(sms.notBefore()).isEqualTo(at("2026-11-24T08:00", NEW_YORK));
        assertThat(send(p.decide("email", "borrower", "L1", c, st, morning)).deferredBy()).isNull();
        // yesterday evening (local) does not count today, although it is the same UTC day
        Standing yesterday = attempts(new ContactAttempt("L2", "sms", "borrower", at("2026-11-22T20:00", NEW_YORK)));
        assertThat(send(p.decide("sms", "borrower", "L1", c, yesterday, morning)).deferredBy()).isNull();
        // three contacts today across channels: everything waits for tomorrow
        Standing three = attempts(new ContactAttempt("L1", "email", "borrower", morning.minusSeconds(60)),
                new ContactAttempt("L2", "push", "borrower", morning.minusSeconds(50)),
                new ContactAttempt("L3", "letter", "borrower", morning.minusSeconds(40)));
        assertThat(send(p.decide("email", "borrower", "L1", c, three, morning)).deferredBy()).isEqualTo(Reason.CAP_DAY);
        // contacts of a guarantor are that person's, not the borrower's
        Standing guarantor = attempts(new ContactAttempt("L1", "sms", "guarantor/G1", morning.minusSeconds(60)));
        assertThat(send(p.decide("sms", "borrower", "L1", c, guarantor, morning)).deferredBy()).isNull();
    }

    @Test
    void rollingSevenDayCapPerDebtWaitsUntilTheOldestContactLeavesTheWindow() throws Exception {
        ContactPolicy p = policy("""
                contact-windows: { default: always }
                caps:
                  debt:
                    7-days: { all: 2 }
                """);
        Contact c = borrower("America/New_York", "+12125550143");
        Instant now = Instant.parse("2026-11-23T15:00:00Z");
        Instant first = now.minus(Duration.ofDays(6));
        Instant second = now.minus(Duration.ofDays(2));
        Standing st = attempts(new ContactAttempt("L1", "email", "borrower", first),
                new ContactAttempt("L1", "sms", "borrower", second),
                new ContactAttempt("L9", "sms", "borrower", now.minusSeconds(5)));
        Decision.Send s = send(p.decide("sms", "borrower", "L1", c, st, now));
        assertThat(s.deferredBy()).isEqualTo(Reason.CAP_WEEK);
        assertThat(s.notBefore()).isEqualTo(first.plus(Duration.ofDays(7)));
        // another debt of the same borrower has its own 7-day count
        assertThat(send(p.decide("sms", "borrower", "L2", c, st, now)).deferredBy()).isNull();
    }

    @Test
    void aCapOfZeroSuppresses() throws Exception {
        ContactPolicy p = policy("caps: { borrower: { day: { push: 0 } } }\n");
        Decision.Suppress s = suppress(p.decide("push", "borrower", "L1", borrower("Asia/Shanghai", "+8613800138000"),
                Standing.NONE, at("2026-11-23T10:00", SHANGHAI)));
        assertThat(s.reason()).isEqualTo(Reason.CAP_DAY);
    }

    @Test
    void coolDownAfterAConversationOnTheListedChannelsOnly() throws Exception {
        ContactPolicy p = policy("""
                cool-down: { after-conversation: 7d, channels: [call, sms] }
                contact-windows: { default: always }
                """);
        Contact c = borrower("Asia/Shanghai", "+8613800138000");
        Instant talked = Instant.parse("2026-11-20T03:00:00Z");
        Standing st = new Standing(List.of(), List.of(), List.of(), List.of(),
                List.of(new Standing.Conversation("L1", "borrower", talked)));
        Instant now = talked.plus(Duration.ofDays(3));
        Decision.Send sms = send(p.decide("sms", "borrower", "L2", c, st, now));
        assertThat(sms.deferredBy()).isEqualTo(Reason.COOL_DOWN);
        assertThat(sms.notBefore()).isEqualTo(talked.plus(Duration.ofDays(7)));
        assertThat(send(p.decide("email", "borrower", "L2", c, st, now)).deferredBy()).isNull();
    }

    @Test
    void promiseToPayPausesUntilTheDatePlusGraceThenTheWindowOpens() throws Exception {
        ContactPolicy p = policy("""
                contact-windows: { default: "08:00-21:00" }
                promise-to-pay: { grace-days: 2 }
                """);
        Contact c = borrower("Asia/Shanghai", "+8613800138000");
        Standing st = new Standing(List.of(), List.of(new Standing.Promise("7", "L1", LocalDate.of(2026, 11, 25), "hub #7")),
                List.of(), List.of(), List.of());
        Decision.Send s = send(p.decide("sms", "borrower", "L1", c, st, at("2026-11-23T10:00", SHANGHAI)));
        assertThat(s.deferredBy()).isEqualTo(Reason.PROMISE_TO_PAY);
        assertThat(s.notBefore()).isEqualTo(at("2026-11-28T08:00", SHANGHAI));
        // the promise is about L1: L2 is not paused
        assertThat(send(p.decide("sms", "borrower", "L2", c, st, at("2026-11-23T10:00", SHANGHAI))).deferredBy()).isNull();
        // after the grace days it is over
        assertThat(send(p.decide("sms", "borrower", "L1", c, st, at("2026-11-28T10:00", SHANGHAI))).deferredBy()).isNull();
    }

    @Test
    void legalHoldsOnTheBorrowerOrOneLoanUntilTheyExpire() throws Exception {
        ContactPolicy p = policy("contact-windows: { default: always }\n");
        Contact c = borrower("Asia/Shanghai", "+8613800138000");
        Instant now = Instant.parse("2026-11-23T04:00:00Z");
        Standing loanHold = new Standing(List.of(new Standing.Hold("3", "L1", "DISPUTE", now.plusSeconds(3600), "hub")),
                List.of(), List.of(), List.of(), List.of());
        Decision.Suppress s = suppress(p.decide("email", "borrower", "L1", c, loanHold, now));
        assertThat(s.reason()).isEqualTo(Reason.LEGAL_HOLD);
        assertThat(s.detail()).contains("DISPUTE").contains("#3");
        assertThat(p.decide("email", "borrower", "L2", c, loanHold, now)).isInstanceOf(Decision.Send.class);
        assertThat(p.decide("email", "borrower", "L1", c, loanHold, now.plusSeconds(3600))).isInstanceOf(Decision.Send.class);
        Standing deceased = new Standing(List.of(new Standing.Hold(null, null, "DECEASED", null, "core")),
                List.of(), List.of(), List.of(), List.of());
        assertThat(suppress(p.decide("letter", "guarantor/G1", "L7", c, deceased, now)).reason()).isEqualTo(Reason.LEGAL_HOLD);
    }

    @Test
    void optOutsByBorrowerOrByAddressWhoeverHasIt() throws Exception {
        ContactPolicy p = policy("contact-windows: { default: always }\n");
        Contact c = borrower("Asia/Shanghai", "+86 138 0013 8000");
        Instant now = Instant.parse("2026-11-23T04:00:00Z");
        String key = AddressKey.of("sms", "+8613800138000", "CN");
        Standing byAddress = new Standing(List.of(), List.of(), List.of(new Standing.OptOut("sms", key, "SMS_STOP #4")),
                List.of(), List.of());
        Decision.Suppress s = suppress(p.decide("sms", "borrower", "L1", c, byAddress, now));
        assertThat(s.reason()).isEqualTo(Reason.OPTED_OUT);
        assertThat(s.detail()).contains("+86").doesNotContain("13800138000").contains("SMS_STOP");
        // the same number written nationally is the same address
        Contact national = borrower("Asia/Shanghai", "13800138000");
        assertThat(suppress(p.decide("sms", "borrower", "L1", national, byAddress, now)).reason()).isEqualTo(Reason.OPTED_OUT);
        assertThat(p.decide("email", "borrower", "L1", c, byAddress, now)).isInstanceOf(Decision.Send.class);
        // a borrower-wide opt-out from every channel does not silence the guarantor's own address
        Standing everything = new Standing(List.of(), List.of(), List.of(new Standing.OptOut(null, null, "CLI #5")),
                List.of(), List.of());
        assertThat(suppress(p.decide("letter", "borrower", "L1", c, everything, now)).reason()).isEqualTo(Reason.OPTED_OUT);
        Contact guarantor = TestData.person(null, "李四", "zh-CN", "Asia/Shanghai", "+8613900139000", null, null, null,
                Set.of(), null, false, null, "guarantor", "G1");
        assertThat(p.decide("sms", "guarantor/G1", "L1", guarantor, everything, now)).isInstanceOf(Decision.Send.class);
    }

    @Test
    void workEmailAndThirdPartiesByJurisdiction() throws Exception {
        ContactPolicy p = policy("""
                contact-windows: { default: always }
                jurisdictions:
                  CN:
                    audiences: [borrower]
                    work-email: allow
                  US:
                    audiences: [borrower, co-borrower]
                """);
        Instant now = Instant.parse("2026-11-23T04:00:00Z");
        Contact us = withCountry(borrower("America/Chicago", "+12125550143"), "US", true, null);
        assertThat(suppress(p.decide("email", "borrower", "L1", us, Standing.NONE, now)).reason()).isEqualTo(Reason.WORK_EMAIL);
        assertThat(suppress(p.decide("sms", "guarantor/G1", "L1", us, Standing.NONE, now)).reason()).isEqualTo(Reason.THIRD_PARTY);
        assertThat(p.decide("sms", "co-borrower/C1", "L1", us, Standing.NONE, now)).isInstanceOf(Decision.Send.class);
        // no country on record: the phone number's region picks the jurisdiction
        Contact cn = withCountry(borrower("Asia/Shanghai", "+8613800138000"), null, true, null);
        assertThat(p.jurisdictionOf(cn).name()).isEqualTo("CN");
        assertThat(p.decide("email", "borrower", "L1", cn, Standing.NONE, now)).isInstanceOf(Decision.Send.class);
        assertThat(suppress(p.decide("sms", "co-borrower/C1", "L1", cn, Standing.NONE, now)).reason()).isEqualTo(Reason.THIRD_PARTY);
        // the default jurisdiction: a relative is never an audience
        Contact sg = withCountry(borrower("Asia/Singapore", "+6591234567"), "SG", false, null);
        assertThat(suppress(p.decide("sms", "relative/R1", "L1", sg, Standing.NONE, now)).reason()).isEqualTo(Reason.THIRD_PARTY);
    }

    @Test
    void theHoursTheBorrowerAskedForNarrowTheWindow() throws Exception {
        ContactPolicy p = policy("contact-windows: { default: \"08:00-21:00\" }\n");
        Contact c = withCountry(borrower("Asia/Shanghai", "+8613800138000"), null, false, "18:00-20:00");
        Decision.Send s = send(p.decide("sms", "borrower", "L1", c, Standing.NONE, at("2026-11-23T10:00", SHANGHAI)));
        assertThat(s.deferredBy()).isEqualTo(Reason.QUIET_HOURS);
        assertThat(s.notBefore()).isEqualTo(at("2026-11-23T18:00", SHANGHAI));
        assertThat(s.detail()).contains("asked for");
    }

    @Test
    void springForwardInNewYorkWithAHolidayOnTheSunday() throws Exception {
        ContactPolicy p = policy("""
                contact-windows: { default: "08:00-21:00" }
                holidays: [2026-03-08]
                """);
        Contact c = borrower("America/New_York", "+12125550143");
        // Saturday 21:30 EST: Sunday (clocks go forward at 02:00) is a holiday, so Monday 08:00 EDT = 12:00Z
        Decision.Send s = send(p.decide("email", "borrower", "L1", c, Standing.NONE, at("2026-03-07T21:30", NEW_YORK)));
        assertThat(s.notBefore()).isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
    }
}
