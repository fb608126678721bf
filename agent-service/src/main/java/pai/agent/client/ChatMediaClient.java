package pai.agent.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import pai.agent.config.ChatClientConfig;
import pai.platform.error.ApiException;
import pai.platform.error.InvalidFieldException;

/**
 * chat-service's media API, as the remixer uses it: fresh signed URLs of an image, its bytes, and the
 * upload of a new one. Each call carries a bearer: the asking user's on a REST remix (so chat-service
 * decides what that user may see, and the user owns the result), the service token on a remix asked for
 * in the chat. Every call is bounded by the configured timeout; chat-service not answering is a 503.
 */
@ApplicationScoped
public class ChatMediaClient {
    private final ChatClientConfig config;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final HttpClient http;

    public ChatMediaClient(ChatClientConfig config, ObjectMapper json, MeterRegistry registry) {
        this.config = config;
        this.json = json;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** chat-service's answer for a stored image; the shape of {@code POST /api/chat/media}'s answer. */
    public record StoredImage(String mediaId, String contentType, int width, int height, String url, String thumbnailUrl) {
    }

    public static class ChatUnavailable extends ApiException {
        public ChatUnavailable(String detail) {
            super(503, "BUSY", "chat-service did not answer: " + detail);
        }
    }

    /** The bearer of agent-service itself, for work that no user's request carries. */
    public String serviceBearer() {
        String file = config.serviceTokenFile().filter(value -> !value.isBlank())
                .orElseThrow(() -> new ChatUnavailable("no service token is configured (PAI_SERVICE_TOKEN_FILE)"));
        try {
            String token = Files.readString(Path.of(file)).trim();
            if (token.isEmpty()) {
                throw new ChatUnavailable("the service token file " + file + " is empty");
            }
            return "Bearer " + token;
        } catch (IOException e) {
            throw new ChatUnavailable("the service token file cannot be read: " + e.getMessage());
        }
    }

    /** The image behind {@code mediaId}, if {@code bearer} may see it; 400 naming mediaId when not. */
    public BufferedImage read(String mediaId, String bearer) {
        HttpResponse<byte[]> urls = send("urls", HttpRequest.newBuilder(uri("/api/chat/media/" + encode(mediaId) + "/urls"))
                .header("Authorization", bearer).GET());
        if (urls.statusCode() == 404 || urls.statusCode() == 400) {
            throw new InvalidFieldException("mediaId", "no image " + mediaId + " that you may see");
        }
        StoredImage stored = parse(urls, StoredImage.class);
        HttpResponse<byte[]> file = send("read", HttpRequest.newBuilder(uri(stored.url())).GET());
        expect(file, 200);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
            if (image == null) {
                throw new InvalidFieldException("mediaId", "media " + mediaId + " is not an image this service reads");
            }
            return image;
        } catch (IOException e) {
            throw new InvalidFieldException("mediaId", "media " + mediaId + " cannot be decoded");
        }
    }

    /** Stores a PNG as new media, owned by whoever {@code bearer} names. */
    public StoredImage store(byte[] png, String bearer) {
        String boundary = "pai-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"remix.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(png, 0, body, head.length, png.length);
        System.arraycopy(tail, 0, body, head.length + png.length, tail.length);
        HttpResponse<byte[]> created = send("store", HttpRequest.newBuilder(uri("/api/chat/media"))
                .header("Authorization", bearer)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        expect(created, 201);
        return parse(created, StoredImage.class);
    }

    private HttpResponse<byte[]> send(String call, HttpRequest.Builder request) {
        String outcome = "error";
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(config.timeout()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            outcome = Integer.toString(response.statusCode());
            return response;
        } catch (IOException e) {
            throw new ChatUnavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatUnavailable("interrupted");
        } finally {
            registry.counter("pai.agent.chat.calls", "call", call, "outcome", outcome).increment();
        }
    }

    private static void expect(HttpResponse<byte[]> response, int status) {
        if (response.statusCode() != status) {
            throw new ChatUnavailable(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private <T> T parse(HttpResponse<byte[]> response, Class<T> type) {
        expect(response, response.statusCode() == 201 ? 201 : 200);
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("chat-service answered what is not a media view", e);
        }
    }

    private URI uri(String path) {
        return URI.create(config.baseUrl() + path);
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
