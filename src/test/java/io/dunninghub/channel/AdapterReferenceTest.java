package io.dunninghub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reference's provider tables are the adapter catalog: every adapter, its channels and every option with its
 * type and default. Run with {@code -Ddocs.update=true} to write the catalog's tables into the reference.
 */
class AdapterReferenceTest {

    static final Path REFERENCE = Path.of("docs/reference/providers.md");

    @Test
    void theReferenceShowsTheCatalog() throws Exception {
        String doc = Files.readString(REFERENCE);
        int begin = doc.indexOf(AdapterReference.BEGIN);
        int end = doc.indexOf(AdapterReference.END);
        assertThat(begin).as("%s has the catalog's markers", REFERENCE).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String shown = doc.substring(begin, end + AdapterReference.END.length());
        if (Boolean.getBoolean("docs.update") && !shown.equals(AdapterReference.markdown())) {
            Files.writeString(REFERENCE, doc.substring(0, begin) + AdapterReference.markdown()
                    + doc.substring(end + AdapterReference.END.length()));
            shown = AdapterReference.markdown();
        }
        assertThat(shown).as("docs/reference/providers.md against the adapter catalog "
                + "(mvn test -Dtest=AdapterReferenceTest -Ddocs.update=true rewrites it)")
                .isEqualTo(AdapterReference.markdown());
    }

    @Test
    void everyAdapterAndOptionIsInTheReference() throws Exception {
        String doc = Files.readString(REFERENCE);
        for (AdapterType t : AdapterCatalog.ALL) {
            assertThat(doc).contains("### adapter `" + t.name() + "`");
            for (AdapterOption o : t.options()) {
                assertThat(doc).as("%s option %s", t.name(), o.name()).contains("| `" + o.name() + "` |");
            }
        }
    }
}
