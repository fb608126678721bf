package pai.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusConfigTest {
    /** This module's tests run in launcher/. */
    private static final Path REPO = Path.of("..");

    @TempDir
    Path dir;

    @Test
    void forPaiUpItScrapesTheServicesOnLoopbackWithTheRulesOfTheRepository() throws IOException {
        Path state = dir.resolve(".pai");

        Path config = PrometheusConfig.write(REPO, state, new PrometheusConfig.Ports(19090, 18081, 18082, 18083, 18084));

        assertThat(config).isEqualTo(state.resolve("prometheus/prometheus.yml"));
        String rendered = Files.readString(config, StandardCharsets.UTF_8);
        assertThat(rendered.replaceAll("(?m)^\\s*#.*$", "")).as("outside comments").doesNotContainPattern("@[A-Z0-9_]+@");
        assertThat(rendered)
                .contains("- " + REPO.toAbsolutePath().normalize().resolve("deploy/prometheus/alerts.yml"))
                .contains("targets: [\"127.0.0.1:18081\"]", "targets: [\"127.0.0.1:18082\"]", "targets: [\"127.0.0.1:18083\"]",
                        "targets: [\"127.0.0.1:18084\"]", "targets: [\"127.0.0.1:19090\"]")
                .doesNotContain("chat-service:", "GENERATED");
    }

    @Test
    void theComposePrometheusIsTheTemplateRenderedForCompose() throws IOException {
        String rendered = PrometheusConfig.renderCompose(REPO);

        assertThat(rendered.replaceAll("(?m)^\\s*#.*$", "")).as("outside comments").doesNotContainPattern("@[A-Z0-9_]+@");
        assertThat(rendered).contains("- alerts.yml", "targets: [\"chat-service:8081\"]", "targets: [\"redpacket-service:8083\"]",
                "targets: [\"localhost:9090\"]").doesNotContain("\"127.0.0.1:");
        assertThat(Files.readString(REPO.resolve(PrometheusConfig.COMPOSE_CONFIG), StandardCharsets.UTF_8))
                .as("deploy/prometheus/prometheus.yml is stale: java -cp 'launcher/target/pai-launcher.jar:launcher/target/lib/*' pai.launcher.Main prometheus-config --compose .")
                .isEqualTo(rendered);
    }
}
