package pai.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards (deploy/grafana/dashboards), the alert rules (deploy/prometheus/alerts.yml) and both
 * Prometheus configs hold together: promtool accepts the rules, the configs and every dashboard query, every
 * metric they name is one a service declares (under the name Micrometer gives it) or one of the few the
 * frameworks add, and the Kafka dashboard has one panel per consumer group of the services' configuration.
 * A meter renamed in the code fails it.
 */
class ObservabilityConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERVICES = List.of("chat-service", "agent-service", "redpacket-service", "share-service");

    /**
     * What the dashboards and rules read that no service declares itself: Prometheus's own {@code up}, and what
     * Quarkus's HTTP, JVM and Kafka binders publish. ServiceContractTest asserts on every service's /q/metrics the
     * ones our configuration adds: the HTTP histogram and the lag of every Kafka consumer.
     */
    private static final Set<String> FRAMEWORK_METRICS = Set.of(
            "up",
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_max",
            "http_server_requests_seconds_bucket",
            "jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count",
            "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_coordinator_assigned_partitions");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern WORD = Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][\\w:]*");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern SERVICE_LABEL = Pattern.compile("\\bservice\\s*=~?\\s*\"([^\"]*)\"");
    private static final Pattern CLIENT_ID = Pattern.compile("\\bclient_id\\s*=(~?)\\s*\"kafka-consumer-([^\"]*)\"");

    private static Path repo;
    /** Every query: where it is ("pai-chat.json: Delivery lag p99") to its expression. */
    private static Map<String, String> dashboardQueries;
    private static Map<String, String> alertQueries;

    @TempDir
    Path dir;

    @BeforeAll
    static void readDashboardsAndRules() throws IOException {
        repo = ItEnvironment.repo();
        dashboardQueries = new LinkedHashMap<>();
        for (Path file : dashboards()) {
            for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    dashboardQueries.put(file.getFileName() + ": " + panel.path("title").asText() + " " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
        }
        alertQueries = new LinkedHashMap<>();
        for (JsonNode group : YAML.readTree(repo.resolve("deploy/prometheus/alerts.yml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alertQueries.put("alerts.yml: " + rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        assertThat(dashboardQueries).isNotEmpty();
        assertThat(alertQueries.keySet()).as("the alert rules").contains("alerts.yml: PaiCampaignOverBudget",
                "alerts.yml: PaiReconciliationFoundDifferences", "alerts.yml: PaiRelayLagging", "alerts.yml: PaiHttpServerErrors",
                "alerts.yml: PaiKafkaConsumerLagging");
    }

    @Test
    void promtoolAcceptsTheAlertRulesAndThePrometheusConfigsOfComposeAndOfPaiUp() throws Exception {
        assertThat(promtool("check", "rules", "deploy/prometheus/alerts.yml")).contains("SUCCESS");

        JsonNode compose = YAML.readTree(repo.resolve("deploy/prometheus/prometheus.yml").toFile());
        assertThat(compose.path("rule_files").toString()).isEqualTo("[\"alerts.yml\"]");
        // promtool checks the rule files a config names as well, so a config whose rules it cannot find fails here
        assertThat(promtool("check", "config", "deploy/prometheus/prometheus.yml")).contains("1 rule files found");

        // ./pai up's config, rendered by the launcher's own command from the same template
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "pai.launcher.Main", "prometheus-config", repo.toString(), dir.toString(), "9090", "8081", "8082", "8083", "8084"));
        Path paiUp = dir.resolve("prometheus/prometheus.yml");
        assertThat(YAML.readTree(paiUp.toFile()).path("rule_files").path(0).asText())
                .isEqualTo(repo.resolve("deploy/prometheus/alerts.yml").toString());
        assertThat(promtool("check", "config", paiUp.toString())).contains("1 rule files found");
    }

    @Test
    void promtoolParsesEveryDashboardQuery() throws Exception {
        // Each query as a recording rule, Grafana's variables filled in as Grafana would
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (String expr : dashboardQueries.values()) {
            String filled = expr.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$__interval", "1m")
                    .replace("$service", ".+");
            rules.append("      - record: dashboard:query:").append(++n).append('\n')
                    .append("        expr: ").append(JSON.writeValueAsString(filled)).append('\n');
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules, StandardCharsets.UTF_8);

        assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + n + " rules found");
    }

    @Test
    void everyMetricTheDashboardsAndAlertsReadIsOneTheServicesDeclareOrTheFrameworksAdd() {
        Map<String, MeterNames.Meter> declared = MeterNames.prometheusNames(repo);
        assertThat(declared).as("meters found in the code").containsKeys("pai_redpacket_grabs_total",
                "pai_redpacket_grab_latency_seconds_bucket", "pai_redpacket_budget_remaining_cents", "pai_chat_events_total",
                "pai_agent_decision_time_seconds", "pai_outbox_lag_seconds_bucket");

        Map<String, String> queries = new LinkedHashMap<>(dashboardQueries);
        queries.putAll(alertQueries);
        Map<String, Set<String>> unknown = new TreeMap<>();
        Map<String, Set<String>> unknownServices = new TreeMap<>();
        queries.forEach((where, expr) -> {
            Set<String> names = metricNames(expr);
            assertThat(names).as(where + " reads no metric: " + expr).isNotEmpty();
            for (String name : names) {
                if (!declared.containsKey(name) && !FRAMEWORK_METRICS.contains(name)) {
                    unknown.computeIfAbsent(where, w -> new TreeSet<>()).add(name);
                }
            }
            Matcher service = SERVICE_LABEL.matcher(expr);
            while (service.find()) {
                String value = service.group(1);
                if (!SERVICES.contains(value) && !value.equals("$service") && !value.equals(".+-service")) {
                    unknownServices.computeIfAbsent(where, w -> new TreeSet<>()).add(value);
                }
            }
        });
        assertThat(unknown).as("metrics no service declares, and no framework adds").isEmpty();
        assertThat(unknownServices).as("service labels that name no service").isEmpty();
    }

    @Test
    void theKafkaDashboardHasOnePanelPerConsumerGroupOfTheServices() throws IOException {
        // (service, group as application.properties names it, up to its -${...} suffix) -> the group's channels
        Map<String, Set<String>> configured = new TreeMap<>();
        for (String service : SERVICES) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(repo.resolve(service).resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            for (String key : properties.stringPropertyNames()) {
                Matcher channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector").matcher(key);
                if (channel.matches() && properties.getProperty(key).equals("smallrye-kafka")) {
                    String group = properties.getProperty("mp.messaging.incoming." + channel.group(1) + ".group.id");
                    assertThat(group).as(service + " channel " + channel.group(1) + " names its group").isNotNull();
                    configured.computeIfAbsent(service + " " + group.replaceFirst("-\\$\\{[^}]+}$", ""), g -> new TreeSet<>())
                            .add(channel.group(1));
                }
            }
        }
        assertThat(configured).hasSizeGreaterThanOrEqualTo(SERVICES.size());

        Map<String, Set<String>> panels = new TreeMap<>();
        for (JsonNode panel : JSON.readTree(repo.resolve("deploy/grafana/dashboards/pai-kafka.json").toFile()).path("panels")) {
            String expr = panel.path("targets").path(0).path("expr").asText();
            Matcher clientId = CLIENT_ID.matcher(expr);
            if (!clientId.find()) {
                continue;
            }
            Matcher service = SERVICE_LABEL.matcher(expr);
            assertThat(service.find()).as(panel.path("title").asText() + " selects its service").isTrue();
            Matcher title = Pattern.compile("(\\S+)-<[a-z]+> \\(" + Pattern.quote(service.group(1)) + "\\)").matcher(
                    panel.path("title").asText());
            assertThat(title.matches()).as("title \"%s\" is \"<group>-<deployment|instance> (<service>)\"",
                    panel.path("title").asText()).isTrue();
            Set<String> channels = new TreeSet<>(clientId.group(1).isEmpty() ? List.of(clientId.group(2))
                    : List.of(clientId.group(2).replaceAll("^\\((.*)\\)$", "$1").split("\\|")));
            assertThat(panels.put(service.group(1) + " " + title.group(1), channels)).as("a second panel of " + title.group(1))
                    .isNull();
        }
        assertThat(panels).as("Kafka dashboard panels per consumer group, with the channels whose lag they show")
                .isEqualTo(configured);
    }

    /** The metric names an expression reads: what is left once strings, selectors, ranges, groupings and functions go. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher word = WORD.matcher(bare);
        while (word.find()) {
            String name = word.group();
            boolean called = bare.substring(word.end()).matches("(?s)\\s*\\(.*");
            if (!called && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void metricNamesAreWhatAQueryReadsNotItsFunctionsLabelsOrDurations() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (service, le) (rate(http_server_requests_seconds_bucket"
                + "{service=~\"$service\", uri!~\"/q/.*\"}[$__rate_interval]))) / on (service) group_left max(up offset 5m) > bool 1"))
                .containsExactly("http_server_requests_seconds_bucket", "up");
        assertThat(metricNames("sum(increase(pai_redpacket_reconciliations_total{outcome=\"differences\"}[1h])) > 0"))
                .containsExactly("pai_redpacket_reconciliations_total");
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(folder -> Path.of(folder, "promtool")).filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("promtool is missing: it comes with Debian's prometheus package "
                        + "(apt-get install --no-install-recommends prometheus; ./pai infra installs it when run as root)"));
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(repo.resolve("deploy/grafana/dashboards"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
