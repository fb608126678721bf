package pai.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import pai.it.ApiWorld.Answer;
import pai.it.ApiWorld.Multipart;

/**
 * Every operation of the four services' {@code /q/openapi}, called with inputs made from its own document and
 * bent: bodies built from the operation's schema with values out of range, of the wrong type, missing, extra,
 * SQL and markup, broken or deeply nested JSON; path and query parameters likewise; images that are not images.
 * The caller is the pai's owner holding the operator role too, so that every input reaches the validation behind
 * the sign-in. No answer is a 5xx or tells of the inside (a stack trace, SQL, a class name); every refusal is
 * problem+json and leaves PostgreSQL's rows and Redis's keys as they were. jqwik's default of tries is set in
 * junit-platform.properties (200) for the test command; {@code chaos/fuzz.sh} runs 10,000.
 */
class InputFuzzIT {
    /** What a response must never show of the inside. */
    private static final Pattern LEAK = Pattern.compile("(?i)exception|\\bat [a-z][\\w$]*(\\.[\\w$]+){2,}\\(|org\\.hibernate|"
            + "org\\.postgresql|java\\.(lang|util|sql|io)\\.|jakarta\\.|io\\.(quarkus|vertx|smallrye)|resteasy|com\\.fasterxml|"
            + "sqlstate|syntax error at|duplicate key|violates .* constraint|"
            + "\\bselect\\s+[\\w.*,\\s]+\\s+from\\s+\\w+\\s+(where|join|order|group|limit)\\b|"
            + "pai\\.[a-z]+\\.(domain|service|rest|messaging|config)\\.");
    /**
     * Keys a refusal writes by design: the counters of the sign-in lock, the send and sign-up limits and the share
     * velocity guard, which count refused calls too; and the model budget, which counts what the offline engine
     * did not spend.
     */
    private static final List<String> COUNTERS = List.of("pai:chat:signin:", "pai:chat:signups:", "pai:chat:sends:",
            "pai:share:accepts:", "pai:agent:model:", "rp:attempts:");
    /**
     * Tables a refusal writes to by design: a share accept refused by the campaign's rules (a daily cap, the
     * velocity guard) is kept with its reason, for the operator's funnel.
     */
    private static final Map<String, Set<String>> RECORDED_REFUSALS = Map.of("POST /api/shares/{code}/accept",
            Set.of("share.share_accept"));
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final String[] HOSTILE_JSON = {"null", "\"\"", "-1", "0", "2147483648", "9223372036854775807",
            "-9223372036854775808", "99999999999999999999999", "1e400", "1.5", "-0.0", "true", "[]", "{}", "\"NaN\"",
            "\"' OR '1'='1\"", "\"'; DROP TABLE message; --\"", "\"\\u0000\"", "\"<script>alert(1)</script>\"",
            "\"../../../etc/passwd\"", "\"%s%s%n\"", "\"🧧𝕏\\u202e\"", "\"${jndi:ldap://x/a}\"", "\"" + "长".repeat(5000) + "\"",
            "[1,2,3]", "{\"a\":1}", "\"2026-13-45T25:61:00Z\""};
    private static final String[] HOSTILE_TEXT = {"", "0", "-1", "99999999999999999999", "' OR '1'='1", "..", "%00", "🧧",
            "<b>", "a".repeat(300), "null", "true", "1e400", "${x}", "\\", "\"", "%2F..%2F"};
    private static final String[] BROKEN_BODIES = {"", "{", "}", "nul", "[1,2", "{\"a\":}", "\"just a string\"", "12",
            "{\"a\":1,}", "{'single':'quotes'}", "[".repeat(1200) + "]".repeat(1200),
            "{\"a\":".repeat(1200) + "1" + "}".repeat(1200), "\u0000\u0001\u0002"};

