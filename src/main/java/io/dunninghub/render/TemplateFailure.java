package io.dunninghub.render;

/** A template could not be rendered for one notice; fails that notice with {@link #reasonCode()}. */
public class TemplateFailure extends Exception {
    private final String reasonCode;

    public TemplateFailure(String reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /** TEMPLATE_ERROR (bad or missing variable, syntax) or TEMPLATE_MISSING (no file for template/channel/locale). */
    public String reasonCode() {
        return reasonCode;
    }
}
