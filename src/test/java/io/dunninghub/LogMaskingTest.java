package io.dunninghub;

import io.dunninghub.support.Slow;
import io.dunninghub.cli.Main;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dunninghub.support.HubFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every log line of a whole run, failures included, is checked for personal data in the clear. */
@Slow
class LogMaskingTest {

    @Test
    void noPhoneEmailOrNameAppearsUnmaskedInAnyLogLine(@TempDir Path work) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger hubLogger = (Logger) LoggerFactory.getLogger("io.dunninghub");
        Level before = hubLogger.getLevel();
        hubLogger.setLevel(Level.DEBUG); // the most talkative the hub gets
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try (HubFixture hub = new HubFixture(work)) {
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", "tok-secret-1", false, 2, today, false);
            hub.borrower("B2", "Mary Smith", "en", "America/New_York", "+12125550143", "mary.smith@example.com", null, false, 35, today, false);
            hub.borrower("B3", "陳怡君", "zh-TW", "Asia/Taipei", "+86 123", "chen.yijun@example.com", null, false, 2, today, false);
            hub.borrower("B4", "李娜", "zh-CN", "Asia/Shanghai", "+8613800138001", "li.na@example", null, false, 2, today, false);
            // Provider answers that quote the number back, and a server error.
            hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B8613800138001"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":21211,\"message\":\"The 'To' number +8613800138001 is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
            hub.twilio.stubFor(post(urlEqualTo(HubFixture.TWILIO_PATH)).withRequestBody(containing("To=%2B12125550143"))
                    .willReturn(aResponse().withStatus(503).withBody("upstream down for +12125550143")));
            assertThat(Main.execute("run", "--once", "--config", hub.configDir.toString(), "--routes", "routes")).isZero();
        } finally {
            root.detachAppender(captured);
            hubLogger.setLevel(before);
        }
        List<String> secrets = List.of("8613800138000", "13800138000", "8613800138001", "2125550143", "zhang.wei@", "mary.smith@",
                "chen.yijun@", "li.na@", "张伟", "Mary Smith", "陳怡君", "李娜", "tok-secret-1", "世纪大道");
        List<String> lines = captured.list.stream()
                .filter(e -> !e.getLoggerName().startsWith("com.icegreen") && !e.getLoggerName().startsWith("wiremock")
                        && !e.getLoggerName().startsWith("com.github.tomakehurst") && !e.getLoggerName().startsWith("org.eclipse.jetty"))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).as("log lines captured").hasSizeGreaterThan(5);
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("log line leaks %s", secret).doesNotContain(secret);
            }
        }
    }
}
