package io.dunninghub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reference's table of configuration keys is the code's table: same keys, same defaults. */
class ReferenceKeysTest {

    static final Path REFERENCE = Path.of("docs/reference/configuration.md");

    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception {
        String readme = Files.readString(REFERENCE);
        for (HubSettings.Key k : HubSettings.KEYS) {
            String row = k.defaultValue().isEmpty()
                    ? "| `" + k.name() + "` | |"
                    : "| `" + k.name() + "` | `" + k.defaultValue() + "` |";
            assertThat(readme).as("reference row for %s", k.name()).contains(row);
        }
    }

    @Test
    void referenceDocumentsNoKeyTheCodeDoesNotHave() throws Exception {
        List<String> known = HubSettings.KEYS.stream().map(HubSettings.Key::name).toList();
        Matcher m = Pattern.compile("^\\| `(hub\\.[^`]+)` \\|", Pattern.MULTILINE).matcher(Files.readString(REFERENCE));
        int rows = 0;
        while (m.find()) {
            rows++;
            assertThat(known).as("documented key").contains(m.group(1));
        }
        assertThat(rows).isEqualTo(known.size());
    }
}
