package io.dunninghub.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dunninghub.daemon.HubDaemon;
import io.dunninghub.policy.PolicyStore;
import io.dunninghub.receipt.TwilioSignature;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser (Debian's chromium, headless, through chromium-driver) against a running daemon on
 * embedded PostgreSQL that has sent real notices (Twilio as WireMock, SMTP as GreenMail) and taken a signed Twilio
 * receipt: a page without a token is refused; Today's numbers are the ledger's; a borrower's timeline shows what
 * happened in order; the ladder calendar shows the simulation; no phone number or e-mail address is in any URL or
 * page a viewer sees; an admin hold takes a confirmation. Screenshots go to target/screenshots/.
 */
@Slow
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String VIEWER = "viewer-token-0123456789abcdef";
    static final String ADMIN = "admin-token-0123456789abcdef";
    static final String PUBLIC_URL = "https://hub.lender.example";
    static final String EVIDENCE_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    static final String PHONE = "+8613800138000";
    static final String EMAIL = "zhang.wei@example.com";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The business clock: noon in Shanghai on a Monday, ticking from the start of the test. */
    static final Instant NOON = Instant.parse("2026-11-23T04:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");

    static Path work;
    static HubFixture hub;
    static HubDaemon app;
    static WebDriver browser;
    static String base;
    static final List<String> visited = new ArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void world() throws Exception {
        requireChromium();
        work = Files.createTempDirectory("console-browser");
        hub = new HubFixture(work);
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", PHONE, EMAIL, null, false, 2, TODAY, false);
        hub.borrower("B2", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", null, null, true, 2, TODAY, false);
        hub.writeProperties(Map.of("hub.console.viewer-token", VIEWER, "hub.admin.token", ADMIN,
                "hub.receipts.public-url", PUBLIC_URL, "hub.instance-id", "hub-a",
                // what was sent kept in full, so the timeline shows the messages as sent
                "hub.evidence.content", "full", "hub.evidence.key", EVIDENCE_KEY));
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOON));
        app = new HubDaemon(hub.configDir, Path.of("routes"), Map.of(), true, clock);
        app.start();
        base = "http://127.0.0.1:" + hub.httpPort;
        await().atMost(Duration.ofSeconds(90)).until(() ->
                hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND status = 'SENT'") >= 2);
        // the SMS delivered, by Twilio's signed status callback
        String sid = text("SELECT provider_message_id FROM notice WHERE borrower_id = 'B1' AND channel = 'sms'");
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("AccountSid", List.of(HubFixture.ACCOUNT_SID));
        params.put("MessageSid", List.of(sid));
        params.put("MessageStatus", List.of("delivered"));
        params.put("To", List.of(PHONE));
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v.get(0), StandardCharsets.UTF_8)));
        HttpResponse<String> receipt = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/receipts/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(PUBLIC_URL + "/receipts/twilio", params,
                        HubFixture.AUTH_TOKEN))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.ledgerCount("SELECT COUNT(*) FROM notice_event WHERE event_type = 'DELIVERED'") == 1);
        // what ops recorded afterwards: a promise on the phone, a complaint hold, an e-mail opt-out
        Instant later = clock.instant();
        PolicyStore policy = new PolicyStore(hub.ledger);
        policy.recordOutcome("B1", "LB1", "borrower", "call", "PROMISE_TO_PAY", later, "agent-li", "will pay Friday, call " + PHONE);
        policy.addPromise("B1", "LB1", TODAY.plusDays(4), new java.math.BigDecimal("535.50"), "on the phone", "agent-li",
                later.plusSeconds(1));
        policy.addOptOut("B1", "email", null, PolicyStore.masked("email", EMAIL), "operator", "asked by letter", "ops-anna",
                later.plusSeconds(2));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1360,1700", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        Files.createDirectories(SHOTS);
    }

    /** Without chromium the tests cannot run: skipped on a developer's machine, a failure in CI. */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            String why = "Debian's chromium and chromium-driver are not installed (" + CHROMIUM + ", " + DRIVER
                    + "): apt-get install chromium chromium-driver, or run .ci/run";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort("skipped: " + why);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    static void open(String path) {
        browser.get(base + path);
        visited.add(browser.getCurrentUrl());
    }

    /**
     * Clicks a link or a form's button and waits until the browser shows the next page: a click returns before the
     * navigation ends, and reading the old page then (a stale element) or too early would make the test flaky.
     */
    static void navigate(WebElement control) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.leavingThisPage = true"); // a new page's window has no such mark
        control.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class) // asked mid-navigation
                .until(b -> Boolean.TRUE.equals(js.executeScript(
                        "return window.leavingThisPage === undefined && document.readyState === 'complete'")));
    }

    static void shot(String name) throws Exception {
        // the Chinese glyphs of the letter font arrive after the first paint (font-display: swap)
        ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => setTimeout(done, 300));");
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    static String text(String sql) throws Exception {
        try (Connection c = hub.ledger.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The ledger's own count of today's events of a type (and channel), in the business zone's day. */
    static int ledgerToday(String event, String channel) throws Exception {
        Instant from = TODAY.atStartOfDay(ZONE).toInstant();
        Instant until = TODAY.plusDays(1).atStartOfDay(ZONE).toInstant();
        return hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id WHERE "
                + "e.event_type = '" + event + "'" + (channel == null ? "" : " AND n.channel = '" + channel + "'")
                + " AND e.occurred_at >= TIMESTAMP WITH TIME ZONE '" + from + "' AND e.occurred_at < TIMESTAMP WITH TIME ZONE '"
                + until + "'");
    }

    /** The status line's code for a request no URI class would send (a broken %-escape). */
    static int rawStatus(String path) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", hub.httpPort)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + VIEWER
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    static void signIn(String token) {
        open("/console/login");
        browser.findElement(By.id("token")).sendKeys(token);
        navigate(browser.findElement(By.id("sign-in")));
        visited.add(browser.getCurrentUrl());
    }

    static void assertNoPersonalData(String where) {
        String page = browser.getPageSource();
        assertThat(page).as(where).doesNotContain(PHONE, "13800138000", EMAIL, "+8613800138001");
        assertThat(browser.getCurrentUrl()).as(where).doesNotContain("13800138000", "%2B86", EMAIL, "%40");
    }

    @Test
    @Order(1)
    void aPageWithoutATokenIsRefused() throws Exception {
        open("/console/today");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("token is required");
        assertThat(browser.getPageSource()).doesNotContain("total-SENT");
        for (String path : List.of("/console/today", "/console/borrower/B1", "/console/calendar/B1")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).doesNotContain("B1 ", "SENT");
        }
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/today"))
                .header("Authorization", "Bearer " + VIEWER + "-not").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        signIn("not-the-token-at-all");
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("not valid");
        // malformed or unknown: 400 and 404, never 500
        assertThat(rawStatus("/console/borrower/B%zz")).isEqualTo(400);
        for (Map.Entry<String, Integer> e : Map.of("/console/borrower/NOBODY", 404,
                "/console/calendar/B1?from=tomorrow", 400, "/console/loan/" + "x".repeat(80), 400).entrySet()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + e.getKey()))
                    .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(e.getValue());
        }
        HttpResponse<String> badForm = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/borrower"))
                .header("Authorization", "Bearer " + VIEWER).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'q', '=', (byte) 0xff, (byte) 0xfe})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badForm.statusCode()).isIn(400, 404);
    }

    @Test
    @Order(2)
    void todaysCountsAreTheLedgers() throws Exception {
        signIn(VIEWER);
        assertThat(browser.getCurrentUrl()).endsWith("/console/today");
        for (String event : List.of("PLANNED", "SENT", "DEFERRED", "SUPPRESSED")) {
            assertThat(Integer.parseInt(browser.findElement(By.id("total-" + event)).getText()))
                    .as(event).isEqualTo(ledgerToday(event, null));
        }
        assertThat(ledgerToday("SENT", null)).isGreaterThanOrEqualTo(2);
        assertThat(ledgerToday("SUPPRESSED", null)).isGreaterThanOrEqualTo(1);
        for (WebElement row : browser.findElements(By.cssSelector("#channels tbody tr"))) {
            String channel = row.getAttribute("data-channel");
            for (WebElement cell : row.findElements(By.cssSelector("td[data-event]"))) {
                assertThat(Integer.parseInt(cell.getText())).as(channel + " " + cell.getAttribute("data-event"))
                        .isEqualTo(ledgerToday(cell.getAttribute("data-event"), channel));
            }
        }
        assertThat(browser.findElement(By.id("backlog-due")).getText()).isEqualTo(String.valueOf(
                hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE status IN ('PLANNED', 'RETRY') AND next_attempt_at <= "
                        + "TIMESTAMP WITH TIME ZONE '" + app.runtime().clock().instant() + "'")));
        assertThat(browser.findElement(By.cssSelector("#providers tr[data-provider='twilio-test']")).getText())
                .contains("CLOSED");
        // the chart drew (uPlot from the WebJar)
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#hourly .uplot")).isEmpty());
        assertNoPersonalData("today");
        shot("today");
        open("/console/today?lang=zh");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("今日");
        shot("today-zh");
        open("/console/today?lang=en");
    }

    @Test
    @Order(3)
    void theTimelineOfASeededBorrowerShowsWhatHappenedInOrder() throws Exception {
        open("/console/borrower");
        browser.findElement(By.id("q")).sendKeys("B1");
        navigate(browser.findElement(By.id("search-submit")));
        visited.add(browser.getCurrentUrl());
        assertThat(browser.getCurrentUrl()).endsWith("/console/borrower"); // the id went in the body
        assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("B1");
        List<String> rows = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#timeline tbody tr"))) {
            List<WebElement> td = tr.findElements(By.tagName("td"));
            rows.add(tr.getAttribute("data-what") + " " + td.get(4).getText());
            times.add(td.get(0).getText());
        }
        assertThat(rows).containsSubsequence("PLANNED sms", "SENT sms", "RECEIPT DELIVERED sms", "OUTCOME call",
                "PROMISE ", "OPT_OUT email");
        assertThat(rows).contains("PLANNED email", "SENT email", "DELIVERED sms");
        assertThat(times).isSorted();
        // every event of B1's notices in the ledger is on the page
        assertThat(rows.stream().filter(r -> !r.startsWith("RECEIPT") && !r.startsWith("OUTCOME")
                && !r.startsWith("PROMISE") && !r.startsWith("OPT_OUT")).count())
                .isEqualTo(hub.ledgerCount("SELECT COUNT(*) FROM notice_event e JOIN notice n ON n.id = e.notice_id "
                        + "WHERE n.borrower_id = 'B1'"));
        // the SMS and the e-mail as sent, opened from the evidence store; notices not sent have nothing stored
        List<String> sent = browser.findElements(By.cssSelector("pre.content")).stream().map(WebElement::getText).toList();
        assertThat(sent).hasSizeGreaterThanOrEqualTo(2).allSatisfy(text -> assertThat(text).isNotBlank()
                .doesNotStartWith("(cannot open"));
        assertThat(browser.findElements(By.cssSelector("p.subject"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".not-stored"))).isNotEmpty();
        assertThat(browser.getPageSource()).contains("+86*******8000", "z***@example.com");
        assertNoPersonalData("timeline");
        shot("timeline");
        // by loan id too, and the links between pages carry ids only
        open("/console/loan/LB1");
        assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("LB1");
        assertNoPersonalData("loan");
        open("/console/borrower/B2");
        assertThat(browser.getPageSource()).contains("SUPPRESSED");
        assertNoPersonalData("B2");
    }

    @Test
    @Order(4)
    void theLadderCalendarShowsTheNextThirtyDays() throws Exception {
        open("/console/borrower/B1");
        navigate(browser.findElement(By.partialLinkText("Ladder calendar for the next 30 days")));
        visited.add(browser.getCurrentUrl());
        assertThat(browser.getCurrentUrl()).endsWith("/console/calendar/B1");
        assertThat(browser.findElements(By.cssSelector("#calendar td[data-date]:not(.out)"))).hasSize(30);
        // the shipped ladder: the formal step on day 4 past due (two days on), the letter on day 30 (28 days on)
        WebElement formal = browser.findElement(By.cssSelector("#calendar td[data-date='" + TODAY.plusDays(2) + "']"));
        assertThat(formal.getText()).contains("formal");
        WebElement letter = browser.findElement(By.cssSelector("#calendar td[data-date='" + TODAY.plusDays(28) + "']"));
        assertThat(letter.getText()).contains("letter");
        assertNoPersonalData("calendar");
        shot("calendar");
        // the simulation wrote nothing to the real ledger
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE borrower_id = 'B1' AND step_id = 'formal'")).isZero();
    }

    @Test
    @Order(5)
    void anAdminHoldTakesAConfirmationAndIsRecorded() throws Exception {
        browser.manage().deleteAllCookies();
        signIn(ADMIN);
        open("/console/borrower/B1");
        WebElement form = browser.findElement(By.id("action-hold"));
        form.findElement(By.name("by")).sendKeys("ops-anna");
        form.findElement(By.name("reason")).sendKeys("complaint C-17");
        navigate(form.findElement(By.cssSelector("button")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Confirm");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM legal_hold WHERE borrower_id = 'B1'")).isZero();
        navigate(browser.findElement(By.id("confirm-submit")));
        assertThat(browser.findElement(By.id("done")).getText()).contains("DISPUTE");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM legal_hold WHERE borrower_id = 'B1' AND kind = 'DISPUTE' "
                + "AND created_by = 'ops-anna' AND reason = 'complaint C-17'")).isEqualTo(1);
        open("/console/borrower/B1");
        assertThat(browser.findElements(By.cssSelector("#timeline tr[data-what='HOLD']"))).hasSize(1);
    }

    @Test
    @Order(6)
    void noUrlTheViewerVisitedCarriesAPhoneNumberOrAnEmailAddress() {
        assertThat(visited).isNotEmpty().allSatisfy(u -> assertThat(u).doesNotContain("13800138000", "%2B86", "%40",
                EMAIL, "token"));
    }
}
