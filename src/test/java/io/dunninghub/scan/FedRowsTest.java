package io.dunninghub.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The route-fed source without Camel: rows as maps are read with the SQL scan's checks, a bad row is refused with its
 * reason code and the others go on, chunks keep a borrower's rows together, rows not yet due or settled are left out.
 */
class FedRowsTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    static final InstallmentRows READER = new InstallmentRows(new ColumnMapping(Map.of()));

    static Map<String, Object> row(String id, String borrower, Object due, Object amount) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("installment_id", id);
        r.put("loan_id", "L-" + borrower);
        r.put("borrower_id", borrower);
        r.put("due_date", due);
        r.put("amount_due", amount);
        return r;
    }

    static List<List<Installment>> chunks(Object body, int chunkSize, FedRows[] out) {
        FedRows rows = new FedRows(body, READER, 0);
        out[0] = rows;
        List<List<Installment>> chunks = new ArrayList<>();
        rows.scan(AS_OF, AS_OF.minusDays(1), chunkSize, chunks::add);
        return chunks;
    }

    @Test
    void readsEveryCanonicalColumnWhateverTheCaseAndTypeAndPassesTheRestToTemplates() throws Exception {
        Map<String, Object> r = new HashMap<>();
        r.put("INSTALLMENT_ID", "I1");
        r.put("Loan_Id", "L1");
        r.put("borrower_id", 42);
        r.put("due_date", java.sql.Date.valueOf("2026-11-02"));
        r.put("amount_due", "1234.50");
        r.put("principal", 1150.0);
        r.put("interest", new BigDecimal("62.30"));
        r.put("fees", 22);
        r.put("currency", "CNY");
        r.put("segment", "mass");
        r.put("installment_no", "3");
        r.put("previous_defaults", 0L);
        r.put("repayment_url", "https://pay.example/L1");
        r.put("note", null); // as a null column of the SQL scan: not passed on
        Installment i = READER.read(r);
        assertThat(i.installmentId()).isEqualTo("I1");
        assertThat(i.loanId()).isEqualTo("L1");
        assertThat(i.borrowerId()).isEqualTo("42");
        assertThat(i.dueDate()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(i.amountDue()).isEqualByComparingTo("1234.50");
        assertThat(i.principal()).isEqualByComparingTo("1150");
        assertThat(i.interest()).isEqualByComparingTo("62.30");
        assertThat(i.fees()).isEqualByComparingTo("22");
        assertThat(i.penalty()).isNull();
        assertThat(i.currency()).isEqualTo("CNY");
        assertThat(i.product()).isNull();
        assertThat(i.installmentNo()).isEqualTo(3);
        assertThat(i.previousDefaults()).isZero();
        assertThat(i.extra()).containsOnly(Map.entry("repayment_url", "https://pay.example/L1"));
        assertThat(READER.read(row("I2", "B", "2026-11-02", 1)).dueDate()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(READER.read(row("I3", "B", LocalDate.of(2026, 11, 3), 1)).dueDate()).isEqualTo(LocalDate.of(2026, 11, 3));
    }

    @Test
    void mappedColumnsAreReadByTheirLabel() throws Exception {
        InstallmentRows mapped = new InstallmentRows(new ColumnMapping(Map.of("due_date", "FECHA_VENC")));
        Map<String, Object> r = row("I1", "B1", null, "10");
        r.remove("due_date");
        r.put("fecha_venc", "2026-11-02");
        assertThat(mapped.read(r).dueDate()).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void aBadRowIsRefusedWithItsReasonAndTheOthersArePlanned() {
        Map<String, Object> noBorrower = row("I2", "B2", "2026-11-01", "10");
        noBorrower.remove("borrower_id");
        Map<String, Object> blankId = row(" ", "B3", "2026-11-01", "10");
        Map<String, Object> crlf = row("I4\r\nX", "B4", "2026-11-01", "10");
        Map<String, Object> badCount = row("I8", "B8", "2026-11-01", "10");
        badCount.put("installment_no", "third");
        List<Object> body = List.of(row("I1", "B1", "2026-11-01", "10"), noBorrower, blankId, crlf,
                row("I5", "B5", "1 Nov 2026", "10"), row("I6", "B6", "2026-11-01", "ten"), "I7", badCount,
                row("I9", "B9", "2026-11-01", "10"));
        FedRows[] rows = new FedRows[1];
        List<List<Installment>> chunks = chunks(body, 100, rows);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0)).extracting(Installment::installmentId).containsExactly("I1", "I9");
        assertThat(rows[0].refused()).containsOnly(
                Map.entry(InstallmentRows.Problem.MISSING_VALUE, 2L),
                Map.entry(InstallmentRows.Problem.CONTROL_CHARACTERS, 1L),
                Map.entry(InstallmentRows.Problem.BAD_DATE, 1L),
                Map.entry(InstallmentRows.Problem.BAD_NUMBER, 2L),
                Map.entry(InstallmentRows.Problem.NOT_A_ROW, 1L));
    }

    @Test
    void countsAreThoseOfTheScanAndRowsNotDueOrSettledAreLeftOut() {
        List<Object> body = List.of(row("I1", "B1", "2026-11-01", "10"), row("I2", "B1", "2026-11-20", "10"),
                row("I3", "B2", "2026-11-01", "0.00"), row("I4", "B2", "2026-11-01", "-5"), Map.of("x", 1));
        FedRows rows = new FedRows(body, READER, 0);
        List<Installment> seen = new ArrayList<>();
        InstallmentScanner.ScanStats stats = rows.scan(AS_OF, AS_OF.minusDays(1), 10, seen::addAll);
        assertThat(seen).extracting(Installment::installmentId).containsExactly("I1");
        assertThat(stats.rows()).isEqualTo(5);
        assertThat(stats.badRows()).isEqualTo(1);
        assertThat(stats.unordered()).isFalse();
    }

    @Test
    void chunksNeverSplitABorrowerAndAnIteratorIsStreamed() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String b : List.of("B1", "B1", "B1", "B2", "B3", "B3")) {
            list.add(row("I" + list.size(), b, "2026-11-01", "10"));
        }
        FedRows[] rows = new FedRows[1];
        List<List<Installment>> chunks = chunks(list.iterator(), 2, rows);
        assertThat(chunks).extracting(c -> c.stream().map(Installment::borrowerId).toList())
                .containsExactly(List.of("B1", "B1", "B1"), List.of("B2", "B3", "B3"));
    }

    @Test
    void aBorrowerWhoseRowsComeApartIsNoticed() {
        List<Map<String, Object>> list = List.of(row("I1", "B1", "2026-11-01", "10"), row("I2", "B2", "2026-11-01", "10"),
                row("I3", "B1", "2026-11-01", "10"));
        InstallmentScanner.ScanStats stats = new FedRows(list, READER, 0).scan(AS_OF, AS_OF.minusDays(1), 1, c -> { });
        assertThat(stats.unordered()).isTrue();
    }

    @Test
    void oneMapIsOneRowAndNothingIsNoRows() {
        List<Installment> seen = new ArrayList<>();
        new FedRows(row("I1", "B1", "2026-11-01", "10"), READER, 0).scan(AS_OF, AS_OF.minusDays(1), 10, seen::addAll);
        assertThat(seen).hasSize(1);
        assertThat(new FedRows(null, READER, 0).scan(AS_OF, AS_OF.minusDays(1), 10, c -> { }).rows()).isZero();
    }
}
