import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import pai.launcher.DevKeys;
import pai.launcher.DevTokens;

/**
 * Mints many user tokens at once for the grab benchmark, one per line, with the launcher's dev key
 * (one JVM per `./pai token` would take minutes for thousands of users).
 *
 * <pre>java -cp launcher/target/pai-launcher.jar bench/grab/MintTokens.java KEYS_DIR USER_PREFIX COUNT OUT_FILE</pre>
 *
 * Users are USER_PREFIX-0 .. USER_PREFIX-(COUNT-1); tokens last two hours.
 */
public final class MintTokens {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: MintTokens KEYS_DIR USER_PREFIX COUNT OUT_FILE");
            System.exit(2);
        }
        KeyPair keys = DevKeys.loadOrCreate(Path.of(args[0]));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        long started = System.nanoTime();
        String[] tokens = new String[count];
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> parts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            parts.add(pool.submit(() -> {
                for (int i = first; i < count; i += workers) {
                    tokens[i] = DevTokens.mint(keys.getPrivate(), prefix + "-" + i, false, Duration.ofHours(2));
                }
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
        pool.shutdown();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            for (String token : tokens) {
                writer.write(token);
                writer.newLine();
            }
        }
        System.out.printf("minted %d tokens in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }
}
