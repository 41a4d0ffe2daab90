package io.dunninghub.common;

/**
 * Masks personal data before it reaches a log line, an event row or an error detail.
 * Keeps just enough to recognise a value when talking to the borrower, never enough to use it.
 */
public final class Mask {

    private Mask() {
    }

    /**
     * A value up to its first control character: what follows a CR/LF (a forged header or log line) is never
     * shown, masked or not.
     */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return value.substring(0, i) + "…";
            }
        }
        return value;
    }

    /** {@code +8613800138000} → {@code +86*******8000}; short or null values are fully masked. */
    public static String phone(String phone) {
        phone = clean(phone);
        if (phone == null || phone.isBlank()) {
            return "-";
        }
        String p = phone.strip();
        if (p.length() <= 6) {
            return "*".repeat(p.length());
        }
        int keepHead = p.startsWith("+") ? 3 : 2;
        return p.substring(0, keepHead) + "*".repeat(p.length() - keepHead - 4) + p.substring(p.length() - 4);
    }

    /** {@code zhang.wei@example.com} → {@code z***@example.com}. */
    public static String email(String email) {
        email = clean(email);
        if (email == null || email.isBlank()) {
            return "-";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** Names: first character only, {@code 张伟} → {@code 张*}, {@code John Smith} → {@code J*********}. */
    public static String name(String name) {
        name = clean(name);
        if (name == null || name.isBlank()) {
            return "-";
        }
        String n = name.strip();
        return n.charAt(0) + "*".repeat(Math.max(1, n.length() - 1));
    }

    /** Any other identifier or address: keeps the last four characters. */
    public static String tail(String value) {
        value = clean(value);
        if (value == null || value.isBlank()) {
            return "-";
        }
        String v = value.strip();
        if (v.length() <= 4) {
            return "****";
        }
        return "****" + v.substring(v.length() - 4);
    }

    /** Masks a recipient according to its channel's address kind. */
    public static String recipient(String channel, String address) {
        address = clean(address);
        if (address == null) {
            return "-";
        }
        if (address.contains("@")) {
            return email(address);
        }
        if ("sms".equals(channel) || "call".equals(channel) || address.matches("\\+?[0-9 ()-]{6,}")) {
            return phone(address);
        }
        return tail(address);
    }
}
