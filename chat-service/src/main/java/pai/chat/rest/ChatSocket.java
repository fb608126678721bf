package pai.chat.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import pai.chat.service.live.LiveConnections;
import pai.chat.service.live.LiveDelivery;
import pai.chat.service.live.LiveFrames;
import pai.platform.security.CurrentUser;

/**
 * Live delivery. Browsers cannot set headers on a WebSocket, so the token comes as the
 * subprotocol pair {@code bearer, <JWT>} or as {@code ?token=}; a bad or expired one closes the
 * connection with 4401 (a close code, because a browser never sees the HTTP status of a handshake).
 */
@WebSocket(path = "/api/chat/ws")
public class ChatSocket {
    static final String SUBPROTOCOL = "bearer";

    private final LiveDelivery live;
    private final LiveConnections connections;
    private final JWTParser tokens;
    private final ObjectMapper json;

    public ChatSocket(LiveDelivery live, LiveConnections connections, JWTParser tokens, ObjectMapper json) {
        this.live = live;
        this.connections = connections;
        this.tokens = tokens;
        this.json = json;
    }

    /** What a client may send: {@code {type:"resume", paiId, afterSeq}}. */
    public record ClientFrame(String type, String paiId, Long afterSeq) {
    }

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        Optional<JsonWebToken> jwt = verify(tokenOf(connection.handshakeRequest()));
        if (jwt.isEmpty()) {
            connection.closeAndAwait(new CloseReason(LiveDelivery.CLOSE_BAD_TOKEN, "a valid token is required"));
            return;
        }
        live.register(connection, jwt.get().getSubject(), Instant.ofEpochSecond(jwt.get().getExpirationTime()));
    }

    @OnTextMessage
    public void onFrame(WebSocketConnection connection, String text) {
        if (!live.admitClientFrame(connection.id())) {
            return;
        }
        ClientFrame frame;
        try {
            frame = json.readValue(text, ClientFrame.class);
        } catch (JsonProcessingException e) {
            connection.sendTextAndAwait(error("INVALID_FRAME", null, "expected {type:\"resume\", paiId, afterSeq}"));
            return;
        }
        if (!"resume".equals(frame.type()) || frame.paiId() == null || frame.afterSeq() == null || frame.afterSeq() < 0) {
            connection.sendTextAndAwait(error("INVALID_FRAME", frame.paiId(), "expected {type:\"resume\", paiId, afterSeq >= 0}"));
            return;
        }
        live.resume(connection.id(), frame.paiId(), frame.afterSeq());
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        connections.remove(connection.id());
    }

    private Optional<JsonWebToken> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = tokens.parse(token);
            boolean user = jwt.getGroups() != null && jwt.getGroups().contains(CurrentUser.USER);
            return user && jwt.getSubject() != null ? Optional.of(jwt) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** From {@code Sec-WebSocket-Protocol: bearer, <JWT>}, else the {@code token} query parameter. */
    static String tokenOf(HandshakeRequest request) {
        String protocols = request.header(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL);
        if (protocols != null) {
            String[] offered = protocols.split(",");
            for (int i = 0; i + 1 < offered.length; i++) {
                if (offered[i].trim().equalsIgnoreCase(SUBPROTOCOL)) {
                    return offered[i + 1].trim();
                }
            }
        }
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static String error(String code, String paiId, String detail) {
        return LiveFrames.json(new LiveFrames.ErrorFrame("error", code, paiId, detail));
    }
}
