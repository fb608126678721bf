package pai.platform.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real WebSocket client for chat's live delivery: it keeps every frame it receives and how the server closed it. */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private LiveClient() {
    }

    /** Connects with the subprotocol pair {@code bearer, <jwt>}. */
    public static LiveClient bySubprotocol(URI ws, String jwt) {
        LiveClient client = new LiveClient();
        client.socket = HTTP.newWebSocketBuilder().subprotocols("bearer", jwt).buildAsync(ws, client).join();
        return client;
    }

    public static LiveClient byQuery(URI ws, String jwt) {
        LiveClient client = new LiveClient();
        client.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=" + jwt), client).join();
        return client;
    }

    public void resume(String paiId, long afterSeq) {
        socket.sendText("{\"type\":\"resume\",\"paiId\":\"" + paiId + "\",\"afterSeq\":" + afterSeq + "}", true).join();
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The seqs of the message frames of one pai, in the order they arrived. */
    public List<Long> seqs(String paiId) {
        return frames().stream().filter(f -> "message".equals(f.path("type").asText()) && paiId.equals(f.path("paiId").asText()))
                .map(f -> f.get("seq").asLong()).toList();
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode frame : frames()) {
                if (match.test(frame)) {
                    return frame;
                }
            }
            sleep(20);
        }
        throw new AssertionError("no matching frame within " + timeout + "; got " + frames());
    }

    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within " + timeout + "; got " + frames(), e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode frame = JSON.readTree(partial.toString());
                synchronized (this) {
                    frames.add(frame);
                }
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
