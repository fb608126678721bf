package pai.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Calls the services through the gateway as a signed-in user, or as nobody. Never throws for what the far side
 * does: an endpoint that does not exist answers 404, and nothing answering is status 0 ("000").
 */
final class GatewayClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    GatewayClient(URI base) {
        this.base = base;
    }

    /** A status and the body as JSON (a missing node when it is not JSON). */
    record Answer(int status, JsonNode body) {
        /** The status as curl's {@code %{http_code}} prints it: 000 when nothing answered. */
        String code() {
            return "%03d".formatted(status);
        }

        boolean is(int... statuses) {
            for (int expected : statuses) {
                if (status == expected) {
                    return true;
                }
            }
            return false;
        }

        /** A string field of the answer, or "" when it has none. */
        String text(String field) {
            JsonNode value = body.path(field);
            return value.isTextual() ? value.asText() : "";
        }
    }

    Answer post(String token, String path, JsonNode json) throws InterruptedException {
        return send("POST", token, path, json, null);
    }

    /** {@code json} null sends an empty body; {@code idempotencyKey} null sends none. */
    Answer send(String method, String token, String path, JsonNode json, String idempotencyKey)
            throws InterruptedException {
        byte[] body = json == null ? new byte[0] : json.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = request(token, path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return call(request.build());
    }

    /** Uploads a file as the {@code file} part of a multipart/form-data form. */
    Answer upload(String token, String path, Path file, String contentType) throws InterruptedException {
        String boundary = "pai-" + UUID.randomUUID();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        try {
            form.writeBytes(("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
                    + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            form.writeBytes(Files.readAllBytes(file));
            form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(0, MissingNode.getInstance());
        }
        return call(request(token, path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build());
    }

    /** {@code token} null sends no Authorization header (signing up and in). */
    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer call(HttpRequest request) throws InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Answer(0, MissingNode.getInstance());
        }
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? MissingNode.getInstance() : json;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
