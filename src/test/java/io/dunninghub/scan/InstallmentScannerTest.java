package io.dunninghub.scan;

import io.dunninghub.support.Slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dunninghub.support.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scan against an integrator's own schema on real PostgreSQL: mapped column names, streamed in chunks. */
@Slow
class InstallmentScannerTest {

    static DataSource core;
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    static final String SQL = """
            SELECT inst_no AS id_cuota, contrato, cliente, fecha_venc, saldo, moneda
            FROM cuotas WHERE fecha_venc < :asOf AND saldo > 0 ORDER BY inst_no""";
    static final ColumnMapping MAPPING = new ColumnMapping(Map.of("installment_id", "id_cuota", "loan_id", "contrato",
            "borrower_id", "cliente", "due_date", "fecha_venc", "amount_due", "saldo", "currency", "moneda"));

    @BeforeAll
    static void lenderSchema() throws SQLException {
        core = Postgres.dataSource(Postgres.newDatabase("core"));
        try (Connection c = core.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cuotas (inst_no VARCHAR(20) PRIMARY KEY, contrato VARCHAR(20), cliente VARCHAR(20), "
                    + "fecha_venc DATE, saldo NUMERIC(12,2), moneda VARCHAR(3))");
            // 25,000 rows: 20,000 overdue and unpaid, 2,500 paid, 2,500 not yet due.
            s.execute("INSERT INTO cuotas SELECT 'C' || lpad(g::text, 6, '0'), 'K' || (g % 5000), 'P' || (g % 3000), "
                    + "DATE '2026-11-23' - (CASE WHEN g % 10 = 0 THEN -5 ELSE 1 + g % 40 END), "
                    + "CASE WHEN g % 10 = 5 THEN 0 ELSE 100 + g % 900 END, 'CNY' FROM generate_series(1, 25000) g");
            s.execute("INSERT INTO cuotas VALUES ('Z-NULL', 'K0', 'P0', NULL, 10, 'CNY')");
        }
    }

    @Test
    void streamsEveryMatchingRowInBoundedChunksThroughTheMapping() throws SQLException {
        InstallmentScanner scanner = new InstallmentScanner(core, SQL, "SELECT 1", MAPPING, 500, 0);
        List<Integer> chunkSizes = new ArrayList<>();
        List<Installment> sample = new ArrayList<>();
        InstallmentScanner.ScanStats stats = scanner.scan(AS_OF, 1000, chunk -> {
            chunkSizes.add(chunk.size());
            if (sample.isEmpty()) {
                sample.add(chunk.get(0));
            }
        });
        assertThat(stats.rows()).isEqualTo(20_000);
        assertThat(stats.badRows()).isZero(); // the NULL due date is filtered by the SQL itself
        assertThat(chunkSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1000));
        assertThat(chunkSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20_000);
        Installment first = sample.get(0);
        assertThat(first.installmentId()).isEqualTo("C000001");
        assertThat(first.loanId()).isEqualTo("K1");
        assertThat(first.borrowerId()).isEqualTo("P1");
        assertThat(first.dueDate()).isEqualTo(AS_OF.minusDays(2));
        assertThat(first.amountDue()).isEqualByComparingTo("101.00");
        assertThat(first.currency()).isEqualTo("CNY");
        assertThat(first.principal()).isNull();
    }

    @Test
    void aChunkNeverSplitsABorrowerAndAScanThatScattersThemIsTold() throws SQLException {
        String byBorrower = SQL.replace("ORDER BY inst_no", "ORDER BY cliente, contrato, fecha_venc");
        InstallmentScanner ordered = new InstallmentScanner(core, byBorrower, "SELECT 1", MAPPING, 500, 0);
        Map<String, Integer> chunkOf = new java.util.HashMap<>();
        int[] n = {0};
        List<String> split = new ArrayList<>();
        InstallmentScanner.ScanStats stats = ordered.scan(AS_OF, 700, chunk -> {
            n[0]++;
            for (Installment i : chunk) {
                Integer before = chunkOf.putIfAbsent(i.borrowerId(), n[0]);
                if (before != null && before != n[0]) {
                    split.add(i.borrowerId());
                }
            }
        });
        assertThat(stats.rows()).isEqualTo(20_000);
        assertThat(n[0]).as("chunks").isGreaterThan(20);
        assertThat(split).as("borrowers whose installments landed in two chunks").isEmpty();
        assertThat(stats.unordered()).isFalse();

        // ordered by installment: a borrower's installments are scattered over the whole result
        InstallmentScanner scattered = new InstallmentScanner(core, SQL, "SELECT 1", MAPPING, 500, 0);
        assertThat(scattered.scan(AS_OF, 700, chunk -> { }).unordered()).isTrue();
    }

    @Test
    void aBadRowIsSkippedWithACountNotTheWholeScan() throws SQLException {
        String withNull = "SELECT inst_no AS id_cuota, contrato, cliente, fecha_venc, saldo FROM cuotas "
                + "WHERE inst_no IN ('C000001', 'Z-NULL', 'C000002')";
        InstallmentScanner scanner = new InstallmentScanner(core, withNull, "SELECT 1", MAPPING, 10, 0);
        List<Installment> read = new ArrayList<>();
        InstallmentScanner.ScanStats stats = scanner.scan(AS_OF, 10, read::addAll);
        assertThat(stats.rows()).isEqualTo(3);
        assertThat(stats.badRows()).isEqualTo(1);
        assertThat(read).extracting(Installment::installmentId).containsExactlyInAnyOrder("C000001", "C000002");
    }

    @Test
    void recheckReadsCurrentStateOfTheGivenInstallments() throws SQLException {
        String recheck = "SELECT inst_no AS id_cuota, contrato, cliente, fecha_venc, saldo FROM cuotas WHERE inst_no IN (:installmentIds)";
        InstallmentScanner scanner = new InstallmentScanner(core, SQL, recheck, MAPPING, 10, 0);
        Map<String, Installment> now = scanner.recheck(List.of("C000005", "C000006", "missing"));
        assertThat(now).containsOnlyKeys("C000005", "C000006");
        assertThat(now.get("C000005").isSettled()).isTrue();
        assertThat(now.get("C000006").isSettled()).isFalse();
    }

    @Test
    void aMissingRequiredColumnNamesTheConfiguredLabel() {
        InstallmentScanner scanner = new InstallmentScanner(core, "SELECT inst_no AS id_cuota FROM cuotas", "SELECT 1",
                MAPPING, 10, 0);
        assertThatThrownBy(() -> scanner.scan(AS_OF, 10, c -> { }))
                .hasMessageContaining("hub.scan.sql returns no column 'contrato'").hasMessageContaining("loan_id");
    }
}
