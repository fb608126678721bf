package pai.agent.service.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1, for the tests of {@link ModelBackend}. It
 * records every request body and answers {@code ANSWER_PREFIX + <the last message's content>} with the
 * usage {@link #PROMPT_TOKENS} / {@link #COMPLETION_TOKENS}. A last message containing {@link #SLOW}
 * waits {@link #SLOW_MILLIS} before answering; one containing {@link #BROKEN} is answered 500.
 */
public class FakeModelEndpoint implements QuarkusTestResourceLifecycleManager {
    static final String ANSWER_PREFIX = "好的, ";
    static final int PROMPT_TOKENS = 37;
    static final int COMPLETION_TOKENS = 5;
    static final String SLOW = "[slow]";
    static final long SLOW_MILLIS = 3_000;
    static final String BROKEN = "[broken]";
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final int MAX_RETRIES = 1;
    static final int HOURLY_CALLS = 3;

    /** The request bodies in the order they arrived, as JSON. */
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private ExecutorService handlers;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // One thread per request, so that a slow answer never delays the next test's request
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
        return Map.of(
                "pai.agent.model.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "pai.agent.model.timeout", TIMEOUT.toString(),
                "pai.agent.model.max-retries", Integer.toString(MAX_RETRIES),
                "pai.agent.model.hourly-calls-per-pai", Integer.toString(HOURLY_CALLS));
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(in);
            REQUESTS.add(request);
            JsonNode messages = request.path("messages");
            String last = messages.path(messages.size() - 1).path("content").asText();
            if (last.contains(BROKEN)) {
                reply(exchange, 500, "{\"error\":{\"message\":\"the fake is broken\",\"type\":\"server_error\"}}");
                return;
            }
            if (last.contains(SLOW)) {
                Thread.sleep(SLOW_MILLIS);
            }
            reply(exchange, 200, completion(request.path("model").asText(), ANSWER_PREFIX + last));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String completion(String model, String content) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage")
                .put("prompt_tokens", PROMPT_TOKENS)
                .put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        return body.toString();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
