package io.dunninghub.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lowagie.text.pdf.BaseFont;
import io.dunninghub.ledger.AuditTrail;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.NoticeContent;
import io.dunninghub.ledger.NoticeContents;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * An evidence package about a borrower (or one loan): a zip a regulator or a court can read without the hub.
 *
 * <pre>
 * timeline.pdf          the trail in time order, every message as sent with its hashes, the letters' tracking numbers
 * trail.json            the same trail, machine-readable (the audit command's JSON)
 * messages/…            every message as sent, decrypted: .txt (SMS), .eml (e-mail MIME), .json (push, others), .pdf
 * letters.json          the letters: notice, file, provider, message id, tracking number
 * manifest.json         SHA-256 and size of every file above, and for each message the hashes the ledger stored
 *                       when it was sent (content, template, configuration)
 * </pre>
 *
 * Tampering shows: {@link EvidenceVerifier} re-hashes every file against the manifest and every message against
 * the hash stored when it was sent; the manifest's own SHA-256 is printed when the package is made, to be noted
 * in the case file, and the ledger's rows can be compared at any time.
 */
public final class EvidencePackage {

    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern TRACKING = Pattern.compile("tracking ([A-Za-z0-9_-]+)");

    private final DataSource ledger;
    private final ContentKeys keys;
    private final BaseFont font;

    public EvidencePackage(DataSource ledger, ContentKeys keys, BaseFont font) {
        this.ledger = ledger;
        this.keys = keys;
        this.font = font;
    }

    /** What was written. */
    public record Written(Path file, int entries, int messages, int withContent, int letters, String manifestSha256,
                          List<String> notes) {
    }

    /**
     * @param loanId      null for every loan of the borrower
     * @param generatedBy who asked for it (printed on the timeline and in the manifest)
     */
    public Written write(String borrowerId, String loanId, Path out, Instant generatedAt, String generatedBy)
            throws SQLException, IOException {
        List<AuditTrail.Entry> trail = new AuditTrail(ledger).of(borrowerId, loanId, null, null);
        List<NoticeContents.Stored> contents = new NoticeContents(ledger).of(borrowerId, loanId);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        ArrayNode manifestMessages = JSON.createArrayNode();
        List<TimelinePdf.Message> messages = new ArrayList<>();
        Map<String, String> fileOfNotice = new LinkedHashMap<>();
        Map<String, String> channelOf = new LinkedHashMap<>();
        trail.stream().filter(e -> e.noticeId() != null && e.channel() != null)
                .forEach(e -> channelOf.putIfAbsent(e.noticeId(), e.channel()));
        int withContent = 0;
        for (NoticeContents.Stored c : contents) {
            String channel = channelOf.getOrDefault(c.noticeId(), "message");
            String sentAt = c.recordedAt().toInstant().toString();
            String name = null;
            String readable = null;
            if (c.hasContent()) {
                try {
                    byte[] plain = c.open(keys);
                    name = "messages/" + sentAt.replace(":", "").replace("-", "") + "_" + channel + "_" + c.noticeId()
                            + "_a" + c.attempt() + NoticeContent.extension(c.mediaType());
                    files.put(name, plain);
                    readable = readable(c.mediaType(), plain);
                    fileOfNotice.put(c.noticeId(), name);
                    withContent++;
                } catch (IllegalArgumentException e) {
                    notes.add("notice " + c.noticeId() + " attempt " + c.attempt() + ": " + e.getMessage());
                }
            } else {
                notes.add("notice " + c.noticeId() + " attempt " + c.attempt() + ": " + (c.erasedAt() != null
                        ? "content erased " + c.erasedAt().toInstant() + " (" + c.erasedReason() + ")"
                        : "only hashes kept (hub.evidence.content = hashes)"));
            }
            ObjectNode m = manifestMessages.addObject();
            m.put("notice_id", c.noticeId());
            m.put("attempt", c.attempt());
            m.put("event", c.eventType());
            m.put("sent_at", sentAt);
            m.put("channel", channel);
            m.put("media_type", c.mediaType());
            m.put("file", name);
            m.put("content_sha256", c.contentSha256());
            m.put("content_length", c.contentLength());
            m.put("template", c.template());
            m.put("locale", c.locale());
            m.put("template_sha256", c.templateSha256());
            m.put("config_sha256", c.configSha256());
            messages.add(new TimelinePdf.Message(name, sentAt, c.noticeId(), c.attempt(), channel, c.template(),
                    c.eventType(), c.contentSha256(), c.templateSha256(), c.configSha256(), readable));
        }

        List<TimelinePdf.Letter> letters = new ArrayList<>();
        ArrayNode letterJson = JSON.createArrayNode();
        for (AuditTrail.Entry e : trail) {
            if ("letter".equals(e.channel()) && "SENT".equals(e.event())) {
                Matcher t = TRACKING.matcher(e.detail() == null ? "" : e.detail());
                String tracking = t.find() ? t.group(1) : null;
                TimelinePdf.Letter l = new TimelinePdf.Letter(e.occurredAt().toInstant().toString(), e.noticeId(),
                        fileOfNotice.get(e.noticeId()), e.provider(), e.providerMessageId(), tracking);
                letters.add(l);
                ObjectNode j = letterJson.addObject();
                j.put("sent_at", l.sentAt());
                j.put("notice_id", l.noticeId());
                j.put("file", l.file());
                j.put("provider", l.provider());
                j.put("provider_message_id", l.providerMessageId());
                j.put("tracking_number", tracking);
                j.put("detail", e.detail());
            }
        }

        String subject = "borrower " + borrowerId + (loanId == null ? "" : ", loan " + loanId);
        List<String> header = List.of("Subject: " + subject,
                "Generated " + generatedAt + " by " + generatedBy + " from the dunning-hub ledger",
                trail.size() + " entries, " + contents.size() + " messages handed to providers (" + withContent
                        + " with their content), " + letters.size() + " letters",
                "Every file of this package is listed with its SHA-256 in manifest.json; each message's hash is the "
                        + "one the ledger stored when it was sent.");
        files.put("timeline.pdf", new TimelinePdf(font).write("Evidence: " + subject, header, trail, messages,
                letters));
        files.put("trail.json", JSON.writeValueAsBytes(trail.stream().map(AuditTrail::fields).toList()));
        files.put("letters.json", JSON.writeValueAsBytes(letterJson));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", "dunning-hub evidence 1");
        manifest.put("borrower_id", borrowerId);
        manifest.put("loan_id", loanId);
        manifest.put("generated_at", generatedAt.toString());
        manifest.put("generated_by", generatedBy);
        ArrayNode list = manifest.putArray("files");
        files.forEach((name, bytes) -> {
            ObjectNode f = list.addObject();
            f.put("name", name);
            f.put("sha256", NoticeContent.sha256(bytes));
            f.put("bytes", bytes.length);
        });
        manifest.set("messages", manifestMessages);
        ArrayNode noteList = manifest.putArray("notes");
        notes.forEach(noteList::add);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);

        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".evidence", ".zip.tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os,
                    StandardCharsets.UTF_8)) {
                put(zip, MANIFEST, manifestBytes, generatedAt);
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    put(zip, f.getKey(), f.getValue(), generatedAt);
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Written(out, trail.size(), contents.size(), withContent, letters.size(),
                NoticeContent.sha256(manifestBytes), notes);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, Instant at) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(at.toEpochMilli());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** What the timeline prints of a message: the text; an e-mail's subject and text part; a PDF not at all. */
    static String readable(String mediaType, byte[] plain) {
        if (mediaType.equals("application/pdf")) {
            return "(PDF, " + plain.length + " bytes: see the file)";
        }
        if (mediaType.equals("message/rfc822")) {
            try {
                MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(plain));
                StringBuilder b = new StringBuilder("Subject: ").append(mime.getSubject()).append('\n');
                String date = mime.getHeader("Date", null);
                if (date != null) {
                    b.append("Date: ").append(date).append('\n');
                }
                b.append('\n').append(MailText.of(mime));
                return b.toString();
            } catch (jakarta.mail.MessagingException | IOException e) {
                return "(e-mail that cannot be read: " + e.getClass().getSimpleName() + "; see the file)";
            }
        }
        return new String(plain, StandardCharsets.UTF_8);
    }
}