    /**
     * Operations whose path, filled with the world's own values, would take the world apart for the calls after
     * (the owner leaving, the campaign cancelled): they get bent path values only.
     */
    private static final Set<String> DESTRUCTIVE = Set.of("POST /api/chat/pais/{paiId}/leave",
            "DELETE /api/chat/pais/{paiId}/members/{userId}", "POST /api/redpackets/campaigns/{campaignId}/cancel",
            "POST /api/redpackets/drops/{dropId}/cancel");

    /**
     * The services of this class alone, stopped after it: processes left running would join the next ITs' consumer
     * groups and relay lease.
     */
    private static final ServiceInstances services = new ServiceInstances();
    private static ApiWorld world;
    private static String token;
    private static List<Operation> operations;
    /** PostgreSQL's rows and Redis's keys as the last call left them, once settled: the next call's before. */
    private static Map<String, List<Long>> rows;
    private static Set<String> keys;

    /** One operation as its document describes it. */
    private record Operation(String name, String method, String path, List<String> pathParameters,
            Map<String, JsonNode> queryParameters, JsonNode bodySchema, boolean multipart, JsonNode document) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One call: what jqwik generates, shrinks and reports. */
    record Call(String operation, String method, String target, String contentType, String body, byte[] upload) {
        @Override
        public String toString() {
            String shown = body == null ? (upload == null ? "" : " [" + upload.length + " bytes " + contentType + "]")
                    : " " + (body.length() > 400 ? body.substring(0, 400) + "…(" + body.length() + " chars)" : body);
            return method + " " + (target.length() > 400 ? target.substring(0, 400) + "…" : target) + shown;
        }
    }

    @BeforeContainer
    static void startServicesAndBuildTheWorld() {
        world = ApiWorld.build(ApiWorld.Services.start(services));
        token = ItEnvironment.operatorBearer(world.users.get(ApiWorld.Caller.OWNER)).substring(7);
        operations = new ArrayList<>();
        for (ServiceProcess service : world.services().all()) {
            operations.addAll(operationsOf(service));
        }
    }

