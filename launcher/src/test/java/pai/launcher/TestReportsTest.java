package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportsTest {

    @TempDir
    Path root;

    @Test
    void sumsTheSuitesOfEveryModule() throws IOException {
        report("chat-service", TestReports.UNIT_TESTS, "pai.chat.PaiApiTest", 12, 1, 1, 2);
        report("chat-service", TestReports.UNIT_TESTS, "pai.chat.MessageApiTest", 5, 0, 0, 0);
        report("events", TestReports.UNIT_TESTS, "pai.events.EventJsonTest", 7, 0, 0, 1);
        report("integration-tests", TestReports.ITS, "pai.it.ChatSeqIT", 3, 0, 0, 0);
        report("integration-tests", TestReports.ITS, "pai.it.ChatCrashIT", 2, 1, 0, 0);
        // not a report: other files, and folders that are no module's
        Files.writeString(root.resolve("chat-service/target/surefire-reports/pai.chat.PaiApiTest.txt"), "tests=100");
        Files.createDirectories(root.resolve(".pai/target/surefire-reports"));
        Files.writeString(root.resolve(".pai/target/surefire-reports/TEST-x.xml"), suite("x", 100, 0, 0, 0));

        TestReports.Counts unitTests = TestReports.count(root, TestReports.UNIT_TESTS);
        TestReports.Counts its = TestReports.count(root, TestReports.ITS);

        assertThat(unitTests).isEqualTo(new TestReports.Counts(19, 2, 3));
        assertThat(its).isEqualTo(new TestReports.Counts(4, 1, 0));
        assertThat(TestReports.summary(unitTests, its)).isEqualTo(
                "unit tests: 19 passed, 2 failed, 3 skipped · ITs: 4 passed, 1 failed, 0 skipped" + System.lineSeparator()
                        + "23 passed, 3 failed");
        assertThat(TestReports.failure(0, its)).isEmpty();
    }

    @Test
    void aRunWithoutAPassedItProvesNothing() throws IOException {
        report("chat-service", TestReports.UNIT_TESTS, "pai.chat.PaiApiTest", 12, 0, 0, 0);
        report("integration-tests", TestReports.ITS, "pai.it.ChatSeqIT", 2, 0, 0, 2);

        TestReports.Counts its = TestReports.count(root, TestReports.ITS);

        assertThat(its).isEqualTo(new TestReports.Counts(0, 0, 2));
        assertThat(TestReports.failure(0, its)).contains("no integration test passed: a run without ITs proves nothing");
        assertThat(TestReports.failure(0, TestReports.count(root.resolve("chat-service"), TestReports.ITS)))
                .as("no failsafe report at all").isPresent();
    }

    @Test
    void mavensOwnFailureComesFirst() {
        assertThat(TestReports.failure(1, new TestReports.Counts(0, 0, 0))).contains("maven failed (exit 1)");
        assertThat(TestReports.failure(1, new TestReports.Counts(9, 0, 0))).contains("maven failed (exit 1)");
    }

    @Test
    void aReportStillBeingWrittenCountsItsSuite() throws IOException {
        report("share-service", TestReports.UNIT_TESTS, "pai.share.SharesTest", 4, 0, 0, 0);
        Path partial = root.resolve("share-service/target/surefire-reports/TEST-pai.share.LandingTest.xml");
        Files.writeString(partial, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"pai.share.LandingTest\" tests=\"3\" errors=\"0\" skipped=\"0\" failures=\"1\">\n  <properties>");

        assertThat(TestReports.count(root, TestReports.UNIT_TESTS)).isEqualTo(new TestReports.Counts(6, 1, 0));
    }

    private void report(String module, String kind, String suite, int tests, int failures, int errors, int skipped)
            throws IOException {
        Path reports = root.resolve(module).resolve("target").resolve(kind);
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("TEST-" + suite + ".xml"), suite(suite, tests, failures, errors, skipped));
    }

    /** As surefire and failsafe write them. */
    private static String suite(String name, int tests, int failures, int errors, int skipped) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.2.xsd" \
                version="3.0.2" name="%1$s" time="1.234" tests="%2$d" errors="%4$d" skipped="%5$d" failures="%3$d">
                  <properties>
                    <property name="java.version" value="17.0.15"/>
                  </properties>
                  <testcase name="works" classname="%1$s" time="0.1"/>
                </testsuite>
                """.formatted(name, tests, failures, errors, skipped);
    }
}
