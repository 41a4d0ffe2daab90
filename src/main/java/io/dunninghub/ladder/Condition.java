package io.dunninghub.ladder;

import io.dunninghub.scan.Installment;
import java.math.BigDecimal;
import java.util.List;

/**
 * When a ladder or a step applies: products, segments, the amount overdue (at least {@code minAmount},
 * below {@code belowAmount}) and whether this is the borrower's first default or a repeat one. Empty or null
 * parts do not restrict.
 */
public record Condition(List<String> products, List<String> segments, BigDecimal minAmount, BigDecimal belowAmount,
                        DefaultKind defaultKind) {

    public static final Condition ALWAYS = new Condition(List.of(), List.of(), null, null, DefaultKind.ANY);

    /** First default (no earlier defaults on record), repeat default, or either. */
    public enum DefaultKind {
        ANY, FIRST, REPEAT;

        static DefaultKind parse(String text) {
            return switch (text) {
                case "first" -> FIRST;
                case "repeat" -> REPEAT;
                case "any" -> ANY;
                default -> throw new IllegalArgumentException("must be first, repeat or any, got '" + text + "'");
            };
        }
    }

    public Condition {
        products = List.copyOf(products);
        segments = List.copyOf(segments);
        defaultKind = defaultKind == null ? DefaultKind.ANY : defaultKind;
    }

    public boolean isAlways() {
        return products.isEmpty() && segments.isEmpty() && minAmount == null && belowAmount == null
                && defaultKind == DefaultKind.ANY;
    }

    public boolean matches(Installment i) {
        if (!products.isEmpty() && !products.contains(i.product())) {
            return false;
        }
        if (!segments.isEmpty() && !segments.contains(i.segment())) {
            return false;
        }
        BigDecimal amount = i.amountDue();
        if (minAmount != null && (amount == null || amount.compareTo(minAmount) < 0)) {
            return false;
        }
        if (belowAmount != null && (amount == null || amount.compareTo(belowAmount) >= 0)) {
            return false;
        }
        // Without the previous_defaults column neither kind matches: the data does not say which it is.
        return switch (defaultKind) {
            case ANY -> true;
            case FIRST -> i.previousDefaults() != null && i.previousDefaults() == 0;
            case REPEAT -> i.previousDefaults() != null && i.previousDefaults() > 0;
        };
    }

    /** True when no installment can match both: only then may two steps' day ranges overlap. */
    public boolean excludes(Condition other) {
        if (!products.isEmpty() && !other.products.isEmpty() && products.stream().noneMatch(other.products::contains)) {
            return true;
        }
        if (!segments.isEmpty() && !other.segments.isEmpty() && segments.stream().noneMatch(other.segments::contains)) {
            return true;
        }
        if (defaultKind != DefaultKind.ANY && other.defaultKind != DefaultKind.ANY && defaultKind != other.defaultKind) {
            return true;
        }
        // amount intervals [min, below) that do not meet
        return (belowAmount != null && other.minAmount != null && belowAmount.compareTo(other.minAmount) <= 0)
                || (other.belowAmount != null && minAmount != null && other.belowAmount.compareTo(minAmount) <= 0);
    }

    @Override
    public String toString() {
        if (isAlways()) {
            return "always";
        }
        StringBuilder b = new StringBuilder();
        if (!products.isEmpty()) {
            b.append("products ").append(products).append(' ');
        }
        if (!segments.isEmpty()) {
            b.append("segments ").append(segments).append(' ');
        }
        if (minAmount != null || belowAmount != null) {
            b.append("amount [").append(minAmount == null ? "" : minAmount.toPlainString()).append(", ")
                    .append(belowAmount == null ? "" : belowAmount.toPlainString()).append(") ");
        }
        if (defaultKind != DefaultKind.ANY) {
            b.append(defaultKind.name().toLowerCase(java.util.Locale.ROOT)).append(" default");
        }
        return b.toString().strip();
    }
}
