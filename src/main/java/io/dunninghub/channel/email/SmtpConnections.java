package io.dunninghub.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.OutputStream;

import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kept-open SMTP connections to one relay, shared by the dispatch threads: a thread takes an idle connection
 * (or opens one), sends one message on it and puts it back. Opening a connection costs the greeting, EHLO,
 * STARTTLS and AUTH round trips; the benchmark showed that as most of the time spent sending e-mail.
 *
 * <p>A connection is put back only after a message was accepted on it, and closed after any failure. One
 * idle for longer than {@code idleCheckMillis} is checked with NOOP before use (relays close idle clients).
 * A kept-open connection that fails before DATA (the relay closed it, or answered 421 "closing channel")
 * cannot have delivered the message, so that message is sent once more on a fresh connection. A failure
 * from DATA on is reported as it is, because the relay may have taken the mail.
 */
final class SmtpConnections implements AutoCloseable {

    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final int maxMessagesPerConnection;
    private final long idleCheckMillis;
    private final ConcurrentLinkedDeque<Pooled> idle = new ConcurrentLinkedDeque<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    SmtpConnections(Properties properties, String protocol, String host, int port, String username, String password,
                    int maxMessagesPerConnection, long idleCheckMillis) {
        this.session = Session.getInstance(properties);
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.maxMessagesPerConnection = maxMessagesPerConnection;
        this.idleCheckMillis = idleCheckMillis;
    }

    /** Sends the message to its recipients. */
    void send(MimeMessage message) throws MessagingException {
        Pooled c = take();
        try {
            c.transport.dataStarted = false;
            c.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            c.close();
            if (!c.reused() || c.transport.dataStarted || !connectionGone(e)) {
                throw e;
            }
            c = open();
            try {
                c.transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException again) {
                c.close();
                throw again;
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        c.sent++;
        giveBack(c);
    }

    /** Connections opened so far (the relay's greeting each). */
    long opened() {
        return opened.get();
    }

    private Pooled take() throws MessagingException {
        for (Pooled c; (c = idle.pollFirst()) != null; ) {
            // isConnected() sends NOOP and closes the connection when the relay does not answer 250
            if (System.nanoTime() - c.idleSince < idleCheckMillis * 1_000_000L || c.transport.isConnected()) {
                return c;
            }
            c.close();
        }
        return open();
    }

    private Pooled open() throws MessagingException {
        TrackingTransport t = new TrackingTransport(session, protocol);
        t.connect(host, port, username, password);
        opened.incrementAndGet();
        return new Pooled(t);
    }

    private void giveBack(Pooled c) {
        if (closed || (maxMessagesPerConnection > 0 && c.sent >= maxMessagesPerConnection)) {
            c.close();
            return;
        }
        c.idleSince = System.nanoTime();
        idle.offerFirst(c); // most recently used first: the others idle out and get checked or closed
        if (closed && idle.remove(c)) {
            c.close();
        }
    }

    /**
     * No reply refused the message (a 4xx/5xx other than 421 "closing channel" would refuse it on any connection):
     * the connection broke or was closed.
     */
    static boolean connectionGone(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int code = t instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : t instanceof SMTPAddressFailedException f ? f.getReturnCode()
                    : t instanceof SMTPSenderFailedException f ? f.getReturnCode() : -1;
            if (code >= 400 && code < 600 && code != 421) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        for (Pooled c; (c = idle.pollFirst()) != null; ) {
            c.close();
        }
    }

    /** Notes whether DATA was begun, the point from which the relay may hold the message. */
    static final class TrackingTransport extends SMTPTransport {
        volatile boolean dataStarted;

        TrackingTransport(Session session, String protocol) {
            super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
        }

        @Override
        protected OutputStream data() throws MessagingException {
            dataStarted = true;
            return super.data();
        }
    }

    private static final class Pooled {
        final TrackingTransport transport;
        int sent;
        long idleSince = System.nanoTime();

        Pooled(TrackingTransport transport) {
            this.transport = transport;
        }

        boolean reused() {
            return sent > 0;
        }

        void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the connection is gone either way
            }
        }
    }
}
