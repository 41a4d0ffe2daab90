package io.dunninghub;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.cli.Main;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.NoticeContent;
import io.dunninghub.ledger.NoticeContents;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A complaint handler's questions, answered from a daemon's run against PostgreSQL, Twilio (WireMock), SMTP
 * (GreenMail) and the letter outbox: what exactly was sent (the hashes are of the bytes the providers got), under
 * which template and rules, the whole trail, an evidence package whose hashes hold and whose PDF reads, and an
 * erasure that keeps the hashes.
 */
@Slow
class EvidenceEndToEndTest {

    static final String K1 = key(1);
    static final String K2 = key(2);

    @TempDir
    Path work;
    HubFixture hub;

    static String key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @BeforeEach
    void world() throws Exception {
        hub = new HubFixture(work);
        hub.writeLadderYaml("""
                ladders:
                  - id: evidence
                    steps:
                      - id: formal
                        dpd: 1..
                        channels:
                          - { channel: sms, template: overdue_early }
                          - { channel: email, template: overdue_formal }
                          - { channel: letter, template: overdue_letter }
                """);
        hub.writeProperties(Map.of("hub.evidence.content", "full", "hub.evidence.key-id", "k2",
                "hub.evidence.key", K2, "hub.evidence.keys.k1", K1));
        hub.borrower("B1", "张伟", "zh-CN", "Asia/Shanghai", "+8613800138000", "zhang.wei@example.com", null, false, 5,
                LocalDate.now(ZoneId.of("Asia/Shanghai")), false);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", hub.configDir.toString(), "--routes", "routes"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(all.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    private String ok(String... args) {
        Run r = cli(args);
        assertThat(r.exit()).as("exit of %s: %s", List.of(args), r.err()).isZero();
        return r.out();
    }

