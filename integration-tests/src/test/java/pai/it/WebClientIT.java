package pai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import pai.launcher.testing.LocalPorts;

/**
 * The web client as people use it: the four services as processes, the real gateway (nginx, the
 * template rendered as ./pai renders it) serving web/dist, and the browser tests of web/test driving
 * Debian's Chromium. Their own report, with the screenshots, is in web/target.
 */
class WebClientIT {
    @RegisterExtension
    static final ServiceInstances services = new ServiceInstances();

    private static final Path WEB = ItEnvironment.repo().resolve("web");
    private static Process gateway;
    private static int gatewayPort;

    @BeforeAll
    static void startTheSystem() throws Exception {
        assertThat(WEB.resolve("dist/index.html"))
                .as("the web client is built (./pai test builds it: cd web && npm ci && npm run build)").exists();
        ServiceProcess chat = services.start("chat-service");
        ServiceProcess agent = services.start("agent-service", Map.of("pai.agent.chat.base-url", chat.baseUrl()));
        ServiceProcess redpacket = services.start("redpacket-service");
        ServiceProcess share = services.start("share-service");
        gatewayPort = LocalPorts.free();
        Path state = ItEnvironment.repo().resolve("integration-tests/target/it-gateway");
        Path logs = state.resolve("logs");
        ItEnvironment.launcher(Duration.ofSeconds(60), "gateway-config",
                ItEnvironment.repo().toString(), state.toString(), logs.toString(), String.valueOf(gatewayPort),
                String.valueOf(chat.port()), String.valueOf(agent.port()), String.valueOf(redpacket.port()),
                String.valueOf(share.port()));
        gateway = new ProcessBuilder("nginx", "-p", state.resolve("nginx") + "/", "-c", state.resolve("nginx/nginx.conf").toString(),
                "-e", logs.resolve("gateway-error.log").toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("nginx.out").toFile()).start();
        LocalPorts.awaitListening(gatewayPort, gateway, "the gateway (nginx)", Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopTheGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theBrowserTestsPassAgainstTheRunningSystem() throws Exception {
        Path report = WEB.resolve("target/browser-report.xml");
        Files.createDirectories(report.getParent());
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1",
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=junit", "--test-reporter-destination=" + report));
        command.addAll(browserTests());
        Run browser = run(command, WEB, 600, Map.of("PAI_URL", "http://127.0.0.1:" + gatewayPort,
                "PAI_OPERATOR_TOKEN", ItEnvironment.operatorBearer("web-operator").substring("Bearer ".length())));

        System.out.println(browser.output());  // the figures the tests print (the shared player's drift)
        assertThat(browser.exit()).as("node --test in web/:%n%s", browser.output()).isZero();
        assertThat(browser.output()).as("the browser tests ran").containsPattern("(?m)^ℹ pass [1-9]");
        assertThat(browser.output()).containsPattern("(?m)^ℹ fail 0$");
    }

    /** web/test/*.test.mjs, named one by one: given the folder, node would also run the shared browser.mjs. */
    private static List<String> browserTests() throws IOException {
        try (var files = Files.list(WEB.resolve("test"))) {
            List<String> tests = files.map(file -> "test/" + file.getFileName())
                    .filter(name -> name.endsWith(".test.mjs")).sorted().toList();
            assertThat(tests).as("browser tests in web/test").isNotEmpty();
            return tests;
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Path dir, int timeoutSeconds, Map<String, String> environment) throws Exception {
        Path output = Files.createTempFile("web-client-it", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
