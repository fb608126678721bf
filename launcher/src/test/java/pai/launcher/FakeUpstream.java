package pai.launcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A service behind the gateway, as the gateway sees it: an HTTP/1.1 server that answers every request
 * with what reached it (service, method, path, headers) and accepts a WebSocket upgrade, echoing text
 * frames. Raw sockets, so that a test sees exactly what nginx forwards.
 */
final class FakeUpstream implements AutoCloseable {
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String service;
    private final ServerSocket server;
    private final Thread acceptor;

    FakeUpstream(String service) throws IOException {
        this.service = service;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = daemon("fake-" + service, this::accept);
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                daemon("fake-" + service + "-connection", () -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = headers(in);
                in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                    upgrade(headers, in, out);
                    return;
                }
                String[] parts = requestLine.split(" ");
                byte[] body = answer(parts[0], parts[1], headers).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException gone) {
            // the gateway closed the connection
        }
    }

    private String answer(String method, String path, Map<String, String> headers) {
        return "{\"service\":\"" + service + "\",\"method\":\"" + method + "\",\"path\":\"" + path.replace("\"", "")
                + "\",\"forwardedFor\":\"" + headers.getOrDefault("x-forwarded-for", "") + "\",\"authorization\":\""
                + headers.getOrDefault("authorization", "") + "\"}";
    }

    /** Accepts the upgrade with the subprotocol the client offered first, then echoes each text frame. */
    private static void upgrade(Map<String, String> headers, InputStream in, OutputStream out) throws IOException {
        String protocols = headers.getOrDefault("sec-websocket-protocol", "");
        String protocol = protocols.split(",")[0].trim();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(headers.get("sec-websocket-key")) + "\r\n"
                + (protocol.isEmpty() ? "" : "Sec-WebSocket-Protocol: " + protocol + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return;
            }
            int opcode = first & 0x0f;
            long length = second & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 0x8) {
                out.write(new byte[] { (byte) 0x88, 0 });
                out.flush();
                return;
            }
            if (opcode == 0x1) {
                byte[] echo = ("echo:" + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                out.write(0x81);
                out.write(echo.length);  // the tests' frames are short
                out.write(echo);
                out.flush();
            }
        }
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).replaceAll("\r$", "");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
