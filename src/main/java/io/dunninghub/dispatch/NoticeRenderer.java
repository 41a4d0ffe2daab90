package io.dunninghub.dispatch;

import io.dunninghub.render.RenderedMessage;
import io.dunninghub.render.TemplateFailure;
import java.util.Map;

/** Renders a notice's template for its channel and locale. */
@FunctionalInterface
public interface NoticeRenderer {
    RenderedMessage render(String template, String channel, String locale, Map<String, Object> model)
            throws TemplateFailure;
}
