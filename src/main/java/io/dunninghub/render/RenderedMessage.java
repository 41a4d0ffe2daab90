package io.dunninghub.render;

/**
 * A notice rendered for its channel and locale.
 *
 * @param subject e-mail subject, push title or letter title
 * @param text    SMS text, e-mail text part, push body, letter text
 * @param html    e-mail HTML part (null for other channels)
 * @param pdf     letter PDF (null for other channels)
 */
public record RenderedMessage(String template, String channel, String locale,
                              String subject, String text, String html, byte[] pdf) {
}
