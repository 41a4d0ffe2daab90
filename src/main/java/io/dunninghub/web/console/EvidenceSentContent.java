package io.dunninghub.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.evidence.MailText;
import io.dunninghub.ledger.ContentKeys;
import io.dunninghub.ledger.NoticeContents;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The message as sent, read from the evidence store ({@code notice_content}, {@code hub.evidence.content = full}):
 * the last attempt of each notice, opened with the configured keys and shown as a person reads it. A row that keeps
 * only hashes, or whose content was erased or does not open, says so instead of showing anything.
 */
public final class EvidenceSentContent implements SentContent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Session MAIL = Session.getInstance(new Properties());

    private final NoticeContents contents;
    private final ContentKeys keys;

    public EvidenceSentContent(NoticeContents contents, ContentKeys keys) {
        this.contents = contents;
        this.keys = keys;
    }

    @Override
    public Map<String, Stored> of(Collection<String> noticeIds) throws SQLException {
        Map<String, Stored> shown = new LinkedHashMap<>();
        contents.lastOf(noticeIds).forEach((id, row) -> shown.put(id, shown(row)));
        return shown;
    }

    Stored shown(NoticeContents.Stored row) {
        if (!row.hasContent()) {
            return new Stored(null, row.erasedAt() != null
                    ? "(content erased " + row.erasedAt().toInstant() + ", " + row.erasedReason() + "; SHA-256 "
                    + row.contentSha256() + ")"
                    : "(only hashes kept: SHA-256 " + row.contentSha256() + ")", row.mediaType());
        }
        byte[] plain;
        try {
            plain = row.open(keys);
        } catch (IllegalArgumentException e) {
            return new Stored(null, "(cannot open: " + e.getMessage() + ")", row.mediaType());
        }
        return readable(plain, row.mediaType());
    }

    /** Text as it was; an e-mail as its subject and text part; a push as its title and body; a PDF by its size. */
    static Stored readable(byte[] plain, String mediaType) {
        String type = mediaType == null ? "" : mediaType;
        try {
            if (type.startsWith("text/")) {
                return new Stored(null, new String(plain, StandardCharsets.UTF_8), type);
            }
            if (type.equals("message/rfc822")) {
                MimeMessage mime = new MimeMessage(MAIL, new ByteArrayInputStream(plain));
                String text = MailText.of(mime);
                return new Stored(mime.getSubject(), text.isEmpty() ? "(no text part)" : text, type);
            }
            if (type.equals("application/json")) {
                JsonNode parts = JSON.readTree(plain);
                String subject = first(parts, "title", "subject");
                String text = first(parts, "body", "text");
                return new Stored(subject, text == null ? parts.toString() : text, type);
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            return new Stored(null, "(" + type + " of " + plain.length + " bytes that cannot be read: "
                    + e.getMessage() + ")", type);
        }
        return new Stored(null, "(" + type + ", " + plain.length + " bytes: in the evidence package)", type);
    }

    private static String first(JsonNode parts, String... names) {
        for (String name : names) {
            JsonNode v = parts.get(name);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }
}
