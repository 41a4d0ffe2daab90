package io.dunninghub.scan;

import io.dunninghub.common.CoreText;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installments a route handed to {@code direct:installments} for one planning pass: a list, any iterable or an
 * iterator of rows (maps of the scan's column names, see {@link InstallmentRows}), read once and in order. Rows are
 * checked, chunked and reported as the SQL scan's are: a bad row is skipped with its reason code and the rest go on;
 * rows due after {@code :dueBy} and settled rows ({@code amount_due <= 0}) are left out, as the shipped
 * {@code hub.scan.sql} leaves them out, so a route may hand over a whole extract.
 */
public final class FedRows implements InstallmentSource {

    private static final Logger LOG = LoggerFactory.getLogger(FedRows.class);

    private final Iterator<?> rows;
    private final InstallmentRows reader;
    private final long progressEvery;
    private final Map<InstallmentRows.Problem, Long> refused = new EnumMap<>(InstallmentRows.Problem.class);
    private boolean read;

    /**
     * @param body what the route sent: a {@code List}, another {@code Iterable}, an {@code Iterator} (camel-jdbc's
     *             {@code outputType=StreamList}) or a single map (one row)
     */
    public FedRows(Object body, InstallmentRows reader, long progressEvery) {
        this.rows = iterator(body);
        this.reader = reader;
        this.progressEvery = progressEvery;
    }

    /** The rows of a route's body: a list, another iterable, an iterator, an array, or one map alone. */
    public static Iterator<?> iterator(Object body) {
        if (body == null) {
            return List.of().iterator();
        }
        if (body instanceof Iterator<?> it) {
            return it;
        }
        if (body instanceof Iterable<?> it) {
            return it.iterator();
        }
        if (body instanceof Object[] array) {
            return List.of(array).iterator();
        }
        // one row on its own (a map), or something that is no row at all: refused as NOT_A_ROW when read
        return java.util.Collections.singletonList(body).iterator();
    }

    @Override
    public InstallmentScanner.ScanStats scan(LocalDate asOf, LocalDate dueBy, int chunkSize,
                                             Consumer<List<Installment>> onChunk) {
        if (read) {
            throw new IllegalStateException("the rows of this pass were read already");
        }
        read = true;
        ChunkedRows chunks = new ChunkedRows(chunkSize, progressEvery, onChunk, LOG, "the route feeding direct:installments",
                "sort the rows by borrower_id, loan_id, due_date");
        while (rows.hasNext()) {
            Object candidate = rows.next();
            long n = chunks.read();
            Installment row;
            try {
                row = reader.read(candidate);
            } catch (InstallmentRows.BadRow e) {
                chunks.bad();
                refused.merge(e.problem(), 1L, Long::sum);
                LOG.warn("scan: skipped row {} ({}): {}", n, safeId(candidate), e.getMessage());
                continue;
            }
            if (row.dueDate().isAfter(dueBy) || row.isSettled()) {
                continue;
            }
            chunks.add(row);
        }
        return chunks.finish();
    }

    /** The rows refused so far, by reason code. */
    public Map<InstallmentRows.Problem, Long> refused() {
        return Map.copyOf(refused);
    }

    private static String safeId(Object candidate) {
        if (candidate instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("installment_id".equalsIgnoreCase(String.valueOf(e.getKey()))) {
                    return "installment " + CoreText.escape(String.valueOf(e.getValue()));
                }
            }
        }
        return "installment ?";
    }
}
