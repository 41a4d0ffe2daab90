package io.dunninghub.channel.email;

import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderSettings;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.UnsupportedEncodingException;
import java.util.Properties;

/**
 * Builds the MIME message of an e-mail notice: UTF-8 throughout, RFC 2047 subject and display names,
 * text and HTML as multipart/alternative, the letter PDF as attachment, a Message-ID derived from the
 * notice id. Shared by the SMTP adapter and the file outbox, so the demo writes what SMTP would send.
 */
public final class NoticeMimeBuilder {

    public static final String NOTICE_ID_HEADER = "X-Dunning-Notice-Id";

    static {
        // Jakarta Mail 2.1 finds its StreamProvider through ServiceLoader, scanning the class path, for every
        // body part it creates or writes unless the provider is named (jakartaee/mail-api#861): that scan
        // was most of the CPU of sending e-mail. Name Angus Mail's own provider, unless ops chose another.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final InternetAddress from;
    private final String messageIdDomain;
    private final InternetAddress replyTo;
    private final ListUnsubscribe unsubscribe;

    public NoticeMimeBuilder(String from, String fromName, String messageIdDomain) {
        this(from, fromName, messageIdDomain, null, ListUnsubscribe.NONE);
    }

    /**
     * @param replyTo     where a borrower's reply goes ({@code Reply-To}); null or blank = the From address
     * @param unsubscribe the {@code List-Unsubscribe} of every message
     */
    public NoticeMimeBuilder(String from, String fromName, String messageIdDomain, String replyTo,
                             ListUnsubscribe unsubscribe) {
        try {
            this.from = new InternetAddress(from, true);
            if (fromName != null && !fromName.isBlank()) {
                this.from.setPersonal(fromName, "UTF-8");
            }
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("invalid from address: " + e.getMessage(), e);
        }
        this.messageIdDomain = messageIdDomain == null || messageIdDomain.isBlank() ? "dunning-hub.local" : messageIdDomain;
        try {
            this.replyTo = replyTo == null || replyTo.isBlank() ? null : new InternetAddress(replyTo.strip(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid reply-to address: " + e.getMessage(), e);
        }
        this.unsubscribe = unsubscribe == null ? ListUnsubscribe.NONE : unsubscribe;
    }

    /** From the options {@code from} (default {@code noreply@dunning-hub.local}), {@code from-name}, {@code message-id-domain}. */
    public static NoticeMimeBuilder of(ProviderSettings s) {
        return of(s, ListUnsubscribe.NONE);
    }

    /** As {@link #of(ProviderSettings)}, with the option {@code reply-to} and the hub's unsubscribe header. */
    public static NoticeMimeBuilder of(ProviderSettings s, ListUnsubscribe unsubscribe) {
        return new NoticeMimeBuilder(s.option("from", "noreply@dunning-hub.local"), s.option("from-name"),
                s.option("message-id-domain"), s.option("reply-to"), unsubscribe);
    }

    /** The option every adapter that builds its MIME here takes. */
    public static AdapterOption replyToOption() {
        return AdapterOption.of("reply-to", AdapterOption.Type.TEXT, "Reply-To address (where a borrower's reply "
                + "goes: a mailbox someone reads); empty = replies go to from");
    }

    private static final java.util.regex.Pattern NOT_ID = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");
    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    /** {@code <noticeId@domain>}: lets bounces and replies be matched to the notice. */
    public String messageId(String noticeId) {
        return "<" + NOT_ID.matcher(noticeId).replaceAll("-") + "@" + messageIdDomain + ">";
    }

    /**
     * A UTF-8 text part, base64-encoded here in one go and kept as those bytes: JavaMail neither looks at the text
     * again to choose an encoding nor encodes it byte by byte when the message is written.
     */
    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        jakarta.mail.internet.InternetHeaders headers = new jakarta.mail.internet.InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", "base64");
        return new MimeBodyPart(headers, base64(text));
    }

    private static byte[] base64(String text) {
        return BASE64.encode(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code part.setContent(multipart)}, written without a look-up in the shared command map ({@link MultipartContent}). */
    private static void setMultipart(jakarta.mail.internet.MimePart part, MimeMultipart multipart) throws MessagingException {
        part.setDataHandler(new MultipartContent(multipart));
        multipart.setParent(part);
    }

    /**
     * A multipart body as a DataHandler that writes it directly. A plain DataHandler finds the writer for
     * {@code multipart/*} in the one default CommandMap, whose look-ups are synchronized: with dozens of dispatch
     * threads building e-mails at once they queued on that lock (and spun on it) for every message.
     */
    private static final class MultipartContent extends DataHandler {

        private final MimeMultipart multipart;

        MultipartContent(MimeMultipart multipart) {
            super(multipart, multipart.getContentType());
            this.multipart = multipart;
        }

        @Override
        public void writeTo(java.io.OutputStream os) throws java.io.IOException {
            try {
                multipart.writeTo(os);
            } catch (MessagingException e) {
                throw new java.io.IOException(e);
            }
        }
    }

    /**
     * A single, syntactically valid address; display names are set apart, never parsed from it.
     *
     * @throws AddressException for anything else
     */
    public static InternetAddress recipient(String address, String name) throws AddressException {
        if (address == null || address.isBlank()) {
            throw new AddressException("no e-mail address");
        }
        InternetAddress to = new InternetAddress(address.strip(), true);
        if (to.getPersonal() != null || to.isGroup() || !to.getAddress().contains("@")) {
            throw new AddressException("not a single plain e-mail address");
        }
        to.validate();
        if (name != null && !name.isBlank()) {
            try {
                to.setPersonal(name, "UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return to;
    }

    /**
     * @throws AddressException when the recipient is not a valid address
     */
    private static final java.time.format.DateTimeFormatter MAIL_DATE =
            java.time.format.DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", java.util.Locale.US);

    public MimeMessage build(OutboundMessage m) throws MessagingException {
        InternetAddress to = recipient(m.recipient(), m.recipientName());
        NoticeMessage mime = new NoticeMessage(SESSION, messageId(m.noticeId()));
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, to);
        if (m.subject() != null) {
            mime.setSubject(m.subject(), "UTF-8");
        }
        // RFC 5322 date; MimeMessage.setSentDate formats under one lock shared by every dispatch thread
        mime.setHeader("Date", MAIL_DATE.format(java.time.ZonedDateTime.now()));
        mime.setHeader(NOTICE_ID_HEADER, m.noticeId());
        // RFC 3834: out-of-office robots must not answer a reminder
        mime.setHeader("Auto-Submitted", "auto-generated");
        if (replyTo != null) {
            mime.setReplyTo(new InternetAddress[] {replyTo});
        }
        String unsubscribeHeader = unsubscribe.header(m.noticeId());
        if (unsubscribeHeader != null) {
            mime.setHeader("List-Unsubscribe", unsubscribeHeader);
            if (unsubscribe.hasLink()) {
                // RFC 8058: the mailbox provider POSTs this to the link; a plain GET only shows a page
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }

        String text = m.text() == null ? "" : m.text();
        MimeMultipart alternative = null;
        if (m.html() != null) {
            alternative = new MimeMultipart("alternative", textPart(text, "plain"), textPart(m.html(), "html"));
        }
        if (m.pdf() == null) {
            if (alternative == null) {
                mime.setBase64Text(text);
            } else {
                setMultipart(mime, alternative);
            }
        } else {
            MimeBodyPart content;
            if (alternative == null) {
                content = textPart(text, "plain");
            } else {
                content = new MimeBodyPart();
                setMultipart(content, alternative);
            }
            MimeBodyPart pdf = new MimeBodyPart();
            pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(m.pdf(), "application/pdf")));
            pdf.setFileName("notice-" + NOT_ID.matcher(m.noticeId()).replaceAll("-") + ".pdf");
            pdf.setDisposition(Part.ATTACHMENT);
            setMultipart(mime, new MimeMultipart("mixed", content, pdf));
        }
        mime.saveChanges();
        mime.encode();
        return mime;
    }

    /**
     * The message as it goes over the wire (after {@link #build}'s saveChanges the boundaries and headers are fixed,
     * so this is what the relay received); null when it cannot be written, which only loses the evidence copy.
     */
    public static byte[] bytes(MimeMessage mime) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            mime.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | java.io.IOException e) {
            return null;
        }
    }

    /**
     * JavaMail replaces Message-ID on every saveChanges(); this one keeps the notice's. Once built it is encoded
     * once ({@link #encode}) and written as those bytes in one call: through SMTP's dot-stuffing stream JavaMail
     * would write it byte by byte.
     */
    private static final class NoticeMessage extends MimeMessage {

        private final String messageId;
        private byte[] encoded;

        NoticeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }

        /** A text/plain body, base64-encoded once and kept as those bytes, as {@link #textPart} does for a part. */
        void setBase64Text(String text) throws MessagingException {
            setHeader("Content-Type", "text/plain; charset=UTF-8");
            setHeader("Content-Transfer-Encoding", "base64");
            content = base64(text);
        }

        void encode() throws MessagingException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
            try {
                super.writeTo(out, null);
            } catch (java.io.IOException e) {
                throw new MessagingException("could not encode the message", e);
            }
            encoded = out.toByteArray();
        }

        // changed after it was built: written the long way again
        @Override
        public synchronized void saveChanges() throws MessagingException {
            encoded = null;
            super.saveChanges();
        }

        @Override
        public void setHeader(String name, String value) throws MessagingException {
            encoded = null;
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) throws MessagingException {
            encoded = null;
            super.addHeader(name, value);
        }

        @Override
        public void removeHeader(String name) throws MessagingException {
            encoded = null;
            super.removeHeader(name);
        }

        @Override
        public void writeTo(java.io.OutputStream os, String[] ignoreList) throws java.io.IOException, MessagingException {
            // SMTP leaves out Bcc and Content-Length, which a notice never has
            boolean ignoresNothingWeHave = true;
            for (String h : ignoreList == null ? new String[0] : ignoreList) {
                ignoresNothingWeHave &= getHeader(h) == null;
            }
            if (encoded != null && ignoresNothingWeHave) {
                os.write(encoded);
                os.flush();
            } else {
                super.writeTo(os, ignoreList);
            }
        }
    }
}
