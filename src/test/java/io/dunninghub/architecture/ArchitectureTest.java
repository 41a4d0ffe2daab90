package io.dunninghub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout of the code (docs/design.md): who works where, and that dependencies run one way. */
class ArchitectureTest {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dunninghub");

    @Test
    void theHubFollowsTheLayout() {
        for (ArchRule rule : Layers.rules("io.dunninghub")) {
            rule.check(HUB);
        }
    }

    @Test
    void everyPackageOfTheHubHasAPlaceInTheLayout() {
        List<String> known = new java.util.ArrayList<>(Layers.STAGES);
        known.addAll(Layers.ASSEMBLY);
        HUB.stream().map(c -> c.getPackageName().replaceFirst("^io\\.dunninghub\\.?", "").split("\\.")[0])
                .distinct()
                .forEach(top -> assertThat(known).as("package io.dunninghub.%s is in the layout", top).contains(top));
    }

    @Test
    void theRulesCatchABackEdge() {
        JavaClasses bad = new ClassFileImporter().importPackages("io.dunninghub.architecture.backedge");
        List<String> broken = Layers.rules("io.dunninghub.architecture.backedge").stream()
                .map(rule -> rule.evaluate(bad)).filter(EvaluationResult::hasViolation)
                .map(r -> r.getFailureReport().toString()).toList();
        assertThat(String.join("\n", broken))
                .contains("ledger uses nothing that comes after it")
                .contains("Book")
                .contains("scan uses nothing that comes after it")
                .contains("Reader");
    }
}
