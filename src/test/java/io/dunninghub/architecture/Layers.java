package io.dunninghub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout's rules, for a root package: who works where, and which way dependencies run. The rules are built
 * for any root so a test can show that they catch a back edge in a small package made to have one.
 *
 * <ul>
 *   <li>cli → daemon → web → config → the stages; nothing below imports what is above it;</li>
 *   <li>the stages in the order of the flow (DESIGN.md): the ledger first, as the spine every stage reads and
 *       writes, knowing none of them; then scan, ladder, contact, policy, plan, render, channel, dispatch,
 *       receipt, outcome, evidence (what a complaint handler is given); a stage uses only the ones before it;</li>
 *   <li>common and metrics are the base every stage may use, and use no stage;</li>
 *   <li>no cycles between packages.</li>
 * </ul>
 */
public final class Layers {

    /** The base packages, then the stages in flow order. */
    public static final List<String> STAGES = List.of("common", "metrics", "ledger", "scan", "ladder", "contact",
            "policy", "plan", "render", "channel", "dispatch", "receipt", "outcome", "evidence", "demo");

    /** Above the stages, from the bottom up. */
    public static final List<String> ASSEMBLY = List.of("config", "web", "daemon", "cli");

    private Layers() {
    }

    public static List<ArchRule> rules(String root) {
        List<ArchRule> rules = new ArrayList<>();
        List<String> all = new ArrayList<>(STAGES);
        all.addAll(ASSEMBLY);
        for (int i = 0; i < all.size(); i++) {
            String pkg = root + "." + all.get(i) + "..";
            List<String> later = all.subList(i + 1, all.size()).stream().map(p -> root + "." + p + "..").toList();
            if (!later.isEmpty()) {
                rules.add(noClasses().that().resideInAPackage(pkg)
                        .should().dependOnClassesThat().resideInAnyPackage(later.toArray(String[]::new))
                        .as(all.get(i) + " uses nothing that comes after it (" + String.join(", ",
                                all.subList(i + 1, all.size())) + ")")
                        .allowEmptyShould(true));
            }
        }
        rules.add(noClasses().that().resideInAPackage(root + ".ledger..")
                .should().dependOnClassesThat().resideInAnyPackage(STAGES.stream().filter(p -> !p.equals("common")
                        && !p.equals("ledger")).map(p -> root + "." + p + "..").toArray(String[]::new))
                .as("the ledger is the spine: it knows no stage, only common")
                .allowEmptyShould(true));
        rules.add(slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("no cycles between the packages of " + root).allowEmptyShould(true));
        return rules;
    }
}
