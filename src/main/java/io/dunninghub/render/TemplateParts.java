package io.dunninghub.render;

import java.util.List;

/**
 * The template files a channel's message is made of: {@code <template>.sms.ftl}; a push title and body; an
 * e-mail subject, text, optional HTML and optional PDF attachment; a letter; and for any other channel (call
 * scripts, agency summaries, integrators' chat apps) a text and an optional title.
 */
final class TemplateParts {

    /** Which field of {@link RenderedMessage} a part fills. */
    enum Role { SUBJECT, TEXT, HTML, ATTACHMENT }

    record Part(String suffix, Role role, boolean required) {
        String file(String template) {
            return template + "." + suffix + ".ftl";
        }
    }

    private TemplateParts() {
    }

    /** The parts of a channel's message; the first is the one whose presence says the template exists. */
    static List<Part> of(String channel) {
        return switch (channel) {
            case "sms" -> List.of(new Part("sms", Role.TEXT, true));
            case "push" -> List.of(new Part("push.title", Role.SUBJECT, true), new Part("push.body", Role.TEXT, true));
            case "email" -> List.of(new Part("email.subject", Role.SUBJECT, true),
                    new Part("email.txt", Role.TEXT, true), new Part("email.html", Role.HTML, false),
                    new Part("email.attachment", Role.ATTACHMENT, false));
            case "letter" -> List.of(new Part("letter", Role.TEXT, true));
            default -> List.of(new Part(channel, Role.TEXT, true), new Part(channel + ".title", Role.SUBJECT, false));
        };
    }
}
