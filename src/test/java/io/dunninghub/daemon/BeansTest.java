package io.dunninghub.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every bean the shipped routes call is one the runtime binds, by the names of {@link Beans}. */
class BeansTest {

    @Test
    void everyRefInTheShippedRoutesIsABoundBean() throws Exception {
        Set<String> refs = new TreeSet<>();
        Pattern ref = Pattern.compile("ref:\\s*([A-Za-z][A-Za-z0-9]*)");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Matcher m = ref.matcher(Files.readString(f));
                while (m.find()) {
                    refs.add(m.group(1));
                }
            }
        }
        assertThat(refs).isNotEmpty();
        assertThat(Beans.ALL).containsAll(refs);
    }
}
