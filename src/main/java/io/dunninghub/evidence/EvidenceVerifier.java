package io.dunninghub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dunninghub.ledger.NoticeContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Re-checks an evidence package: every file listed in its manifest is there with the SHA-256 and size listed, no
 * file is there that the manifest does not list, and every message file has the hash the ledger stored when it was
 * sent.
 */
public final class EvidenceVerifier {

    /** What the check found; ok when there is no problem. */
    public record Report(String manifestSha256, int files, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private EvidenceVerifier() {
    }

    public static Report verify(Path zipFile) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (files.containsKey(e.getName())) {
                    problems.add(e.getName() + ": twice in the archive");
                }
                try (InputStream in = zip.getInputStream(e)) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (java.util.zip.ZipException e) {
            return new Report(null, 0, List.of("not a readable zip: " + e.getMessage()));
        }
        byte[] manifestBytes = files.remove(EvidencePackage.MANIFEST);
        if (manifestBytes == null) {
            return new Report(null, files.size(), List.of("no " + EvidencePackage.MANIFEST));
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(manifestBytes);
        } catch (IOException e) {
            return new Report(NoticeContent.sha256(manifestBytes), files.size(),
                    List.of(EvidencePackage.MANIFEST + ": not JSON"));
        }
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        manifest.path("files").forEach(f -> listed.put(f.path("name").asText(), f));
        for (Map.Entry<String, JsonNode> l : listed.entrySet()) {
            byte[] bytes = files.get(l.getKey());
            if (bytes == null) {
                problems.add(l.getKey() + ": listed in the manifest, missing from the archive");
            } else if (!NoticeContent.sha256(bytes).equals(l.getValue().path("sha256").asText())
                    || bytes.length != l.getValue().path("bytes").asLong()) {
                problems.add(l.getKey() + ": SHA-256 " + NoticeContent.sha256(bytes) + " is not the manifest's "
                        + l.getValue().path("sha256").asText());
            }
        }
        files.keySet().stream().filter(n -> !listed.containsKey(n))
                .forEach(n -> problems.add(n + ": in the archive, not in the manifest"));
        for (JsonNode m : manifest.path("messages")) {
            String file = m.path("file").isNull() ? null : m.path("file").asText(null);
            if (file != null && files.containsKey(file)
                    && !NoticeContent.sha256(files.get(file)).equals(m.path("content_sha256").asText())) {
                problems.add(file + ": not the content the ledger recorded as sent (stored SHA-256 "
                        + m.path("content_sha256").asText() + ")");
            }
        }
        return new Report(NoticeContent.sha256(manifestBytes), listed.size(), problems);
    }
}
