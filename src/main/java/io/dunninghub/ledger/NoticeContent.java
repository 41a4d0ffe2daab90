package io.dunninghub.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a notice handed to a provider was: the SHA-256 of the exact bytes sent and their media type, the template it
 * was rendered from (name, locale, hash of its files), the hash of the configuration snapshot in force, and, when
 * the content is kept, the bytes sealed ({@link ContentKeys}). Travels with the notice's outcome and is written in
 * the same transaction ({@code notice_content}).
 *
 * @param attempt the attempt this was (1 for the first)
 * @param sealed  the bytes sealed, or null when only hashes are kept
 */
public record NoticeContent(int attempt, String mediaType, String contentSha256, int contentLength,
                            String template, String locale, String templateSha256, String configSha256,
                            ContentKeys.Sealed sealed) {

    /** Nothing kept (hub.evidence.content = none, or nothing was handed to a provider). */
    public static final NoticeContent NONE = new NoticeContent(0, null, null, 0, null, null, null, null, null);

    public boolean isKept() {
        return contentSha256 != null;
    }

    /** The file extension the content is written with in an evidence package. */
    public static String extension(String mediaType) {
        if (mediaType == null) {
            return ".bin";
        }
        if (mediaType.startsWith("text/plain")) {
            return ".txt";
        }
        return switch (mediaType) {
            case "message/rfc822" -> ".eml";
            case "application/pdf" -> ".pdf";
            case "application/json" -> ".json";
            default -> ".bin";
        };
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
