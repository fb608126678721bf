package pai.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Asks the ITs' Redis database (1, as the @QuarkusTests use) a question, in plain RESP. */
final class RedisProbe {
    private RedisProbe() {
    }

    static long streamLength(String key) {
        return inDatabase((out, in) -> {
            out.write(command("XLEN", key));
            out.flush();
            String length = in.readLine();
            if (length == null || !length.startsWith(":")) {
                throw new IllegalStateException("Redis answered " + length + " to XLEN");
            }
            return Long.parseLong(length.substring(1));
        });
    }

    /** Every key of the database, by SCAN. */
    static Set<String> keys() {
        return inDatabase((out, in) -> {
            Set<String> keys = new HashSet<>();
            String cursor = "0";
            do {
                out.write(command("SCAN", cursor, "COUNT", "1000"));
                out.flush();
                expectHeader(in.readLine(), "*2");
                in.readLine(); // $<length of the cursor>
                cursor = in.readLine();
                int count = Integer.parseInt(in.readLine().substring(1));
                for (int i = 0; i < count; i++) {
                    in.readLine(); // $<length of the key>
                    keys.add(in.readLine());
                }
            } while (!cursor.equals("0"));
            return keys;
        });
    }

    private interface Conversation<T> {
        T talk(OutputStream out, BufferedReader in) throws IOException;
    }

    /** A connection to database 1, selected, for one conversation. */
    private static <T> T inDatabase(Conversation<T> conversation) {
        String host = ItEnvironment.env("PAI_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(ItEnvironment.env("PAI_REDIS_PORT", "6379"));
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(command("SELECT", "1"));
            out.flush();
            expectHeader(in.readLine(), "+OK");
            return conversation.talk(out, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectHeader(String line, String expected) {
        if (!expected.equals(line)) {
            throw new IllegalStateException("Redis answered " + line + " where " + expected + " was due");
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
