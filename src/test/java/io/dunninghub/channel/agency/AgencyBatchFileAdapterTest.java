package io.dunninghub.channel.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.DeliveryResult.Outcome;
import io.dunninghub.channel.Messages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agency's daily batch file: whole lines, once per notice, even across restarts and threads. */
class AgencyBatchFileAdapterTest {

    @TempDir
    Path dir;

    private AgencyBatchFileAdapter adapter(String format) {
        return new AgencyBatchFileAdapter(Messages.settings("agency-batch", "agency", "agency-file",
                Map.of("dir", dir.toString(), "format", format)));
    }

    @Test
    void appendsOneJsonLinePerCaseToTheFileOfTheNoticeDate() throws Exception {
        AgencyBatchFileAdapter a = adapter("jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<DeliveryResult>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "N-" + i;
            results.add(pool.submit(() -> a.send(Messages.agency(id, "+8613800138000", "逾期35天"))));
        }
        for (Future<DeliveryResult> f : results) {
            assertThat(f.get().outcome()).isEqualTo(Outcome.SENT);
        }
        pool.shutdown();
        // the sample model's notice date is 2026-11-23
        Path file = dir.resolve("cases-2026-11-23.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(40);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            assertThat(n.get("caseId").asText()).startsWith("N-");
            assertThat(n.get("amountDue").decimalValue()).isEqualByComparingTo("1234.50");
            assertThat(n.get("phone").asText()).isEqualTo("+8613800138000");
        }
        assertThat(lines.stream().map(l -> l.substring(0, 20)).distinct()).hasSize(40);
    }

    @Test
    void aNoticeAlreadyInTheFileIsNotWrittenAgainEvenAfterARestart() throws Exception {
        DeliveryResult first = adapter("jsonl").send(Messages.agency("N-1", "+8613800138000", "x"));
        adapter("jsonl").send(Messages.agency("N-2", "+8613800138000", "x"));
        // a new adapter (a restarted hub) gets the same notice again: the line is there already
        DeliveryResult again = adapter("jsonl").send(Messages.agency("N-1", "+8613800138000", "x"));
        assertThat(again.outcome()).isEqualTo(Outcome.SENT);
        assertThat(again.providerMessageId()).isEqualTo(first.providerMessageId()).isEqualTo("cases-2026-11-23.jsonl:1");
        assertThat(Files.readAllLines(dir.resolve("cases-2026-11-23.jsonl"))).hasSize(2);
    }

    @Test
    void csvHasAHeaderAndQuotesFieldsWithCommasAndQuotes() throws Exception {
        AgencyBatchFileAdapter a = adapter("csv");
        a.send(Messages.agency("N-1", "+8613800138000", "逾期，\"请\"跟进, urgent"));
        a.send(Messages.agency("N-2", "+8613800138001", "plain"));
        List<String> lines = Files.readAllLines(dir.resolve("cases-2026-11-23.csv"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("caseId,borrowerId,name,phone,email,address,timeZone,loanId");
        assertThat(lines.get(1)).startsWith("N-1,B00042,").endsWith(",\"逾期，\"\"请\"\"跟进, urgent\"");
        assertThat(lines.get(2)).startsWith("N-2,").endsWith(",plain");
        // reopened: the header is not written twice and N-2 is known
        adapter("csv").send(Messages.agency("N-2", "+8613800138001", "plain"));
        assertThat(Files.readAllLines(dir.resolve("cases-2026-11-23.csv"))).hasSize(3);
    }

    @Test
    void anUnwritableFolderIsTransient() throws Exception {
        Path notADir = Files.writeString(dir.resolve("blocked"), "a file where the folder should be");
        AgencyBatchFileAdapter a = new AgencyBatchFileAdapter(Messages.settings("agency-batch", "agency", "agency-file",
                Map.of("dir", notADir.toString())));
        DeliveryResult r = a.send(Messages.agency("N-1", "+8613800138000", "x"));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(r.reasonCode()).isEqualTo("IO_ERROR");
    }
}
