package io.dunninghub.channel;

import io.dunninghub.render.TemplateModel;
import java.util.Map;

/** Outbound messages as the dispatcher builds them, with the sample template model attached. */
public final class Messages {

    private Messages() {
    }

    public static OutboundMessage of(String noticeId, String channel, String recipient, String subject, String text, byte[] pdf) {
        return message(noticeId, "I-77:formal:" + channel + ":borrower:0", channel, recipient, "张伟", "zh-CN",
                subject, text, null, pdf);
    }

    /** An agency case as dispatch hands it over: the borrower's phone on record, no call window. */
    public static OutboundMessage agency(String noticeId, String phone, String text) {
        OutboundMessage m = of(noticeId, "agency", phone, null, text, null);
        return new OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), m.recipientName(),
                m.locale(), m.subject(), m.text(), m.html(), m.pdf(), m.step(), m.template(), m.borrowerId(),
                m.installmentId(), m.model(), new Reach(phone, null, null, io.dunninghub.policy.CallWindow.NONE));
    }

    /** A rendered message of step {@code formal}, template {@code overdue_formal}, borrower B00042. */
    public static OutboundMessage message(String noticeId, String dedupeKey, String channel, String recipient,
                                          String recipientName, String locale, String subject, String text,
                                          String html, byte[] pdf) {
        return new OutboundMessage(noticeId, dedupeKey, channel, recipient, recipientName, locale, subject, text, html,
                pdf, "formal", "overdue_formal", "B00042", "INS-20260919-000381", TemplateModel.sample());
    }

    /** The same message rendered from another hub template (null: none named). */
    public static OutboundMessage withTemplate(OutboundMessage m, String template) {
        return new OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), m.recipientName(),
                m.locale(), m.subject(), m.text(), m.html(), m.pdf(), m.step(), template, m.borrowerId(),
                m.installmentId(), m.model());
    }

    /** The same message at another ladder step. */
    public static OutboundMessage atStep(OutboundMessage m, String step) {
        return new OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), m.recipientName(),
                m.locale(), m.subject(), m.text(), m.html(), m.pdf(), step, m.template(), m.borrowerId(),
                m.installmentId(), m.model());
    }

    /** The same message about another borrower. */
    public static OutboundMessage forBorrower(OutboundMessage m, String borrowerId) {
        return new OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), m.recipientName(),
                m.locale(), m.subject(), m.text(), m.html(), m.pdf(), m.step(), m.template(), borrowerId,
                m.installmentId(), m.model());
    }

    /** The same message to someone else by name. */
    public static OutboundMessage named(OutboundMessage m, String recipientName) {
        return new OutboundMessage(m.noticeId(), m.dedupeKey(), m.channel(), m.recipient(), recipientName,
                m.locale(), m.subject(), m.text(), m.html(), m.pdf(), m.step(), m.template(), m.borrowerId(),
                m.installmentId(), m.model());
    }

    public static ProviderSettings settings(String name, String channel, String adapter, Map<String, String> options) {
        return new ProviderSettings(name, channel, adapter, 0, true, options);
    }
}
