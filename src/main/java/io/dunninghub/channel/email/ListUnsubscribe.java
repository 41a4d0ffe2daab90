package io.dunninghub.channel.email;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;

/**
 * The {@code List-Unsubscribe} header of every e-mail notice (RFC 2369) with one-click unsubscription (RFC 8058):
 * {@code <https://PUBLIC/unsubscribe/TOKEN>} when a public URL and a secret are set, {@code <mailto:ADDRESS?subject=...>}
 * when a mailbox is, and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} with the link. {@link #NONE} (no
 * header) when neither is configured. Bound in Camel's registry as {@link #BEAN}, where the e-mail adapters find it.
 *
 * @param publicUrl the hub's address as borrowers' mail clients reach it, blank = no link
 * @param tokens    signs the notice id into the link; null = no link
 * @param mailto    the unsubscribe mailbox, blank = no mailto
 */
public record ListUnsubscribe(String publicUrl, UnsubscribeToken tokens, String mailto) {

    /** The registry name the e-mail adapters look it up by. */
    public static final String BEAN = "listUnsubscribe";
    public static final String PATH = "/unsubscribe/";

    public static final ListUnsubscribe NONE = new ListUnsubscribe("", null, "");

    public ListUnsubscribe {
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        mailto = mailto == null ? "" : mailto.strip();
    }

    /** The one in the context's registry, or {@link #NONE} (adapters built without a running hub, in tests). */
    public static ListUnsubscribe from(CamelContext camel) {
        if (camel == null) {
            return NONE;
        }
        ListUnsubscribe found = camel.getRegistry().lookupByNameAndType(BEAN, ListUnsubscribe.class);
        return found == null ? NONE : found;
    }

    public boolean hasLink() {
        return !publicUrl.isEmpty() && tokens != null;
    }

    /** The https link of a notice's e-mail, or null. */
    public String link(String noticeId) {
        return hasLink() ? publicUrl + PATH + tokens.of(noticeId) : null;
    }

    /** The header's value for a notice, or null when there is nothing to put in it. */
    public String header(String noticeId) {
        List<String> uris = new ArrayList<>();
        if (hasLink()) {
            uris.add("<" + link(noticeId) + ">");
        }
        if (!mailto.isEmpty()) {
            String subject = tokens == null ? "unsubscribe" : "unsubscribe " + tokens.of(noticeId);
            uris.add("<mailto:" + mailto + "?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                    .replace("+", "%20") + ">");
        }
        return uris.isEmpty() ? null : String.join(", ", uris);
    }
}
