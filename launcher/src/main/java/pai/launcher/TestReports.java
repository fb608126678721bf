package pai.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts what {@code ./pai test} ran from the surefire (unit tests) and failsafe (ITs) XML reports of
 * every module, and says when the run proves nothing.
 */
final class TestReports {
    static final String UNIT_TESTS = "surefire-reports";
    static final String ITS = "failsafe-reports";

    private TestReports() {
    }

    /** Failed counts failures and errors together. */
    record Counts(int passed, int failed, int skipped) {
    }

    /** Sums the {@code <testsuite>} element of every {@code <module>/target/<kind>/TEST-*.xml} under the root. */
    static Counts count(Path root, String kind) throws IOException {
        int tests = 0;
        int failed = 0;
        int skipped = 0;
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, module ->
                Files.isDirectory(module) && !module.getFileName().toString().startsWith("."))) {
            for (Path module : modules) {
                Path reports = module.resolve("target").resolve(kind);
                if (!Files.isDirectory(reports)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml")) {
                    for (Path file : files) {
                        Suite suite = suite(file);
                        tests += suite.tests();
                        failed += suite.failed();
                        skipped += suite.skipped();
                    }
                }
            }
        }
        return new Counts(tests - failed - skipped, failed, skipped);
    }

    static String summary(Counts unitTests, Counts its) {
        return "unit tests: %d passed, %d failed, %d skipped · ITs: %d passed, %d failed, %d skipped%n%d passed, %d failed"
                .formatted(unitTests.passed(), unitTests.failed(), unitTests.skipped(), its.passed(), its.failed(),
                        its.skipped(), unitTests.passed() + its.passed(), unitTests.failed() + its.failed());
    }

    /** Why the run failed, if it did: Maven's own failure first, then a run in which no IT passed. */
    static Optional<String> failure(int mavenExit, Counts its) {
        if (mavenExit != 0) {
            return Optional.of("maven failed (exit " + mavenExit + ")");
        }
        if (its.passed() <= 0) {
            return Optional.of("no integration test passed: a run without ITs proves nothing");
        }
        return Optional.empty();
    }

    private record Suite(int tests, int failed, int skipped) {
        static final Suite NONE = new Suite(0, 0, 0);
    }

    /** The report's {@code <testsuite>} element, read without the rest (a report being written is not whole yet). */
    private static Suite suite(Path file) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    if (!reader.getLocalName().equals("testsuite")) {
                        return Suite.NONE;
                    }
                    return new Suite(attribute(reader, "tests"), attribute(reader, "failures") + attribute(reader, "errors"),
                            attribute(reader, "skipped"));
                }
            }
            return Suite.NONE;
        } catch (XMLStreamException e) {
            return Suite.NONE;
        }
    }

    private static int attribute(XMLStreamReader element, String name) {
        String value = element.getAttributeValue(null, name);
        return value == null || !value.matches("\\d+") ? 0 : Integer.parseInt(value);
    }
}
