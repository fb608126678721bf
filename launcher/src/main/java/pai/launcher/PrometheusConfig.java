package pai.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders the Prometheus template {@code deploy/prometheus/prometheus.template.yml} ({@link Templates}) into
 * {@code .pai/prometheus/prometheus.yml} for ./pai's processes and into {@code deploy/prometheus/prometheus.yml}
 * for docker-compose.yml: the same jobs and alert rules, only the addresses differ.
 */
final class PrometheusConfig {
    static final String TEMPLATE = "deploy/prometheus/prometheus.template.yml";
    static final String COMPOSE_CONFIG = "deploy/prometheus/prometheus.yml";
    static final String ALERT_RULES = "deploy/prometheus/alerts.yml";
    /** Where ./pai's config goes, under its state folder. */
    static final String CONFIG = "prometheus/prometheus.yml";
    /** The ports docker-compose.yml gives Prometheus and the services inside its network. */
    static final Ports COMPOSE_PORTS = new Ports(9090, 8081, 8082, 8083, 8084);
    private static final String COMPOSE_HEADER = """
            # GENERATED from deploy/prometheus/prometheus.template.yml for docker-compose.yml; do not edit: edit the
            # template, then java -cp 'launcher/target/pai-launcher.jar:launcher/target/lib/*' pai.launcher.Main prometheus-config --compose .

            """;

    private PrometheusConfig() {
    }

    /** The port of Prometheus itself and of the four services it scrapes. */
    record Ports(int prometheus, int chat, int agent, int redpacket, int share) {
    }

    /** ./pai's processes on one machine: everything on 127.0.0.1, the rules read from the repository. */
    static Map<String, String> placeholders(Path repo, Ports ports) {
        return values(repo.toAbsolutePath().normalize().resolve(ALERT_RULES).toString(), name -> "127.0.0.1", ports);
    }

    /** docker-compose.yml mounts the rules next to the config; each service answers by its compose name. */
    static Map<String, String> composePlaceholders() {
        return values(Path.of(ALERT_RULES).getFileName().toString(), UnaryOperator.identity(), COMPOSE_PORTS);
    }

    /** {@code host}: the address of a service (or of Prometheus itself, {@code localhost}) by its name. */
    private static Map<String, String> values(String alertRules, UnaryOperator<String> host, Ports ports) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ALERT_RULES", alertRules);
        values.put("CHAT_SERVICE", host.apply("chat-service") + ":" + ports.chat());
        values.put("AGENT_SERVICE", host.apply("agent-service") + ":" + ports.agent());
        values.put("REDPACKET_SERVICE", host.apply("redpacket-service") + ":" + ports.redpacket());
        values.put("SHARE_SERVICE", host.apply("share-service") + ":" + ports.share());
        values.put("PROMETHEUS", host.apply("localhost") + ":" + ports.prometheus());
        return values;
    }

    /** {@code <repo>/deploy/prometheus/prometheus.yml} as the template renders it for docker-compose.yml. */
    static String renderCompose(Path repo) throws IOException {
        return COMPOSE_HEADER + Templates.render(template(repo), composePlaceholders());
    }

    static void writeCompose(Path repo) throws IOException {
        Files.writeString(repo.resolve(COMPOSE_CONFIG), renderCompose(repo), StandardCharsets.UTF_8);
    }

    /** Writes {@code <stateDir>/prometheus/prometheus.yml} from the template; returns its path. */
    static Path write(Path repo, Path stateDir, Ports ports) throws IOException {
        Path config = stateDir.resolve(CONFIG);
        Files.createDirectories(config.getParent());
        Files.writeString(config, Templates.render(template(repo), placeholders(repo, ports)), StandardCharsets.UTF_8);
        return config;
    }

    private static String template(Path repo) throws IOException {
        return Files.readString(repo.resolve(TEMPLATE), StandardCharsets.UTF_8);
    }
}
