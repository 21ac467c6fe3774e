package org.mediarelay.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md as tests on the compiled main classes of every module, so that a change cannot
 * quietly undo it: the SDP core needs only the JDK; the relay node knows nothing of the dispatcher, accounting or the
 * front doors; nothing but the front doors' own code uses control-api; the front doors see calls through the
 * dispatcher's views; no two packages need each other.
 */
class LayeringTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // Main classes only: the modules' test classes and test jars are on this module's class path too.
        main = new ClassFileImporter()
                .withImportOption(l -> !l.contains("/test-classes/") && !l.contains("-tests.jar"))
                .importPackages("org.mediarelay");
        // A rule over nothing passes: make sure every module's classes are there.
        for (String pkg : List.of("sdp", "node", "accounting", "dispatcher", "control")) {
            assertTrue(main.containPackage("org.mediarelay." + pkg), "classes of org.mediarelay." + pkg + " imported");
        }
    }

    @Test
    void ice_aware_sdp_needs_nothing_but_the_jdk() {
        noClasses().that().resideInAPackage("org.mediarelay.sdp..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.mediarelay.sdp..", "java..")
                .check(main);
    }

    @Test
    void the_node_contract_is_plain_values_apart_from_its_wire() {
        // What the dispatcher programs against: records, results, events and NodeApi (whose calls return Vert.x
        // futures); the JSON, the event-bus client and the codecs are node.wire's.
        noClasses().that().resideInAPackage("org.mediarelay.node.api..")
                .should().dependOnClassesThat()
                .resideOutsideOfPackages("org.mediarelay.node.api..", "java..", "io.vertx.core")
                .check(main);
    }

    @Test
    void each_module_uses_only_the_modules_below_it() {
        String control = "control-api";
        String dispatcher = "relay-dispatcher";
        String accounting = "accounting";
        String node = "relay-node";
        String sdp = "ice-aware-sdp";
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer(control).definedBy("org.mediarelay.control..")
                .layer(dispatcher).definedBy("org.mediarelay.dispatcher..")
                .layer(accounting).definedBy("org.mediarelay.accounting..")
                .layer(node).definedBy("org.mediarelay.node..")
                .layer(sdp).definedBy("org.mediarelay.sdp..")
                .whereLayer(control).mayNotBeAccessedByAnyLayer()
                .whereLayer(dispatcher).mayOnlyBeAccessedByLayers(control)
                .whereLayer(accounting).mayOnlyBeAccessedByLayers(dispatcher, control)
                .whereLayer(node).mayOnlyBeAccessedByLayers(dispatcher, control)
                .whereLayer(sdp).mayOnlyBeAccessedByLayers(dispatcher, control)
                .check(main);
    }

    @Test
    void the_front_doors_see_calls_through_views_not_the_dispatchers_state() {
        // ng, MediaProxy, REST and the live page read CallView and the outcomes: the stored CallSession (terms,
        // branches, the SDP versions sent) may change without them. Only the composition root builds the store.
        noClasses().that().resideInAnyPackage("org.mediarelay.control.ng..", "org.mediarelay.control.mediaproxy..",
                        "org.mediarelay.control.rest..", "org.mediarelay.control.metrics..",
                        "org.mediarelay.control.web..", "org.mediarelay.control.http..")
                .should().dependOnClassesThat().resideInAPackage("org.mediarelay.dispatcher.session..")
                .check(main);
    }

    @Test
    void no_two_packages_need_each_other() {
        slices().matching("org.mediarelay.(**)").should().beFreeOfCycles().check(main);
    }

    /**
     * Surefire runs the classes named {@code *Test}, {@code *Tests}, {@code *TestCase} or {@code Test*}: a class of
     * tests named otherwise never runs, and passes for ever (a property test once did). Classes that run only when a
     * system property asks ({@code @EnabledIfSystemProperty}: tools such as the ng corpus recorder) are left out.
     */
    @Test
    void every_class_of_tests_is_named_so_that_the_build_runs_it() throws IOException {
        Path root = Path.of(System.getProperty("mediarelay.root", ".."));
        Pattern tests = Pattern.compile(
                "^\\s*@(?:[\\w.]+\\.)?(Test|Property|ParameterizedTest|RepeatedTest|TestFactory|FuzzTest)\\b",
                Pattern.MULTILINE);
        Pattern runs = Pattern.compile("(Test|Tests|TestCase)\\.java$|/Test[A-Z][^/]*\\.java$");
        List<String> unnamed;
        try (Stream<Path> files = Files.walk(root, 12)) {
            unnamed = files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
                    .filter(p -> !runs.matcher(p.toString()).find())
                    .filter(p -> {
                        String s = read(p);
                        return tests.matcher(s).find() && !s.contains("@EnabledIfSystemProperty");
                    })
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of(), unnamed, "classes of tests that the build would never run");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(p.toString(), e);
        }
    }
}
