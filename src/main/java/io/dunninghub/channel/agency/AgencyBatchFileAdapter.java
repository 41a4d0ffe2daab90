package io.dunninghub.channel.agency;

import java.util.Set;
import io.dunninghub.channel.AdapterType;
import io.dunninghub.channel.AdapterOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;
import io.dunninghub.channel.ProviderAdapter;
import io.dunninghub.channel.ProviderSettings;
import io.dunninghub.channel.http.HttpJsonAdapter;
import io.dunninghub.channel.http.JsonTemplate;
import io.dunninghub.channel.http.MessageValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands cases to a collection agency as a daily batch file: one line per case appended to
 * {@code <dir>/<prefix>-<yyyy-MM-dd>.jsonl} (or {@code .csv} with a header), the day being the notice's
 * business date. Each line is written whole under a file lock and forced to disk before the notice counts as
 * SENT; a notice already in the file (sent before a crash, then reclaimed) is not written twice. The agency
 * collects yesterday's file; the lines hold personal data, so keep the folder private.
 */
public final class AgencyBatchFileAdapter implements ProviderAdapter {


    public static final AdapterType TYPE = new AdapterType("agency-file", Set.of("agency"),
            "A daily batch file for a collection agency: one line per case appended to <dir>/<file-prefix>-"
                    + "<yyyy-MM-dd>.jsonl (or .csv with a header row), the day being the notice's business date, "
                    + "written whole under a file lock and forced to disk before the notice is SENT (provider id "
                    + "<file>:<line>); a notice already in the file is not written twice. The line is the agency-http "
                    + "body. The file holds personal data: keep the folder private.",
            List.of(
                    AdapterOption.of("dir", AdapterOption.Type.TEXT, "").required(),
                    AdapterOption.choice("format", "jsonl", List.of("jsonl", "csv"), ""),
                    AdapterOption.of("file-prefix", AdapterOption.Type.TEXT, "").defaultsTo("cases"),
                    AdapterOption.of("zone", AdapterOption.Type.ZONE, "for notices without a date").defaultsTo("UTC"),
                    AdapterOption.of("body", AdapterOption.Type.JSON_OBJECT, "the line; its first field must stay the "
                            + "notice id").defaultsTo("the agency-http body")),
            AdapterType.CrossCheck.NONE, (s, camel) -> new AgencyBatchFileAdapter(s));

    private static final Logger LOG = LoggerFactory.getLogger(AgencyBatchFileAdapter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path dir;
    private final String prefix;
    private final boolean csv;
    private final JsonTemplate record;
    private final ZoneId zone;
    private final Clock clock;
    /** Per file: line number of each notice id already written, read from the file on first use. */
    private final Map<Path, Map<String, Integer>> written = new HashMap<>();

    public AgencyBatchFileAdapter(ProviderSettings s) {
        this(s, Clock.systemUTC());
    }

    AgencyBatchFileAdapter(ProviderSettings s, Clock clock) {
        this.name = s.name();
        this.dir = Path.of(s.option("dir"));
        this.prefix = s.option("file-prefix", "cases").replaceAll("[^A-Za-z0-9_-]", "_");
        this.csv = s.option("format", "jsonl").equalsIgnoreCase("csv");
        this.record = HttpJsonAdapter.template(s, HttpJsonAdapter.AGENCY);
        this.zone = ZoneId.of(s.option("zone", "UTC"));
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        JsonNode line;
        try {
            line = record.render(MessageValues.of(m, m.recipient(), null));
        } catch (JsonTemplate.MissingValue e) {
            return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "body: " + e.getMessage());
        }
        if (!line.isObject()) {
            return DeliveryResult.failed(name, "REQUEST_TEMPLATE_ERROR", "body must be a JSON object for a batch line");
        }
        Path file = dir.resolve(prefix + "-" + day(m) + (csv ? ".csv" : ".jsonl"));
        try {
            int lineNo = append(file, m.noticeId(), line);
            return DeliveryResult.sent(name, file.getFileName() + ":" + lineNo);
        } catch (IOException e) {
            LOG.warn("{}: notice {} not written: {}", name, m.noticeId(), e.getClass().getSimpleName());
            return DeliveryResult.retry(name, "IO_ERROR", "cannot append to the batch file: " + e.getClass().getSimpleName(), null);
        }
    }

    /** The notice's business date (the model's notice.date), else today in {@code zone}. */
    private String day(OutboundMessage m) {
        String d = m.model().notice().date();
        if (d != null && d.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return d;
        }
        return LocalDate.now(clock.withZone(zone)).toString();
    }

    private synchronized int append(Path file, String noticeId, JsonNode line) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock lock = ch.lock()) {
            Map<String, Integer> ids = written.computeIfAbsent(file, f -> new HashMap<>());
            if (ids.isEmpty() && ch.size() > 0) {
                index(file, ids);
            }
            Integer already = ids.get(noticeId);
            if (already != null) {
                return already;
            }
            StringBuilder text = new StringBuilder();
            if (csv && ch.size() == 0) {
                text.append(csvLine(fieldNames(line))).append("\r\n");
            }
            text.append(csv ? csvLine(values(line)) + "\r\n" : line.toString() + "\n");
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
            int lineNo = ids.size() + 1;
            ids.put(noticeId, lineNo);
            return lineNo;
        }
    }

    /** Notice ids already in the file, from another run of the hub: the first field of each line. */
    private void index(Path file, Map<String, Integer> ids) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = csv ? 1 : 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) {
                continue;
            }
            n++;
            String id;
            if (csv) {
                id = l.startsWith("\"") ? l.substring(1, Math.max(1, l.indexOf('"', 1))) : l.split(",", 2)[0];
            } else {
                JsonNode node = JSON.readTree(l);
                Iterator<JsonNode> values = node.elements();
                id = values.hasNext() ? values.next().asText() : "";
            }
            ids.put(id, n);
        }
    }

    private static List<String> fieldNames(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> values(JsonNode line) {
        List<String> values = new ArrayList<>();
        line.elements().forEachRemaining(v -> values.add(v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString()));
        return values;
    }

    /** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
    static String csvLine(List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            out.add(f.matches("(?s).*[\",\r\n].*") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return String.join(",", out);
    }
}
