package io.dunninghub.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A daily CSV drop read as rows for direct:installments: header names, quoting, a byte-order mark, delimiters. */
class CsvRowsTest {

    static List<Map<String, String>> all(Iterator<Map<String, String>> it) {
        List<Map<String, String>> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void theHeaderNamesTheColumnsAndQuotedValuesKeepTheirCommas() throws Exception {
        List<Map<String, String>> rows = all(new CsvRows().rows(new StringReader("""
                \uFEFFinstallment_id,loan_id,borrower_id,due_date,amount_due,segment
                I1,L1,B1,2026-11-02,"1,234.50", mass\s

                I2,L1,B1,2026-12-02,12.00,
                """)));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("installment_id", "I1").containsEntry("amount_due", "1,234.50")
                .containsEntry("segment", "mass");
        assertThat(rows.get(1)).containsEntry("segment", "");
    }

    @Test
    void aShortRecordLacksItsLastColumnsAndIsRefusedForThem() throws Exception {
        List<Map<String, String>> rows = all(new CsvRows().rows(new StringReader("""
                installment_id,loan_id,borrower_id,due_date,amount_due
                I1,L1,B1
                """)));
        assertThat(rows.get(0)).doesNotContainKey("due_date");
        assertThatThrownBy(() -> new InstallmentRows(new ColumnMapping(Map.of())).read(rows.get(0)))
                .isInstanceOf(InstallmentRows.BadRow.class).hasMessageStartingWith("MISSING_VALUE");
    }

    @Test
    void anotherDelimiter() throws Exception {
        assertThat(all(new CsvRows().delimited(new StringReader("installment_id;amount_due\nI1;12,50\n"), ";")))
                .containsExactly(Map.of("installment_id", "I1", "amount_due", "12,50"));
    }

    @Test
    void aFileThatIsNotCsvFailsThePass() throws Exception {
        Iterator<Map<String, String>> rows = new CsvRows().rows(new StringReader("installment_id,amount_due\n\"I1,12\n"));
        assertThatThrownBy(() -> all(rows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not readable as CSV");
    }
}
