package io.dunninghub.scan;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a planning pass reads its installments: the SQL scan of the core database ({@link InstallmentScanner}, the
 * default) or the rows a route hands to {@code direct:installments} ({@link FedRows}). Either one hands them on in
 * chunks that keep a borrower's rows together.
 */
public interface InstallmentSource {

    /**
     * Calls {@code onChunk} with up to {@code chunkSize} installments at a time (more only to keep a borrower's run
     * whole), for the business date {@code asOf}; {@code dueBy} is the latest due date a ladder step can concern.
     */
    InstallmentScanner.ScanStats scan(LocalDate asOf, LocalDate dueBy, int chunkSize,
                                      Consumer<List<Installment>> onChunk) throws SQLException;
}
