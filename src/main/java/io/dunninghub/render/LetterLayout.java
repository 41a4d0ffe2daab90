package io.dunninghub.render;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What goes where on a letter: the envelope window shows only the lender's return address and the borrower's
 * name and address; the date is written out in the letter's locale; the rendered text is the body.
 */
final class LetterLayout {

    private LetterLayout() {
    }

    static LetterPdfWriter.Letter letter(TemplateModel model, String locale, String text) throws TemplateFailure {
        List<String> from = new ArrayList<>();
        from.add(required(model.lender().name(), "lender.name"));
        from.addAll(required(model.lender().address(), "lender.address").lines().toList());
        List<String> to = new ArrayList<>();
        to.add(required(model.borrower().name(), "borrower.name"));
        if (model.borrower().address() != null) {
            to.addAll(model.borrower().address().lines().toList());
        }
        String date = required(model.notice().date(), "notice.date");
        try {
            date = LocalDate.parse(date).format(
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(locale)));
        } catch (DateTimeParseException e) {
            throw new TemplateFailure("TEMPLATE_ERROR", "letter: notice.date is not yyyy-MM-dd", null);
        }
        return new LetterPdfWriter.Letter(from, to, date, text);
    }

    private static String required(String value, String path) throws TemplateFailure {
        if (value == null || value.isBlank()) {
            throw new TemplateFailure("TEMPLATE_ERROR", "letter address block needs " + path, null);
        }
        return value;
    }
}
