package io.dunninghub.channel.sms;

/**
 * How many SMS segments a text is billed as. GSM 03.38 text: 160 characters in one segment, 153 per segment
 * once concatenated (extension characters count 2). Anything else is UCS-2: 70, then 67 per segment. Chinese
 * carriers count the signature (【签名】, added by the provider) as part of the text, so callers pass it in.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    /** Segments for {@code signature + text}; signature may be null or empty. */
    public static int count(String signature, String text) {
        return count((signature == null ? "" : signature) + (text == null ? "" : text));
    }

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int septets = gsmSeptets(text);
        if (septets >= 0) {
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        // UCS-2 counts UTF-16 code units: a character outside the BMP (emoji) takes two
        int units = text.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }

    /** Whether the text fits the GSM 7-bit alphabet. */
    public static boolean isGsm7(String text) {
        return gsmSeptets(text) >= 0;
    }

    private static int gsmSeptets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                n++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                n += 2;
            } else {
                return -1;
            }
        }
        return n;
    }
}