    @Test
    void whatWasSentIsKeptProvableAndErasable() throws Exception {
        ok("run", "--once");
        List<NoticeContents.Stored> rows = new NoticeContents(hub.ledger).of("B1", null);
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.keyId()).isEqualTo("k2"));
        ContentKeys keys = ContentKeys.of("k2", K2, Map.of("k1", K1));
        Map<String, NoticeContents.Stored> byType = new LinkedHashMap<>();
        rows.forEach(r -> byType.put(r.mediaType(), r));

        // SMS: the hash is of the Body Twilio received, as UTF-8
        String body = hub.twilio.findAll(postRequestedFor(urlEqualTo(HubFixture.TWILIO_PATH))).get(0).getBodyAsString();
        String smsText = Stream.of(body.split("&")).filter(p -> p.startsWith("Body="))
                .map(p -> URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        NoticeContents.Stored sms = byType.get("text/plain; charset=UTF-8");
        assertThat(sms.contentSha256()).isEqualTo(NoticeContent.sha256(smsText));
        assertThat(new String(sms.open(keys), StandardCharsets.UTF_8)).isEqualTo(smsText);
        // e-mail: the MIME the relay received (same Message-ID and subject), hashed as built
        MimeMessage received = hub.smtp.getReceivedMessages()[0];
        NoticeContents.Stored email = byType.get("message/rfc822");
        MimeMessage kept = new MimeMessage(null, new ByteArrayInputStream(email.open(keys)));
        assertThat(kept.getMessageID()).isEqualTo(received.getMessageID());
        assertThat(kept.getSubject()).isEqualTo(received.getSubject());
        // letter: byte for byte the PDF the print vendor (the outbox) got
        NoticeContents.Stored letter = byType.get("application/pdf");
        try (Stream<Path> files = Files.walk(hub.outbox.resolve("letter"))) {
            Path pdf = files.filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
            assertThat(letter.contentSha256()).isEqualTo(NoticeContent.sha256(Files.readAllBytes(pdf)));
        }
        // the template's files and the whole snapshot, as an independent reading of the config folder gives them
        assertThat(sms.templateSha256()).isEqualTo(filesSha256(hub.configDir.resolve("templates"),
                n -> n.equals("zh-CN/overdue_early.sms.ftl") || n.startsWith("zh-CN/") && n.endsWith(".ftli")));
        String snapshot = "ladder.yaml\0" + NoticeContent.sha256(Files.readAllBytes(hub.configDir.resolve("ladder.yaml")))
                + "\npolicy.yaml\0" + NoticeContent.sha256(Files.readAllBytes(hub.configDir.resolve("policy.yaml")))
                + "\ntemplates\0" + filesSha256(hub.configDir.resolve("templates"), n -> true) + "\n";
        assertThat(rows).allSatisfy(r -> assertThat(r.configSha256()).isEqualTo(NoticeContent.sha256(snapshot)));

        // the whole trail: notices, a hold, a promise, an opt-out, in time order
        ok("hold", "add", "--borrower", "B1", "--kind", "COMPLAINT", "--reason", "complaint C-9 by phone", "--by", "ops-li");
        ok("promise", "add", "--borrower", "B1", "--date", LocalDate.now().plusDays(30).toString(), "--amount", "100",
                "--reason", "called in", "--by", "agent-wang");
        ok("optout", "add", "--borrower", "B1", "--channel", "sms", "--reason", "replied TD", "--by", "ops-li");
        String csv = ok("audit", "--borrower", "B1");
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("occurred_at,record,notice_id,dedupe_key,"
                + "installment_id,loan_id,borrower_id,step,channel,template,recipient,event,reason,provider,"
                + "provider_message_id,detail,by,instance,content_sha256,template_sha256,config_sha256");
        assertThat(csv).contains(",sms,overdue_early,+86*******8000,SENT,,twilio-test,SM")
                .contains(",HOLD_ADDED,COMPLAINT,").contains(",PROMISE_ADDED,").contains(",OPT_OUT_ADDED,")
                .contains(sms.contentSha256()).doesNotContain("+8613800138000").doesNotContain(smsText);
        List<String> events = csv.lines().skip(1).map(l -> l.split(",")[1]).toList();
        assertThat(events.subList(events.size() - 3, events.size())).containsExactly("hold", "promise", "opt_out");
        assertThat(ok("audit", "--borrower", "B1", "--format", "json", "--with-content")).contains(
                new ObjectMapper().writeValueAsString(smsText).replace("\\\"", "\""));

        // the evidence package: hashes hold, the PDF reads (Chinese included), the letter has its tracking number
        Path zip = work.resolve("B1.zip");
        assertThat(ok("evidence", "--borrower", "B1", "--out", zip.toString(), "--by", "complaints-desk"))
                .contains("3 messages (3 with content), 1 letters");
        Map<String, byte[]> files = unzip(zip);
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        assertThat(manifest.path("files")).hasSize(files.size() - 1);
        for (JsonNode f : manifest.path("files")) {
            assertThat(NoticeContent.sha256(files.get(f.path("name").asText()))).isEqualTo(f.path("sha256").asText());
        }
        for (JsonNode m : manifest.path("messages")) {
            String stored = rows.stream().filter(r -> r.noticeId().equals(m.path("notice_id").asText())).findFirst()
                    .orElseThrow().contentSha256();
            assertThat(NoticeContent.sha256(files.get(m.path("file").asText()))).isEqualTo(stored);
        }
        String tracking = new ObjectMapper().readTree(files.get("letters.json")).get(0).path("tracking_number").asText();
        assertThat(tracking).startsWith("OUTBOX");
        try (PDDocument pdf = Loader.loadPDF(files.get("timeline.pdf"))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertThat(text).contains("Evidence:borrowerB1").contains(tracking).contains("HOLD_ADDED")
                    .contains(smsText.replaceAll("\\s+", "").substring(0, 12)).contains(sms.contentSha256());
            javax.imageio.ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 100), "png",
                    Path.of("target/evidence-timeline-page1.png").toFile());
        }
        assertThat(ok("evidence", "verify", zip.toString())).contains("intact");
        Path forged = work.resolve("forged.zip");
        String smsFile = manifest.path("messages").findValues("file").stream().map(JsonNode::asText)
                .filter(n -> n.endsWith(".txt")).findFirst().orElseThrow();
        rezip(zip, forged, smsFile, "【示例金融】您已结清，无需还款".getBytes(StandardCharsets.UTF_8));
        Run verify = cli("evidence", "verify", forged.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("TAMPERED " + smsFile);

        // erasure on request: personal data gone, hashes and counts kept, the erasure itself on the trail
        int notices = hub.ledgerCount("SELECT COUNT(*) FROM notice_event");
        assertThat(ok("erase", "--borrower", "B1", "--reason", "request R-12", "--by", "dpo-zhang"))
                .contains("notice_content=3");
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_content WHERE ciphertext IS NULL AND content_sha256 IS NOT NULL")).isEqualTo(3);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice WHERE recipient_masked LIKE 'sha256:%'")).isEqualTo(3);
        assertThat(hub.ledgerCount("SELECT COUNT(*) FROM notice_event")).isEqualTo(notices);
        String after = ok("audit", "--borrower", "B1", "--with-content");
        assertThat(after).contains(",ERASED,REQUEST,").contains("dpo-zhang").contains("(content erased ")
                .contains(sms.contentSha256()).doesNotContain("+86*******8000").doesNotContain("complaint C-9");
    }

    @Test
    void aBadOrMissingKeyStopsStartUpNamingItsKey() {
        Run shortKey = cli("validate", "--set", "hub.evidence.key=c2hvcnQ=");
        assertThat(shortKey.exit()).isEqualTo(2);
        assertThat(shortKey.out() + shortKey.err()).contains("application.properties: hub.evidence.key: is 5 bytes");
        Run oldKey = cli("run", "--once", "--set", "hub.evidence.keys.k1=not-base64!");
        assertThat(oldKey.exit()).isEqualTo(2);
        assertThat(oldKey.err()).contains("hub.evidence.keys.k1: is not Base64");
        Run none = cli("run", "--once", "--set", "hub.evidence.key=");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("hub.evidence.key: hub.evidence.content = full needs a key");
        Run demo = cli("validate", "--set", "hub.evidence.key=" + io.dunninghub.config.HubSettings.DEMO_EVIDENCE_KEY);
        assertThat(demo.out() + demo.err()).contains("hub.evidence.key: is the demo key");
    }

    /** SHA-256 over {@code name NUL text NUL} of the template files chosen, by name. */
    static String filesSha256(Path dir, java.util.function.Predicate<String> pick) throws Exception {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if ((name.endsWith(".ftl") || name.endsWith(".ftli")) && pick.test(name)) {
                    files.put(name, Files.readString(p));
                }
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : files.entrySet()) {
            all.write(f.getKey().getBytes(StandardCharsets.UTF_8));
            all.write(0);
            all.write(f.getValue().getBytes(StandardCharsets.UTF_8));
            all.write(0);
        }
        return NoticeContent.sha256(all.toByteArray());
    }

    static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    static void rezip(Path from, Path to, String replace, byte[] with) throws Exception {
        try (OutputStream os = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> f : unzip(from).entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getKey().equals(replace) ? with : f.getValue());
                out.closeEntry();
            }
        }
    }
}
