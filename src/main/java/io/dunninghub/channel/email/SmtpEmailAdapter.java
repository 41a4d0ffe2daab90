package io.dunninghub.channel.email;

import java.util.Set;
import java.util.List;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.common.Mask;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail through an SMTP relay, sent with Jakarta Mail over kept-open connections ({@link SmtpConnections}).
 * The message is built here ({@link NoticeMimeBuilder}) and sent as it is, keeping its Message-ID, which is
 * the provider message id.
 *
 * <p>One recipient per message, so a 4xx/5xx reply always belongs to this notice's recipient.
 * A reply lost after DATA (TIMEOUT, CONNECTION_LOST) may still mean the relay took the mail: SMTP has
 * no idempotency, but the stable Message-ID lets the mailbox side recognise a repeat.
 */
public final class SmtpEmailAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("smtp", Set.of("email"),
            "An SMTP relay through Jakarta Mail over kept-open connections: one recipient per message, "
                    + "multipart/alternative text + HTML in UTF-8, the PDF attachment when the template has one, "
                    + "Message-ID <noticeId@message-id-domain>. 4xx replies are transient, 5xx permanent; a 5xx with "
                    + "an enhanced status 5.7.x is a policy refusal (SMTP_POLICY), not a bad address.",
            List.of(
                    AdapterOption.of("host", AdapterOption.Type.TEXT, "").required(),
                    AdapterOption.of("port", AdapterOption.Type.POSITIVE_INTEGER, "").required(),
                    AdapterOption.of("from", AdapterOption.Type.TEXT, "the sender address").required(),
                    AdapterOption.of("from-name", AdapterOption.Type.TEXT, "UTF-8 display name"),
                    AdapterOption.choice("protocol", "smtp", List.of("smtp", "smtps"), "smtps for implicit TLS (465)"),
                    AdapterOption.of("starttls", AdapterOption.Type.BOOLEAN, "true requires STARTTLS").defaultsTo("false"),
                    AdapterOption.of("username", AdapterOption.Type.TEXT, ""),
                    AdapterOption.of("password", AdapterOption.Type.SECRET, ""),
                    AdapterOption.of("connection-timeout-ms", AdapterOption.Type.POSITIVE_INTEGER, "").defaultsTo("5000"),
                    AdapterOption.of("timeout-ms", AdapterOption.Type.POSITIVE_INTEGER, "").defaultsTo("30000"),
                    AdapterOption.of("message-id-domain", AdapterOption.Type.TEXT, "").defaultsTo("dunning-hub.local"),
                    NoticeMimeBuilder.replyToOption(),
                    AdapterOption.of("max-messages-per-connection", AdapterOption.Type.COUNT, "then the connection is "
                            + "closed and a new one opened; 0: no limit").defaultsTo("1000"),
                    AdapterOption.of("idle-check-ms", AdapterOption.Type.POSITIVE_INTEGER, "a connection idle for "
                            + "longer is checked with NOOP before use").defaultsTo("5000")),
            AdapterType.CrossCheck.NONE, (s, camel) -> new SmtpEmailAdapter(s, ListUnsubscribe.from(camel)));

    private static final Logger LOG = LoggerFactory.getLogger(SmtpEmailAdapter.class);
    private static final Pattern EMAIL_LIKE = Pattern.compile("[^\\s<>()\\[\\],;:\"']+@[^\\s<>()\\[\\],;:\"']+");

    private final String name;
    private final NoticeMimeBuilder builder;
    private final SmtpConnections connections;

    /** The Camel context is not used: kept so every adapter is built the same way. */
    public SmtpEmailAdapter(ProviderSettings s) {
        this(s, ListUnsubscribe.NONE);
    }

    /** @param unsubscribe the List-Unsubscribe header of every e-mail */
    public SmtpEmailAdapter(ProviderSettings s, ListUnsubscribe unsubscribe) {
        this.name = s.name();
        this.builder = NoticeMimeBuilder.of(s, unsubscribe);
        String protocol = protocol(s);
        this.connections = new SmtpConnections(sessionProperties(s), protocol, s.option("host"),
                s.intOption("port", 25), s.option("username"), s.option("password"),
                s.intOption("max-messages-per-connection", 1000), s.intOption("idle-check-ms", 5_000));
    }

    private static String protocol(ProviderSettings s) {
        String protocol = s.option("protocol", "smtp").toLowerCase();
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new IllegalArgumentException("provider " + s.name() + ": option protocol must be smtp or smtps, not " + protocol);
        }
        return protocol;
    }

    /** Jakarta Mail session properties for the relay; credentials are passed on connect, never put here. */
    static Properties sessionProperties(ProviderSettings s) {
        String protocol = protocol(s);
        String p = "mail." + protocol + ".";
        Properties q = new Properties();
        q.setProperty(p + "host", s.option("host"));
        q.setProperty(p + "port", String.valueOf(s.intOption("port", 25)));
        q.setProperty(p + "connectiontimeout", String.valueOf(s.intOption("connection-timeout-ms", 5_000)));
        q.setProperty(p + "timeout", String.valueOf(s.intOption("timeout-ms", 30_000)));
        q.setProperty(p + "writetimeout", String.valueOf(s.intOption("timeout-ms", 30_000)));
        if (s.option("username") != null) {
            q.setProperty(p + "auth", "true");
        }
        // Without TCP_NODELAY the final "." of DATA waited for the relay's delayed ACK of the message's last
        // segment: some 40 ms per e-mail, most of the time spent sending e-mail in the benchmark.
        if (protocol.equals("smtps")) {
            q.put("mail.smtps.ssl.socketFactory", new NoDelaySockets(SSLSocketFactory.getDefault()));
        } else {
            q.put("mail.smtp.socketFactory", new NoDelaySockets(SocketFactory.getDefault()));
        }
        if (s.boolOption("starttls", false)) {
            // required: never fall back to sending credentials and notices in clear text
            q.setProperty("mail.smtp.starttls.enable", "true");
            q.setProperty("mail.smtp.starttls.required", "true");
        }
        return q;
    }

    /** Sockets with TCP_NODELAY: each SMTP command and the end of DATA go out at once. */
    static final class NoDelaySockets extends SocketFactory {
        private final SocketFactory sockets;

        NoDelaySockets(SocketFactory sockets) {
            this.sockets = sockets;
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(sockets.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(sockets.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(sockets.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(sockets.createSocket(address, port, localAddress, localPort));
        }
    }

    /** Connections opened to the relay so far. */
    public long connectionsOpened() {
        return connections.opened();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        MimeMessage mime;
        try {
            mime = builder.build(m);
        } catch (AddressException e) {
            LOG.info("{}: notice {} not sent to {}: invalid address", name, m.noticeId(), Mask.email(m.recipient()));
            return DeliveryResult.failed(name, "INVALID_RECIPIENT", "not a valid e-mail address");
        } catch (MessagingException e) {
            return DeliveryResult.failed(name, "BAD_MESSAGE", "cannot build the MIME message: " + e.getClass().getSimpleName());
        }
        Exception failure = null;
        try {
            connections.send(mime);
        } catch (MessagingException | RuntimeException e) {
            failure = e;
        }
        String messageId = builder.messageId(m.noticeId());
        if (failure == null) {
            LOG.debug("{}: notice {} to {} sent as {}", name, m.noticeId(), Mask.email(m.recipient()), messageId);
            return DeliveryResult.sent(name, messageId).withSentBytes(NoticeMimeBuilder.bytes(mime));
        }
        DeliveryResult result = classify(name, failure);
        LOG.warn("{}: notice {} to {}: {} {} ({})", name, m.noticeId(), Mask.email(m.recipient()),
                result.outcome(), result.reasonCode(), result.detail());
        return result.withSentBytes(NoticeMimeBuilder.bytes(mime));
    }

    /** SMTP reply classes (RFC 5321 §4.2.1): 4yz try again later, 5yz never; failures before any reply are transient. */
    public static DeliveryResult classify(String provider, Throwable failure) {
        Integer code = null;
        String reply = null;
        boolean auth = false, connect = false, timeout = false, io = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int rc = returnCode(t);
            if (code == null && rc >= 400 && rc < 600) {
                code = rc;
                reply = t.getMessage();
            }
            auth |= t instanceof AuthenticationFailedException;
            connect |= t instanceof MailConnectException || t instanceof ConnectException || t instanceof UnknownHostException;
            timeout |= t instanceof SocketTimeoutException;
            io |= t instanceof IOException;
        }
        if (code != null) {
            String detail = "SMTP " + code + ": " + redact(reply);
            if (code < 500) {
                return DeliveryResult.retry(provider, "SMTP_" + code, detail, null);
            }
            // 5.7.x (RFC 3463: security or policy status), e.g. 550 5.7.26 an unauthenticated sender: the lender's
            // mail set-up is refused, not the borrower's address
            Matcher enhanced = ENHANCED_STATUS.matcher(reply == null ? "" : reply);
            if (enhanced.find() && enhanced.group(1).equals("7")) {
                return DeliveryResult.failed(provider, "SMTP_POLICY", detail);
            }
            return DeliveryResult.failed(provider, "SMTP_" + code, detail);
        }
        if (auth) {
            // wrong credentials fail every notice the same way until ops fixes the config
            return DeliveryResult.failed(provider, "SMTP_AUTH_FAILED", "relay refused the credentials");
        }
        if (connect) {
            return DeliveryResult.retry(provider, "CONNECTION_ERROR", "cannot connect to the relay", null);
        }
        if (timeout) {
            return DeliveryResult.retry(provider, "TIMEOUT", "relay did not answer in time; the mail may have been accepted", null);
        }
        if (io) {
            return DeliveryResult.retry(provider, "CONNECTION_LOST", "connection to the relay lost; the mail may have been accepted", null);
        }
        return DeliveryResult.retry(provider, "SMTP_ERROR", failure.getClass().getSimpleName() + ": " + redact(failure.getMessage()), null);
    }

    /** An enhanced status code (RFC 3463) in a 5xx reply: 5.subject.detail. */
    private static final Pattern ENHANCED_STATUS = Pattern.compile("(?<![\\d.])5\\.(\\d{1,3})\\.\\d{1,3}(?![\\d.])");

    private static int returnCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    /** Server replies quote the address ("550 5.1.1 <zhang@example.com>: unknown"): mask it. */
    static String redact(String text) {
        if (text == null) {
            return "";
        }
        String firstLine = text.strip().lines().findFirst().orElse("");
        Matcher m = EMAIL_LIKE.matcher(firstLine);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Mask.email(m.group())));
        }
        m.appendTail(out);
        String s = out.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() {
        connections.close();
    }
}
