package io.dunninghub.web.console;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * The message as it was sent, per notice, where an evidence store keeps it: the rendered text (an SMS, a push, an
 * e-mail's text part, a call task's script) for the borrower timeline: {@link EvidenceSentContent} over the
 * evidence store; {@link #NONE} with {@code hub.evidence.content = none}, where the timeline says "content not
 * stored".
 */
@FunctionalInterface
public interface SentContent {

    /** The stored content of these notices, by notice id; a notice without stored content is absent. */
    Map<String, Stored> of(Collection<String> noticeIds) throws SQLException;

    /** One notice's content as stored: its subject (e-mail, letter, push title; may be null) and its text. */
    record Stored(String subject, String text, String mediaType) {
    }

    /** No evidence store: nothing is stored. */
    SentContent NONE = ids -> Map.of();
}
