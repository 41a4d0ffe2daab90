package io.dunninghub.scan;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A daily file drop as installment rows for {@code direct:installments}: a CSV file whose first line names the
 * columns (the scan's canonical names, or labels mapped with {@code hub.scan.column.<name>}), read with Apache
 * Commons CSV (RFC 4180 quoting). Rows are streamed, not loaded: the file may hold millions. A byte-order mark (a
 * spreadsheet's export) is dropped. A record with fewer values than the header lacks those columns, so the hub
 * refuses it (MISSING_VALUE) when one it needs is among them; a file that is not CSV at all (an unterminated quote)
 * fails the pass, and the file consumer keeps the file.
 */
public final class CsvRows {

    /** The bean's name in the routes' registry ({@code bean: { ref: installmentCsv, method: rows }}). */
    public static final String BEAN = "installmentCsv";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setTrim(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).get();

    /** The rows of a comma-separated file; read as the planner reads them. */
    public Iterator<Map<String, String>> rows(Reader csv) throws IOException {
        return delimited(csv, ",");
    }

    /**
     * As {@link #rows(Reader)}, with another one-character delimiter (";" in many European exports, "\t"):
     * {@code method: "delimited(${body}, ';')"}.
     */
    public Iterator<Map<String, String>> delimited(Reader csv, String delimiter) throws IOException {
        PushbackReader in = new PushbackReader(csv, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        CSVParser parser = CSVParser.builder().setReader(in)
                .setFormat(FORMAT.builder().setDelimiter(delimiter).get()).get();
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw new IllegalArgumentException("the file is not readable as CSV: " + e.getMessage(), e);
                }
            }

            @Override
            public Map<String, String> next() {
                return records.next().toMap();
            }
        };
    }
}
