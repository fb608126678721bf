package pai.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Asks the ITs' Redis database (1, as the @QuarkusTests use) one integer question, in plain RESP. */
final class RedisProbe {
    private RedisProbe() {
    }

    static long streamLength(String key) {
        String host = ItEnvironment.env("PAI_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(ItEnvironment.env("PAI_REDIS_PORT", "6379"));
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out.write(command("SELECT", "1"));
            out.write(command("XLEN", key));
            out.flush();
            String selected = in.readLine();
            String length = in.readLine();
            if (!"+OK".equals(selected) || length == null || !length.startsWith(":")) {
                throw new IllegalStateException("Redis answered " + selected + " / " + length);
            }
            return Long.parseLong(length.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }
}
