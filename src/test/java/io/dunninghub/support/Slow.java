package io.dunninghub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that starts something heavy: embedded PostgreSQL, a whole daemon, a child JVM or a fault drill.
 * {@code mvn test} runs every test (as CI does); {@code mvn test -Pfast} leaves these out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {
}