    // no edge cases: jqwik's mix them in so often that one operation took a quarter of the tries; the bent values
    // above are the edge cases
    @AfterContainer
    static void stopServices() {
        services.stopAll();
    }

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void noInputGetsA5xxOrLeaksAndARefusedOneWritesNothing(@ForAll("calls") Call call) throws SQLException {
        if (rows == null) {
            settle();
        }
        Map<String, List<Long>> rowsBefore = rows;
        Set<String> keysBefore = keys;
        Answer answer = send(call);
        Statistics.label("status").collect(answer.status() / 100 + "xx");
        Statistics.label("operation").collect(call.operation());
        if (answer.status() >= 500) {
            throw new AssertionError(call + " answered " + answer.status() + ": " + answer.shown());
        }
        Matcher leak = LEAK.matcher(answer.shown());
        if (leak.find()) {
            throw new AssertionError(call + " answered " + answer.status() + " telling '" + leak.group() + "': " + answer.shown());
        }
        if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                throw new AssertionError(call + " refused with " + answer.status() + " as " + answer.contentType());
            }
            Map<String, List<Long>> rowsAfter = rows();
            Set<String> keysAfter = keys();
            rows = rowsAfter;
            keys = keysAfter;
            Set<String> recorded = RECORDED_REFUSALS.getOrDefault(call.operation(), Set.of());
            if (!without(rowsAfter, recorded).equals(without(rowsBefore, recorded)) || !keysAfter.equals(keysBefore)) {
                throw new AssertionError(call + " refused with " + answer.status() + " but wrote: " + changes(rowsBefore,
                        rowsAfter) + " " + keyChanges(keysBefore, keysAfter));
            }
        } else {
            settle();
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(operations).flatMap(InputFuzzIT::callsOf);
    }

    private static Arbitrary<Call> callsOf(Operation operation) {
        List<Arbitrary<String>> segments = new ArrayList<>();
        for (String parameter : operation.pathParameters()) {
            String real = world.parameter(parameter);
            segments.add(DESTRUCTIVE.contains(operation.name()) ? hostileText()
                    : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(real)), Tuple.of(1, hostileText())));
        }
        Arbitrary<String> path = segments.isEmpty() ? Arbitraries.just(operation.path())
                : Combinators.combine(segments).as(values -> fill(operation.path(), values));
        Arbitrary<String> query = query(operation);
        Arbitrary<String> target = Combinators.combine(path, query).as((p, q) -> q.isEmpty() ? p : p + "?" + q);
        if (operation.multipart()) {
            return Combinators.combine(target, uploads()).as((t, upload) -> {
                Multipart body = Multipart.of("file", "upload", upload.get1(), upload.get2());
                return new Call(operation.name(), operation.method(), t, body.contentType(), null, body.bytes());
            });
        }
        if (operation.bodySchema() == null) {
            return target.map(t -> new Call(operation.name(), operation.method(), t, null, null, null));
        }
        Arbitrary<String> body = Arbitraries.frequencyOf(
                Tuple.of(8, json(operation.bodySchema(), operation.document(), 0)),
                Tuple.of(1, Arbitraries.of(BROKEN_BODIES)),
                Tuple.of(1, json(operation.bodySchema(), operation.document(), 0)
                        .map(object -> object.startsWith("{") && object.length() > 2
                                ? "{\"unexpected\":{\"x\":[1,2]}," + object.substring(1) : object)));
        return Combinators.combine(target, body)
                .as((t, b) -> new Call(operation.name(), operation.method(), t, "application/json", b, null));
    }

    private static String fill(String path, List<String> values) {
        Matcher parameter = PATH_PARAMETER.matcher(path);
        StringBuilder concrete = new StringBuilder();
        Iterator<String> next = values.iterator();
        while (parameter.find()) {
            parameter.appendReplacement(concrete, Matcher.quoteReplacement(encode(next.next())));
        }
        return parameter.appendTail(concrete).toString();
    }

    private static Arbitrary<String> query(Operation operation) {
        if (operation.queryParameters().isEmpty()) {
            return Arbitraries.just("");
        }
        List<Arbitrary<String>> pairs = new ArrayList<>();
        operation.queryParameters().forEach((name, schema) -> {
            // at most 300 characters: a request line past the HTTP server's 4 KiB is refused (414) before any code of ours
            Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(3, json(schema, operation.document(), 0).map(InputFuzzIT::unquote)),
                    Tuple.of(2, hostileText())).map(v -> v.length() > 300 ? v.substring(0, 300) : v);
            pairs.add(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")),
                    Tuple.of(2, value.map(v -> name + "=" + encode(v)))));
        });
        return Combinators.combine(pairs).as(parts -> parts.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining("&")));
    }

    private static Arbitrary<Tuple.Tuple2<String, byte[]>> uploads() {
        byte[] png = ApiWorld.png();
        Arbitrary<byte[]> content = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(png)),
                Tuple.of(2, Arbitraries.just(Arrays.copyOf(png, 40))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)),
                Tuple.of(1, Arbitraries.just(new byte[0])));
        Arbitrary<String> type = Arbitraries.of("image/png", "image/jpeg", "image/gif", "application/octet-stream", "text/plain");
        return Combinators.combine(type, content).as(Tuple::of);
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(HOSTILE_TEXT)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }

    /** A JSON value for the schema: mostly of its shape, sometimes hostile. */
    private static Arbitrary<String> json(JsonNode schema, JsonNode document, int depth) {
        JsonNode resolved = resolve(schema, document);
        Arbitrary<String> shaped = shaped(resolved, document, depth);
        return Arbitraries.frequencyOf(Tuple.of(4, shaped), Tuple.of(1, Arbitraries.of(HOSTILE_JSON)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30).map(InputFuzzIT::quote)));
    }

    private static Arbitrary<String> shaped(JsonNode schema, JsonNode document, int depth) {
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(value -> values.add(value.toString()));
            return Arbitraries.of(values);
        }
        String type = typeOf(schema);
        switch (type) {
            case "integer" -> {
                long min = schema.has("minimum") ? schema.path("minimum").asLong() : -5;
                long max = schema.has("maximum") ? schema.path("maximum").asLong() : 1_000_000;
                return Arbitraries.longs().between(Math.min(min, max), max).map(Object::toString);
            }
            case "number" -> {
                return Arbitraries.doubles().between(-1e6, 1e6).map(Object::toString);
            }
            case "boolean" -> {
                return Arbitraries.of("true", "false");
            }
            case "array" -> {
                if (depth > 3) {
                    return Arbitraries.just("[]");
                }
                return json(schema.path("items"), document, depth + 1).list().ofMaxSize(4)
                        .map(items -> "[" + String.join(",", items) + "]");
            }
            case "object" -> {
                return object(schema, document, depth);
            }
            default -> {
                if ("date-time".equals(schema.path("format").asText())) {
                    // an hour or more from now either way: a drop the fuzzing creates neither opens nor closes by
                    // itself while the run watches the rows
                    return Arbitraries.oneOf(Arbitraries.longs().between(-3 * 86_400, -3_600),
                                    Arbitraries.longs().between(3_600, 30 * 86_400))
                            .map(seconds -> quote(Instant.now().plusSeconds(seconds).toString()));
                }
                int max = schema.has("maxLength") ? Math.min(schema.path("maxLength").asInt(), 300) : 40;
                return Arbitraries.strings().ofMinLength(0).ofMaxLength(max).map(InputFuzzIT::quote);
            }
        }
    }

    private static Arbitrary<String> object(JsonNode schema, JsonNode document, int depth) {
        if (depth > 3 || !schema.path("properties").isObject()) {
            return Arbitraries.just("{}");
        }
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<Arbitrary<String>> members = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(property -> {
            Arbitrary<String> member = json(property.getValue(), document, depth + 1).map(v -> quote(property.getKey()) + ":" + v);
            members.add(Arbitraries.frequencyOf(Tuple.of(required.contains(property.getKey()) ? 1 : 3, Arbitraries.just("")),
                    Tuple.of(8, member)));
        });
        if (members.isEmpty()) {
            return Arbitraries.just("{}");
        }
        return Combinators.combine(members).as(parts -> "{" + parts.stream().filter(p -> !p.isEmpty())
                .collect(Collectors.joining(",")) + "}");
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!"null".equals(one.asText())) {
                    return one.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** The schema a {@code $ref}, or an allOf/anyOf/oneOf of one, stands for. */
    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        for (int hops = 0; hops < 10; hops++) {
            if (schema.has("$ref")) {
                String[] parts = schema.path("$ref").asText().substring(2).split("/");
                JsonNode target = document;
                for (String part : parts) {
                    target = target.path(part);
                }
                schema = target;
            } else if (schema.path("allOf").size() == 1) {
                schema = schema.path("allOf").path(0);
            } else if (schema.path("anyOf").size() > 0) {
                schema = first(schema.path("anyOf"));
            } else if (schema.path("oneOf").size() > 0) {
                schema = first(schema.path("oneOf"));
            } else {
                return schema;
            }
        }
        return schema;
    }

    private static JsonNode first(JsonNode alternatives) {
        for (JsonNode alternative : alternatives) {
            if (!"null".equals(alternative.path("type").asText())) {
                return alternative;
            }
        }
        return alternatives.path(0);
    }

    private static List<Operation> operationsOf(ServiceProcess service) {
        JsonNode document = ApiWorld.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/openapi?format=json")).build())
                .json();
        List<Operation> found = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                return;
            }
            JsonNode operation = method.getValue();
            List<String> pathParameters = new ArrayList<>();
            Matcher parameter = PATH_PARAMETER.matcher(path.getKey());
            while (parameter.find()) {
                pathParameters.add(parameter.group(1));
            }
            Map<String, JsonNode> query = new LinkedHashMap<>();
            for (JsonNode declared : operation.path("parameters")) {
                if ("query".equals(declared.path("in").asText())) {
                    query.put(declared.path("name").asText(), declared.path("schema"));
                }
            }
            JsonNode content = operation.path("requestBody").path("content");
            JsonNode body = content.has("application/json") ? content.path("application/json").path("schema") : null;
            String verb = method.getKey().toUpperCase(Locale.ROOT);
            found.add(new Operation(verb + " " + path.getKey(), verb, path.getKey(), pathParameters, query, body,
                    content.has("multipart/form-data"), document));
        }));
        return found;
    }

    private static Answer send(Call call) {
        ServiceProcess service = world.services().of(call.target());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + call.target()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (call.upload() != null) {
            request.header("Content-Type", call.contentType()).method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.upload()));
        } else if (call.body() != null) {
            request.header("Content-Type", call.contentType()).method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return ApiWorld.send(request.build());
    }

    /**
     * Each table of the four services' schemas: its row count and the newest row version (xmin), which moves with
     * any insert or update.
     */
    private static Map<String, List<Long>> rows() throws SQLException {
        Map<String, List<Long>> counted = new TreeMap<>();
        try (Connection db = ItEnvironment.database("public"); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet found = statement.executeQuery("select table_schema || '.' || table_name from information_schema.tables"
                    + " where table_type = 'BASE TABLE' and table_schema in ('chat', 'agent', 'redpacket', 'share')")) {
                while (found.next()) {
                    tables.add(found.getString(1));
                }
            }
            String counts = tables.stream()
                    .map(table -> "select '" + table + "', count(*), coalesce(max(xmin::text::bigint), 0) from " + table)
                    .collect(Collectors.joining(" union all "));
            if (counts.isEmpty()) {
                return counted;
            }
            try (ResultSet row = statement.executeQuery(counts)) {
                while (row.next()) {
                    counted.put(row.getString(1), List.of(row.getLong(2), row.getLong(3)));
                }
            }
        }
        return counted;
    }

    private static Set<String> keys() {
        Set<String> found = new TreeSet<>();
        for (String key : RedisProbe.keys()) {
            if (COUNTERS.stream().noneMatch(key::startsWith)) {
                found.add(key);
            }
        }
        return found;
    }

    /**
     * After a call that passed: waits until the services' events and relays have written what it caused (a check-in's
     * message comes back from agent-service over two topics), that is until six looks 100 ms apart agree, for at most
     * 10 s; what they left is the next call's before.
     */
    private static void settle() throws SQLException {
        rows = rows();
        keys = keys();
        int quiet = 0;
        for (int i = 0; i < 100 && quiet < 6; i++) {
            sleep(100);
            Map<String, List<Long>> now = rows();
            Set<String> nowKeys = keys();
            quiet = now.equals(rows) && nowKeys.equals(keys) ? quiet + 1 : 0;
            rows = now;
            keys = nowKeys;
        }
    }

    private static Map<String, List<Long>> without(Map<String, List<Long>> rows, Set<String> tables) {
        Map<String, List<Long>> kept = new TreeMap<>(rows);
        kept.keySet().removeAll(tables);
        return kept;
    }

    private static String changes(Map<String, List<Long>> before, Map<String, List<Long>> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((table, counts) -> {
            if (!counts.equals(before.get(table))) {
                changed.add(table + " " + before.get(table) + " -> " + counts);
            }
        });
        return "rows " + changed;
    }

    private static String keyChanges(Set<String> before, Set<String> after) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        return "keys added " + added + " removed " + removed;
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static String unquote(String json) {
        return json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
