package pai.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pai.events.Topics;
import pai.events.Topics.Topic;

/**
 * Docker does not run everywhere the build runs, so docker-compose.yml is checked by reading it:
 * the ports and topics of docs/contract.md, health checks, Redis durability, the environment contract it
 * shares with the launcher {@code ./pai}, and the gateway, Prometheus and Grafana files it mounts.
 */
class DockerComposeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The four services and their ports, as docs/contract.md fixes them. */
    private static final Map<String, Integer> APP_PORTS = orderedMap(
            "chat-service", 8081,
            "agent-service", 8082,
            "redpacket-service", 8083,
            "share-service", 8084);

    private static final Map<String, Integer> INFRA_PORTS = orderedMap(
            "gateway", 8080,
            "kafka", 9092,
            "redis", 6379,
            "postgres", 5432,
            "prometheus", 9090,
            "grafana", 3000);

    /** Gateway prefixes of docs/contract.md and the service behind each. */
    private static final Map<String, String> GATEWAY_ROUTES = orderedMap(
            "/api/auth/", "chat-service",
            "/api/chat/", "chat-service",
            "/api/agents/", "agent-service",
            "/api/redpackets/", "redpacket-service",
            "/api/shares/", "share-service",
            "/s/", "share-service");

    /** What ./pai gives one service only: the private key's path goes to chat-service, which signs account tokens. */
    private static final Map<String, String> ONE_SERVICE_ONLY = Map.of("PAI_JWT_PRIVATE_KEY", "chat-service",
            "PAI_SERVICE_TOKEN_FILE", "agent-service");

    private static final Pattern ENV_NAME = Pattern.compile("\\b(?:PAI|QUARKUS)_[A-Z0-9_]+\\b");
    private static final Pattern PAI_NAME = Pattern.compile("\\bPAI_[A-Z0-9_]+\\b");

    private static Path repo;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        repo = repoRoot();
        services = YAML.readTree(repo.resolve("docker-compose.yml").toFile()).path("services");
        assertThat(services.isObject()).as("docker-compose.yml has services").isTrue();
    }

    @Test
    void everyServiceThatKeepsRunningHasAHealthcheck() {
        Set<String> oneShots = oneShotServices();
        assertThat(oneShots).as("one-shot services").contains("kafka-init", "jwt-keys");
        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            if (oneShots.contains(name)) {
                assertThat(service.path("restart").asText("no")).as(name + " runs once").isEqualTo("no");
                return;
            }
            JsonNode healthcheck = service.path("healthcheck");
            assertThat(healthcheck.path("disable").asBoolean(false)).as(name + " healthcheck disabled").isFalse();
            assertThat(healthcheckCommand(service)).as(name + " healthcheck").isNotBlank();
        });
    }

    @Test
    void servicesStartOnlyOnceWhatTheyNeedIsHealthyOrDone() {
        Set<String> oneShots = oneShotServices();
        services.fields().forEachRemaining(entry -> {
            JsonNode dependsOn = entry.getValue().path("depends_on");
            assertThat(dependsOn.isArray()).as(entry.getKey() + ": depends_on names a condition for each").isFalse();
            dependsOn.fields().forEachRemaining(dep -> {
                String condition = dep.getValue().path("condition").asText();
                String what = entry.getKey() + " -> " + dep.getKey();
                assertThat(services.has(dep.getKey())).as(what + " exists").isTrue();
                if (oneShots.contains(dep.getKey())) {
                    assertThat(condition).as(what).isEqualTo("service_completed_successfully");
                } else {
                    assertThat(condition).as(what).isEqualTo("service_healthy");
                }
            });
        });
        for (String app : APP_PORTS.keySet()) {
            assertThat(names(services.path(app).path("depends_on")))
                    .as(app + " waits for")
                    .contains("kafka-init", "jwt-keys", "redis", "postgres");
        }
        assertThat(names(services.path("gateway").path("depends_on"))).containsAll(APP_PORTS.keySet());
    }

    @Test
    void appServicesPublishTheirSpecPortsAndListenOnThem() {
        APP_PORTS.forEach((app, port) -> {
            JsonNode service = services.path(app);
            assertThat(service.isObject()).as(app + " in docker-compose.yml").isTrue();
            assertThat(publishedPorts(service)).as(app + " ports").containsEntry(port, port);
            assertThat(texts(service.path("expose"))).as(app + " expose").contains(String.valueOf(port));
            assertThat(environment(service)).as(app + " environment").containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
            assertThat(healthcheckCommand(service)).as(app + " healthcheck")
                    .contains("localhost:" + port + "/q/health/ready");
        });
    }

    @Test
    void infrastructureUsesTheSpecPorts() {
        INFRA_PORTS.forEach((name, port) ->
                assertThat(publishedPorts(services.path(name))).as(name + " ports").containsEntry(port, port));
    }

    @Test
    void appImagesAreBuiltFromTheirQuarkusJvmDockerfiles() throws IOException {
        for (Map.Entry<String, Integer> app : APP_PORTS.entrySet()) {
            JsonNode build = services.path(app.getKey()).path("build");
            assertThat(build.path("context").asText()).as(app.getKey() + " build context")
                    .isIn(app.getKey(), "./" + app.getKey());
            assertThat(build.path("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            Path dockerfile = repo.resolve(app.getKey()).resolve("src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).exists();
            String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
            assertThat(text).as(dockerfile.toString())
                    .contains("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
                            "target/quarkus-app/app/", "target/quarkus-app/quarkus/", "quarkus-run.jar")
                    .containsPattern("(?m)^EXPOSE\\s+" + app.getValue() + "\\s*$");
        }
    }

    @Test
    void appServicesUseOnlyEnvironmentNamesTheLauncherAlsoSets() {
        Set<String> launcherNames = launcherAssignments(ENV_NAME);
        APP_PORTS.keySet().forEach(app -> {
            Set<String> composeNames = new TreeSet<>(environment(services.path(app)).keySet());
            composeNames.removeIf(name -> !ENV_NAME.matcher(name).matches());
            assertThat(launcherNames).as("names ./pai sets, against those %s gets in docker-compose.yml", app)
                    .containsAll(composeNames);
        });
    }

    @Test
    void everyPaiNameTheLauncherSetsIsSetForEveryAppService() {
        Set<String> launcherPaiNames = launcherAssignments(PAI_NAME);
        assertThat(launcherPaiNames).as("PAI_ names ./pai sets").isNotEmpty();
        launcherPaiNames.removeAll(ONE_SERVICE_ONLY.keySet());
        APP_PORTS.keySet().forEach(app -> assertThat(environment(services.path(app)).keySet())
                .as("environment of %s in docker-compose.yml", app)
                .containsAll(launcherPaiNames));
    }

    @Test
    void theNamesOfOneServiceAreSetForItAlone() {
        assertThat(launcherAssignments(PAI_NAME)).as("PAI_ names ./pai sets").containsAll(ONE_SERVICE_ONLY.keySet());
        ONE_SERVICE_ONLY.forEach((name, only) -> APP_PORTS.keySet().forEach(app -> assertThat(
                environment(services.path(app)).containsKey(name)).as(name + " set for " + app).isEqualTo(app.equals(only))));
    }

    @Test
    void everyPaiSettingAServiceReadsIsSetForItInCompose() throws IOException {
        for (String app : APP_PORTS.keySet()) {
            Path properties = repo.resolve(app).resolve("src/main/resources/application.properties");
            if (!Files.exists(properties)) {
                continue;
            }
            Set<String> read = new TreeSet<>();
            for (String line : Files.readAllLines(properties, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                // the test and dev profiles run outside containers
                if (trimmed.startsWith("#") || trimmed.startsWith("%test.") || trimmed.startsWith("%dev.")) {
                    continue;
                }
                Matcher m = Pattern.compile("\\$\\{(PAI_[A-Z0-9_]+)").matcher(trimmed);
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
            assertThat(environment(services.path(app)).keySet()).as(app + " reads " + read).containsAll(read);
        }
    }

    @Test
    void appServicesReachTheInfrastructureByComposeServiceNames() {
        APP_PORTS.keySet().forEach(app -> {
            Map<String, String> env = environment(services.path(app));
            String bootstrap = env.get("PAI_KAFKA_BOOTSTRAP");
            assertThat(bootstrap).as(app + " PAI_KAFKA_BOOTSTRAP").matches("[a-z0-9-]+:\\d+");
            assertThat(environment(services.path("kafka")).get("KAFKA_ADVERTISED_LISTENERS"))
                    .as("kafka advertises what %s connects to", app).contains("://" + bootstrap);
            assertThat(services.has(env.get("PAI_REDIS_HOST"))).as(app + " PAI_REDIS_HOST").isTrue();
            assertThat(env.get("PAI_REDIS_PORT")).isEqualTo("6379");
            assertThat(services.has(env.get("PAI_PG_HOST"))).as(app + " PAI_PG_HOST").isTrue();
            assertThat(env.get("PAI_PG_PORT")).isEqualTo("5432");
            assertThat(env.get("PAI_PG_DB")).isEqualTo(environment(services.path("postgres")).get("POSTGRES_DB"));
            assertThat(env.get("PAI_PG_USER")).isEqualTo(environment(services.path("postgres")).get("POSTGRES_USER"));
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD"))
                    .isEqualTo(environment(services.path("postgres")).get("POSTGRES_PASSWORD"))
                    .startsWith("${POSTGRES_PASSWORD:-");
        });
    }

    @Test
    void servicesReadTheJwtPublicKeyThatJwtKeysWritesAndOnlyChatServiceSeesThePrivateKey() {
        String keysVolume = volumeSourceAt(services.path("jwt-keys"), "/keys");
        assertThat(keysVolume).as("jwt-keys writes into /keys").isNotNull();
        assertThat(String.join(" ", texts(services.path("jwt-keys").path("command"))))
                .contains("openssl genpkey", "/keys/public.pem", "/keys/private.pem");
        APP_PORTS.keySet().forEach(app -> {
            String publicKey = environment(services.path(app)).get("PAI_JWT_PUBLIC_KEY");
            assertThat(publicKey).as(app + " PAI_JWT_PUBLIC_KEY").isEqualTo("/keys/public.pem");
        });
        assertThat(volumeSourceAt(services.path("chat-service"), "/keys")).as("chat-service mounts the key folder")
                .isEqualTo(keysVolume);
        assertThat(environment(services.path("chat-service")).get("PAI_JWT_PRIVATE_KEY")).isEqualTo("/keys/private.pem");
        for (String app : List.of("agent-service", "redpacket-service", "share-service")) {
            assertThat(volumeSourceAt(services.path(app), "/keys")).as(app + " mounts no key folder").isNull();
            assertThat(volumeSourceAt(services.path(app), "/keys/public.pem")).as(app + " mounts the public key alone")
                    .isEqualTo(keysVolume + "/public.pem");
            assertThat(environment(services.path(app))).as(app).doesNotContainKey("PAI_JWT_PRIVATE_KEY");
        }
        assertThat(volumeSourceAt(services.path("agent-service"), "/keys/agent-service.token"))
                .as("the remixer's service token, for agent-service only").isEqualTo(keysVolume + "/agent-service.token");
        assertThat(environment(services.path("agent-service")).get("PAI_SERVICE_TOKEN_FILE"))
                .isEqualTo("/keys/agent-service.token");
    }

    @Test
    void redisFsyncsEveryWriteAndNeverEvicts() {
        String command = String.join(" ", texts(services.path("redis").path("command")));
        assertThat(command).contains("--appendonly yes", "--appendfsync always", "--maxmemory-policy noeviction");
    }

    /** The topics are those of the one table, pai.events.Topics, from which the launcher creates them too. */
    @Test
    void kafkaInitCreatesEverySpecTopicWithItsPartitionCount() {
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:4.1.1");
        assertThat(environment(services.path("kafka")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        String script = String.join("\n", texts(services.path("kafka-init").path("command")));
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Set<String> compacted = new TreeSet<>();
        Matcher m = Pattern.compile("--topic (\\S+) --partitions (\\d+)([^\\n]*)").matcher(script);
        while (m.find()) {
            assertThat(partitions.put(m.group(1), Integer.parseInt(m.group(2)))).as("kafka-init creates " + m.group(1) + " once")
                    .isNull();
            if (m.group(3).contains("cleanup.policy=compact")) {
                compacted.add(m.group(1));
            }
        }
        assertThat(Pattern.compile("--topic ").matcher(script).results().count())
                .as("every topic kafka-init creates states its partitions").isEqualTo(partitions.size());

        Map<String, Integer> table = new LinkedHashMap<>();
        Topics.ALL.forEach(topic -> table.put(topic.name(), topic.partitions()));
        assertThat(partitions).as("topics and partitions of kafka-init, against pai.events.Topics").isEqualTo(table);
        assertThat(compacted).as("compacted topics of kafka-init, against pai.events.Topics")
                .isEqualTo(new TreeSet<>(Topics.ALL.stream().filter(Topic::compacted).map(Topic::name).toList()));
    }

    @Test
    void prometheusScrapesEveryAppServiceAtQuarkusMetrics() throws IOException {
        assertThat(volumeSourceAt(services.path("prometheus"), "/etc/prometheus/prometheus.yml"))
                .isEqualTo("./deploy/prometheus/prometheus.yml");
        JsonNode config = YAML.readTree(repo.resolve("deploy/prometheus/prometheus.yml").toFile());
        // its rule_files, next to the config in the container (promtool checks them in ObservabilityConfigTest)
        assertThat(texts(config.path("rule_files"))).containsExactly("alerts.yml");
        assertThat(volumeSourceAt(services.path("prometheus"), "/etc/prometheus/alerts.yml"))
                .isEqualTo("./deploy/prometheus/alerts.yml");
        APP_PORTS.forEach((app, port) -> {
            List<String> paths = new ArrayList<>();
            for (JsonNode job : config.path("scrape_configs")) {
                for (JsonNode staticConfig : job.path("static_configs")) {
                    if (texts(staticConfig.path("targets")).contains(app + ":" + port)) {
                        paths.add(job.path("metrics_path").asText("/metrics"));
                        assertThat(staticConfig.path("labels").path("service").asText()).isEqualTo(app);
                    }
                }
            }
            assertThat(paths).as("scrapes of " + app).containsExactly("/q/metrics");
        });
    }

    @Test
    void gatewayRoutesEverySpecPrefixToItsService() throws IOException {
        assertThat(volumeSourceAt(services.path("gateway"), "/etc/nginx/nginx.conf"))
                .isEqualTo("./gateway/nginx.compose.conf");
        String conf = Files.readString(repo.resolve("gateway/nginx.compose.conf"), StandardCharsets.UTF_8)
                .replaceAll("(?m)(^|\\s)#.*$", "$1");
        Map<String, Set<String>> upstreams = new LinkedHashMap<>();
        Matcher upstream = Pattern.compile("upstream\\s+(\\S+)\\s*\\{([^}]*)}").matcher(conf);
        while (upstream.find()) {
            Set<String> servers = new LinkedHashSet<>();
            Matcher server = Pattern.compile("(?m)^\\s*server\\s+([^\\s;]+)").matcher(upstream.group(2));
            while (server.find()) {
                servers.add(server.group(1));
            }
            upstreams.put(upstream.group(1), servers);
        }
        Map<String, String> locations = new LinkedHashMap<>();
        Matcher location = Pattern.compile("location\\s+(?:(?:=|\\^~)\\s+)?(\\S+)\\s*\\{([^}]*)}").matcher(conf);
        while (location.find()) {
            locations.put(location.group(1), location.group(2));
        }

        GATEWAY_ROUTES.forEach((prefix, app) -> {
            assertThat(locations).as("gateway locations").containsKey(prefix);
            Matcher proxyPass = Pattern.compile("proxy_pass\\s+http://([^/;\\s]+)\\s*;").matcher(locations.get(prefix));
            assertThat(proxyPass.find()).as(prefix + " is proxied without rewriting the path").isTrue();
            assertThat(upstreams.get(proxyPass.group(1))).as(prefix + " goes to " + app)
                    .containsExactly(app + ":" + APP_PORTS.get(app));
        });

        String webSocket = locations.get("/api/chat/ws");
        assertThat(webSocket).as("the WebSocket location").isNotNull()
                .contains("Upgrade $http_upgrade", "Connection $connection_upgrade");
        assertThat(conf).as("HTTP/1.1 to the services, which the upgrade needs").contains("proxy_http_version 1.1");
        assertThat(locations.get("/")).as("the web client").contains("/usr/share/nginx/html");
        assertThat(volumeSourceAt(services.path("gateway"), "/usr/share/nginx/html")).isEqualTo("./web/dist");
        assertThat(conf).as("access log leaves out query strings (?token=)").doesNotContain("$request ", "$request\"", "$request_uri");
    }

    @Test
    void grafanaProvisionsPrometheusAndThePaiDashboards() throws IOException {
        JsonNode grafana = services.path("grafana");
        assertThat(volumeSourceAt(grafana, "/etc/grafana/provisioning")).isEqualTo("./deploy/grafana/provisioning");
        String dashboardsMount = "/etc/grafana/dashboards";
        assertThat(volumeSourceAt(grafana, dashboardsMount)).isEqualTo("./deploy/grafana/dashboards");

        JsonNode datasources = YAML.readTree(repo.resolve("deploy/grafana/provisioning/datasources/prometheus.yml").toFile());
        JsonNode prometheus = datasources.path("datasources").path(0);
        assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
        assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
        String datasourceUid = prometheus.path("uid").asText();

        JsonNode providers = YAML.readTree(repo.resolve("deploy/grafana/provisioning/dashboards/pai.yml").toFile());
        assertThat(providers.path("providers").path(0).path("options").path("path").asText()).isEqualTo(dashboardsMount);

        Map<String, String> queriesByTitle = new LinkedHashMap<>();
        try (var files = Files.list(repo.resolve("deploy/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                StringBuilder queries = new StringBuilder();
                for (JsonNode panel : dashboard.path("panels")) {
                    if (panel.path("type").asText().equals("row")) {
                        continue;
                    }
                    assertThat(panel.path("title").asText()).as(file + " panel title").isNotBlank();
                    assertThat(panel.path("datasource").path("uid").asText()).as(file + " datasource").isEqualTo(datasourceUid);
                    assertThat(panel.path("targets")).as(file + ": " + panel.path("title").asText()).isNotEmpty();
                    for (JsonNode target : panel.path("targets")) {
                        assertThat(target.path("expr").asText()).isNotBlank();
                        queries.append(target.path("expr").asText()).append('\n');
                    }
                }
                queriesByTitle.put(dashboard.path("title").asText(), queries.toString());
            }
        }
        assertThat(queriesByTitle).containsKeys("Pai overview", "Red packets", "Chat", "Agents", "Shares", "Kafka consumers");
        assertThat(queriesByTitle.get("Shares"))
                .contains("pai_share_shares_total", "by (channel)", "pai_share_clicks_total", "pai_share_accepts_total",
                        "pai_share_rewards_total", "pai_share_refusals_total", "by (reason)");
        assertThat(queriesByTitle.get("Agents"))
                .contains("pai_agent_decisions_total", "by (reason)", "pai_agent_replies_total",
                        "pai_agent_decision_time_seconds", "pai_agent_model_calls_total", "pai_agent_model_tokens_total",
                        "pai_agent_checkins_total", "pai_agent_remix_time_seconds_sum", "by (agent, reason)",
                        "pai_agent_model_latency_seconds_bucket", "outcome=\"budget\"", "reason=\"BUDGET\"");
        assertThat(queriesByTitle.get("Pai overview"))
                .contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                        "jvm_memory_used_bytes", "pai_outbox_lag_seconds_bucket");
        assertThat(queriesByTitle.get("Red packets"))
                .contains("pai_redpacket_grabs_total", "by (outcome)", "pai_redpacket_grab_latency_seconds_bucket",
                        "pai_redpacket_budget_remaining_cents", "pai_redpacket_relay_lag_seconds",
                        "pai_redpacket_drain_seconds_bucket", "pai_redpacket_reconciliations_total",
                        "pai_redpacket_relay_dead_letters_total");
        assertThat(queriesByTitle.get("Kafka consumers")).contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(queriesByTitle.get("Chat"))
                .contains("pai_chat_messages_total", "by (kind)", "pai_chat_websocket_connections",
                        "pai_chat_delivery_lag_seconds_bucket", "pai_outbox_lag_seconds_bucket");
    }

    // ---- reading docker-compose.yml ----------------------------------------------------------

    /** Services others wait for with service_completed_successfully: they run once and exit. */
    private static Set<String> oneShotServices() {
        Set<String> oneShots = new TreeSet<>();
        services.fields().forEachRemaining(entry -> entry.getValue().path("depends_on").fields().forEachRemaining(dep -> {
            if (dep.getValue().path("condition").asText().equals("service_completed_successfully")) {
                oneShots.add(dep.getKey());
            }
        }));
        return oneShots;
    }

    private static String healthcheckCommand(JsonNode service) {
        JsonNode test = service.path("healthcheck").path("test");
        List<String> parts = texts(test);
        if (!parts.isEmpty() && (parts.get(0).equals("CMD") || parts.get(0).equals("CMD-SHELL"))) {
            parts = parts.subList(1, parts.size());
        }
        return parts.isEmpty() || parts.get(0).equals("NONE") ? "" : String.join(" ", parts);
    }

    /** Environment as a map, from either the mapping or the list ("NAME=value") form. */
    private static Map<String, String> environment(JsonNode service) {
        JsonNode env = service.path("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env.isObject()) {
            env.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else {
            for (JsonNode item : env) {
                String[] kv = item.asText().split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return result;
    }

    /** Published ports as host port to container port, from the short ("[ip:]host:container") or long form. */
    private static Map<Integer, Integer> publishedPorts(JsonNode service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : service.path("ports")) {
            if (port.isObject()) {
                ports.put(port.path("published").asInt(), port.path("target").asInt());
            } else {
                String[] parts = port.asText().replaceAll("/(tcp|udp)$", "").split(":");
                if (parts.length >= 2) {
                    ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
                }
            }
        }
        return ports;
    }

    /** The source of the volume mounted at a path in the container, or null. */
    private static String volumeSourceAt(JsonNode service, String target) {
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isObject()) {
                if (volume.path("target").asText().equals(target)) {
                    return volume.path("source").asText();
                }
            } else {
                String[] parts = volume.asText().split(":");
                if (parts.length >= 2 && parts[1].equals(target)) {
                    return parts[0];
                }
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> result.add(item.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            result.add(node.asText());
        }
        return result;
    }

    private static Set<String> names(JsonNode dependsOn) {
        Set<String> result = new TreeSet<>();
        if (dependsOn.isArray()) {
            dependsOn.forEach(item -> result.add(item.asText()));
        } else {
            dependsOn.fieldNames().forEachRemaining(result::add);
        }
        return result;
    }

    // ---- the launcher and the repository -----------------------------------------------------

    /**
     * Names that ./pai sets for the processes it starts: {@code export NAME=...} or a
     * {@code NAME=value} before a command. Comments and here-documents (the usage text) are left
     * out, and so are names it only reads, such as {@code ${PAI_KAFKA_PORT:-9092}}.
     */
    private static Set<String> launcherAssignments(Pattern name) {
        Path launcher = repo.resolve("pai");
        assertThat(launcher).as("the launcher script ./pai").exists();
        String script;
        try {
            script = Files.readString(launcher, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        script = script
                .replaceAll("(?ms)<<-?\\s*['\"]?(\\w+)['\"]?[^\\n]*\\n.*?^\\s*\\1\\s*$", "")
                .replaceAll("(?m)(^|\\s)#.*$", "$1");
        Set<String> names = new TreeSet<>();
        Matcher assignment = Pattern.compile("(?m)(?:^|[\\s;&|(])(?:export\\s+)?([A-Z][A-Z0-9_]*)=").matcher(script);
        while (assignment.find()) {
            if (name.matcher(assignment.group(1)).matches()) {
                names.add(assignment.group(1));
            }
        }
        Matcher export = Pattern.compile("(?m)\\bexport((?:\\s+[A-Z][A-Z0-9_]*)+)\\s*$").matcher(script);
        while (export.find()) {
            for (String exported : export.group(1).trim().split("\\s+")) {
                if (name.matcher(exported).matches()) {
                    names.add(exported);
                }
            }
        }
        return names;
    }

    /** The folder whose pom.xml is pai-parent itself (a module's pom names it only as its parent). */
    private static Path repoRoot() throws IOException {
        String configured = System.getProperty("pai.repo");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                String text = Files.readString(pom, StandardCharsets.UTF_8);
                if (text.contains("<artifactId>pai-parent</artifactId>") && !text.contains("<parent>")) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("no pai-parent pom.xml above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orderedMap(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
