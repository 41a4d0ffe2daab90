package io.dunninghub.dispatch;

import io.dunninghub.render.RenderedMessage;
import io.dunninghub.render.TemplateFailure;
import io.dunninghub.render.TemplateModel;

/** Renders a notice's template for its channel and locale. */
@FunctionalInterface
public interface NoticeRenderer {
    RenderedMessage render(String template, String channel, String locale, TemplateModel model)
            throws TemplateFailure;
}
