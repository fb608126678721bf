import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import pai.launcher.DevKeys;
import pai.launcher.DevTokens;

/**
 * The chat benchmark's load generator (issue 4): pais of fresh users, one WebSocket per user, messages
 * POSTed at a fixed rate through the gateway; measures the time from a message's (scheduled) send to
 * its receipt on every member's WebSocket, then checks that every client received every message of its
 * pai exactly once and in seq order. bench/chat/run.sh starts it; it prints progress and a summary.
 *
 * <pre>java -XX:+UseZGC -Xmx1g -cp launcher/target/pai-launcher.jar bench/chat/ChatBench.java [--name=value ...]</pre>
 *
 * (ZGC because this JVM stamps every receipt: a G1 pause here would count as delivery latency.)
 *
 * Settings (defaults in brackets): gateway [http://127.0.0.1:8080], ws [the gateway's /api/chat/ws],
 * keys [.pai/keys], run [chat-bench-&lt;epoch s&gt;], pais [50], members [20], rate [100] messages/s,
 * warmup [20] s, seconds [30], ramp [200,300,400,500,750,1000] messages/s (empty: none), ramp-warmup [5] s,
 * ramp-seconds [15], p99-limit-ms [100], max-in-flight [512] POSTs.
 *
 * The send schedule is open-loop: message i of a step is due at start + i/rate, and its latency counts
 * from that due time, so a service that falls behind shows as latency (no coordinated omission).
 */
public final class ChatBench {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    /** chat-service holds a new connection's live frames this long (RESUME_GRACE) unless it resumes. */
    private static final Duration AFTER_READY = Duration.ofMillis(2000);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> settings;
    private final String gateway;
    private final URI ws;
    private final String run;
    private final int paiCount;
    private final int members;
    private final int maxInFlight;
    private final double p99LimitMs;
    private final HttpClient http;
    private final HttpClient[] sockets;

    private String[] tokens;
    private String[] paiIds;
    private long[] baseSeq;
    private Client[] clients;

    /** Per message index: when it was due (nanoTime), its pai's seq once stored, and its send outcome. */
    private AtomicLongArray due;
    private long[] seqOf;
    private long[] postNanos;
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong[] maxSeqPosted;
    private long nextIndex;

    private ChatBench(Map<String, String> settings) {
        this.settings = settings;
        this.gateway = setting("gateway", "http://127.0.0.1:8080");
        this.ws = URI.create(setting("ws", gateway.replaceFirst("^http", "ws") + "/api/chat/ws"));
        this.run = setting("run", "chat-bench-" + Instant.now().getEpochSecond());
        this.paiCount = Integer.parseInt(setting("pais", "50"));
        this.members = Integer.parseInt(setting("members", "20"));
        this.maxInFlight = Integer.parseInt(setting("max-in-flight", "512"));
        this.p99LimitMs = Double.parseDouble(setting("p99-limit-ms", "100"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        // A few clients, so that the frames of 1,000 sockets do not all wait on one selector thread.
        this.sockets = new HttpClient[2];
        for (int i = 0; i < sockets.length; i++) {
            sockets[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        this.maxSeqPosted = new AtomicLong[paiCount];
        for (int p = 0; p < paiCount; p++) {
            maxSeqPosted[p] = new AtomicLong();
        }
    }

    private String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("usage: ChatBench [--name=value ...]; see the class comment for the settings");
                System.exit(2);
            }
            settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        System.exit(new ChatBench(settings).runAll());
    }

    /** One load level: a warm-up and a measured part at {@code rate} messages/s. */
    private record Step(String name, double rate, int warmupSeconds, int seconds) {
        long warmupMessages() {
            return Math.round(rate * warmupSeconds);
        }

        long measuredMessages() {
            return Math.round(rate * seconds);
        }
    }

    /** What a step measured. */
    private record StepResult(Step step, long firstMeasured, long end, double sendSeconds, long deliveries,
            long expectedDeliveries, long[] latencies, long[] postLatencies, long maxSendLagMicros, double drainSeconds,
            boolean drained) {

        double deliveriesPerSecond() {
            return deliveries / sendSeconds;
        }

        double p(double q) {
            return percentile(latencies, q);
        }
    }

    private int runAll() throws Exception {
        String loadBefore = loadAverage();
        int rate = Integer.parseInt(setting("rate", "100"));
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("main", rate, Integer.parseInt(setting("warmup", "20")), Integer.parseInt(setting("seconds", "30"))));
        for (String r : setting("ramp", "200,300,400,500,750,1000").split(",")) {
            if (!r.isBlank()) {
                steps.add(new Step("ramp", Double.parseDouble(r.strip()), Integer.parseInt(setting("ramp-warmup", "5")),
                        Integer.parseInt(setting("ramp-seconds", "15"))));
            }
        }
        long planned = steps.stream().mapToLong(s -> s.warmupMessages() + s.measuredMessages()).sum();
        due = new AtomicLongArray((int) planned);
        seqOf = new long[(int) planned];
        postNanos = new long[(int) planned];
        say("chat benchmark %s on %d cores, load average before: %s", run, Runtime.getRuntime().availableProcessors(), loadBefore);

        long started = System.nanoTime();
        setUp();
        double setupSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        connect();
        double connectSeconds = (System.nanoTime() - started) / 1e9;

        List<StepResult> results = new ArrayList<>();
        for (Step step : steps) {
            StepResult result = drive(step);
            results.add(result);
            say("  %s %.0f messages/s: %.0f deliveries/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s", step.name(), step.rate(),
                    result.deliveriesPerSecond(), result.p(50), result.p(99), result.p(100),
                    result.drained() ? "" : " (NOT drained)");
            if (step.name().equals("ramp") && (result.p(99) > p99LimitMs || !result.drained())) {
                break;
            }
        }
        Correctness correctness = check();
        int closed = 0;
        for (Client client : clients) {
            closed += client.closedEarly() ? 1 : 0;
        }
        for (Client client : clients) {
            client.close();
        }
        printSummary(loadBefore, setupSeconds, connectSeconds, results, correctness, closed);
        return correctness.ok() && closed == 0 ? 0 : 1;
    }

    // ------------------------------------------------------------------------------------------ set-up

    private void setUp() throws Exception {
        KeyPair keys = DevKeys.loadOrCreate(Path.of(setting("keys", ".pai/keys")));
        int users = paiCount * members;
        tokens = new String[users];
        parallel(users, 2, i -> {
            tokens[i] = DevTokens.mint(keys.getPrivate(), userId(i), false, Duration.ofHours(2));
            return CompletableFuture.completedFuture(null);
        });
        paiIds = new String[paiCount];
        String[] invites = new String[paiCount];
        parallel(paiCount, 8, p -> post(owner(p), "/api/chat/pais",
                "{\"name\":\"chat bench " + run + " #" + p + "\",\"description\":\"bench/chat\"}").thenAccept(body -> {
                    paiIds[p] = str(body, "id");
                    invites[p] = str(body, "inviteCode");
                }));
        parallel(paiCount * (members - 1), 16, k -> {
            int p = k / (members - 1);
            int m = k % (members - 1) + 1;
            return post(p * members + m, "/api/chat/pais/join", "{\"inviteCode\":\"" + invites[p] + "\"}").thenApply(body -> null);
        });
        say("%d users in %d pais of %d (created and joined through the gateway)", users, paiCount, members);
    }

    private String userId(int user) {
        return run + "-p" + (user / members) + "-m" + (user % members);
    }

    private int owner(int pai) {
        return pai * members;
    }

    private void connect() throws Exception {
        clients = new Client[paiCount * members];
        AtomicInteger failed = new AtomicInteger();
        parallel(clients.length, 32, i -> {
            Client client = new Client(i / members);
            clients[i] = client;
            return sockets[i % sockets.length].newWebSocketBuilder().subprotocols("bearer", tokens[i])
                    .connectTimeout(Duration.ofSeconds(30)).buildAsync(ws, client)
                    .thenCompose(socket -> client.ready)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .exceptionally(e -> {
                        failed.incrementAndGet();
                        return null;
                    });
        });
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + clients.length
                    + " WebSockets did not connect or got no ready frame (is the gateway's worker_connections high enough?)");
        }
        baseSeq = new long[paiCount];
        for (int p = 0; p < paiCount; p++) {
            baseSeq[p] = num(get(owner(p), "/api/chat/pais/" + paiIds[p]), "lastSeq");
            maxSeqPosted[p].set(baseSeq[p]);
        }
        Thread.sleep(AFTER_READY.toMillis());
        say("%d WebSockets connected to %s, each ready with its pai", clients.length, ws);
    }

    // ------------------------------------------------------------------------------------------ load

    private StepResult drive(Step step) throws Exception {
        long first = nextIndex;
        long firstMeasured = first + step.warmupMessages();
        long end = firstMeasured + step.measuredMessages();
        say("%s: %.0f messages/s (%.0f deliveries/s), %d s warm-up, %d s measured", step.name(), step.rate(),
                step.rate() * members, step.warmupSeconds(), step.seconds());
        Semaphore inFlight = new Semaphore(maxInFlight);
        long interval = Math.round(1e9 / step.rate());
        long start = System.nanoTime() + 10_000_000;
        long maxLag = 0;
        long measuredStart = 0;
        for (long i = first; i < end; i++) {
            long at = start + (i - first) * interval;
            if (i == firstMeasured) {
                measuredStart = at;
            }
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            maxLag = i >= firstMeasured ? Math.max(maxLag, System.nanoTime() - at) : maxLag;
            send((int) i, at).whenComplete((ok, e) -> inFlight.release());
        }
        long lastDue = start + (end - 1 - first) * interval;
        double sendSeconds = (lastDue + interval - measuredStart) / 1e9;
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        nextIndex = end;

        long drainStart = System.nanoTime();
        boolean drained = false;
        while (System.nanoTime() - drainStart < DRAIN_TIMEOUT.toNanos()) {
            drained = true;
            for (Client client : clients) {
                if (client.lastSeq() < maxSeqPosted[client.pai].get()) {
                    drained = false;
                    break;
                }
            }
            if (drained) {
                break;
            }
            Thread.sleep(20);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        long deliveries = 0;
        List<long[]> parts = new ArrayList<>();
        for (Client client : clients) {
            long[] latencies = client.latencies(firstMeasured, end);
            deliveries += latencies.length;
            parts.add(latencies);
        }
        long stored = 0;
        List<Long> posts = new ArrayList<>();
        for (long i = firstMeasured; i < end; i++) {
            if (seqOf[(int) i] > 0) {
                stored++;
                posts.add(postNanos[(int) i]);
            }
        }
        return new StepResult(step, firstMeasured, end, sendSeconds, deliveries, stored * members, concat(parts),
                posts.stream().mapToLong(Long::longValue).sorted().toArray(), maxLag / 1000, drainSeconds, drained);
    }

    /** Message i goes to pai i mod P from its members in turn, so every user sends at rate / P / members. */
    private CompletableFuture<Void> send(int i, long at) {
        int pai = i % paiCount;
        int sender = pai * members + (i / paiCount) % members;
        due.set(i, at);
        String text = "bench #" + i + " t=" + System.currentTimeMillis();
        String body = "{\"clientMsgId\":\"" + run + "-" + i + "\",\"kind\":\"TEXT\",\"text\":\"" + text + "\"}";
        return http.sendAsync(request(sender, "/api/chat/pais/" + paiIds[pai] + "/messages")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        count("error " + rootCause(failure));
                    } else if (response.statusCode() == 201) {
                        long seq = num(response.body(), "seq");
                        postNanos[i] = System.nanoTime() - at;
                        seqOf[i] = seq;
                        maxSeqPosted[pai].accumulateAndGet(seq, Math::max);
                        count("201");
                    } else {
                        count(Integer.toString(response.statusCode()));
                    }
                    return null;
                });
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    // ------------------------------------------------------------------------------------------ check

    private record Correctness(int clients, long expected, long received, long missing, long duplicates,
            long outOfOrder, long wrongMessage, long unexpected) {
        boolean ok() {
            return missing == 0 && duplicates == 0 && outOfOrder == 0 && wrongMessage == 0 && unexpected == 0;
        }
    }

    /** Every client must have received seqs baseSeq+1 .. lastSeq of its pai, each once, ascending. */
    private Correctness check() throws Exception {
        long[] lastSeq = new long[paiCount];
        for (int p = 0; p < paiCount; p++) {
            lastSeq[p] = num(get(owner(p), "/api/chat/pais/" + paiIds[p]), "lastSeq");
        }
        // Which message index each (pai, seq) holds, from the POST answers.
        List<Map<Long, Integer>> indexAt = new ArrayList<>();
        for (int p = 0; p < paiCount; p++) {
            indexAt.add(new HashMap<>());
        }
        for (int i = 0; i < nextIndex; i++) {
            if (seqOf[i] > 0) {
                indexAt.get(i % paiCount).put(seqOf[i], i);
            }
        }
        long expected = 0;
        long received = 0;
        long missing = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long wrong = 0;
        long unexpected = 0;
        for (Client client : clients) {
            long from = baseSeq[client.pai] + 1;
            long to = lastSeq[client.pai];
            expected += Math.max(0, to - from + 1);
            boolean[] seen = new boolean[(int) Math.max(0, to - from + 1)];
            long highest = 0;
            long[][] got = client.received();
            for (int k = 0; k < got[0].length; k++) {
                long seq = got[0][k];
                received++;
                if (seq < from || seq > to) {
                    unexpected++;
                    continue;
                }
                if (seen[(int) (seq - from)]) {
                    duplicates++;
                    continue;
                }
                seen[(int) (seq - from)] = true;
                if (seq < highest) {
                    outOfOrder++;
                }
                highest = Math.max(highest, seq);
                Integer index = indexAt.get(client.pai).get(seq);
                if (index != null && index != got[1][k]) {
                    wrong++;
                }
            }
            for (boolean s : seen) {
                missing += s ? 0 : 1;
            }
        }
        return new Correctness(clients.length, expected, received, missing, duplicates, outOfOrder, wrong, unexpected);
    }

    // ------------------------------------------------------------------------------------------ summary

    private void printSummary(String loadBefore, double setupSeconds, double connectSeconds, List<StepResult> results,
            Correctness c, int closed) {
        StepResult main = results.get(0);
        StringBuilder out = new StringBuilder();
        line(out, "%n== chat benchmark summary (%s, %s) ==", run, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        line(out, "%-25s %d cores; load average before %s, after %s", "machine", Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAverage());
        line(out, "%-25s %d pais x %d members = %d WebSocket clients via %s (set-up %.1f s, connected in %.1f s)",
                "clients", paiCount, members, clients.length, ws.getHost() + ":" + ws.getPort(), setupSeconds, connectSeconds);
        line(out, "%-25s %.0f messages/s POSTed through %s for %d s after a %d s warm-up (%.0f deliveries/s offered)",
                "main run", main.step().rate(), gateway, main.step().seconds(), main.step().warmupSeconds(),
                main.step().rate() * members);
        describe(out, main);
        line(out, "%-25s %s", "POST answers", outcomesLine());
        if (results.size() > 1) {
            line(out, "%-25s %s", "ramp", "each step " + results.get(1).step().warmupSeconds() + " s warm-up, "
                    + results.get(1).step().seconds() + " s measured; stops once p99 > " + fmt(p99LimitMs) + " ms");
            for (StepResult r : results) {
                line(out, "  %-23s %s", String.format(Locale.ROOT, "%.0f msg/s (%.0f/s)", r.step().rate(), r.step().rate() * members),
                        String.format(Locale.ROOT, "%.0f deliveries/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, send lag max %.1f ms%s",
                                r.deliveriesPerSecond(), r.p(50), r.p(99), r.p(100), r.maxSendLagMicros() / 1000.0,
                                r.drained() ? "" : ", NOT drained in " + DRAIN_TIMEOUT.toSeconds() + " s"));
            }
            line(out, "%-25s %s", "p99 crosses " + fmt(p99LimitMs) + " ms", crossing(results));
        }
        line(out, "%-25s %s", "correctness", c.ok() && closed == 0 ? "ok" : "VIOLATED");
        line(out, "  %-23s %d (each: every message of its pai exactly once, in seq order)", "clients checked", c.clients());
        line(out, "  %-23s %d expected, %d received", "deliveries", c.expected(), c.received());
        line(out, "  %-23s %d", "missing", c.missing());
        line(out, "  %-23s %d", "duplicates", c.duplicates());
        line(out, "  %-23s %d", "out of order", c.outOfOrder());
        line(out, "  %-23s %d (a seq that carried another message than the POST answer said)", "wrong message", c.wrongMessage());
        line(out, "  %-23s %d (seqs outside the run's range)", "unexpected", c.unexpected());
        line(out, "  %-23s %d", "sockets closed early", closed);
        System.out.print(out);
    }

    private void describe(StringBuilder out, StepResult r) {
        line(out, "  %-23s p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f mean=%.2f (send -> receipt on each WebSocket)",
                "delivery latency (ms)", r.p(50), r.p(90), r.p(99), r.p(99.9), r.p(100), mean(r.latencies()));
        line(out, "  %-23s %.0f deliveries/s (%d of %d expected for the measured messages, in %.2f s)",
                "deliveries", r.deliveriesPerSecond(), r.deliveries(), r.expectedDeliveries(), r.sendSeconds());
        line(out, "  %-23s p50=%.2f p99=%.2f max=%.2f (%d stored); send lag max %.1f ms behind schedule",
                "POST latency (ms)", percentile(r.postLatencies(), 50), percentile(r.postLatencies(), 99),
                percentile(r.postLatencies(), 100), r.postLatencies().length, r.maxSendLagMicros() / 1000.0);
        line(out, "  %-23s %.2f s after the last send until every client had its pai's last seq (drained: %s)",
                "drain", r.drainSeconds(), r.drained() ? "yes" : "NO");
    }

    private String crossing(List<StepResult> results) {
        StepResult below = null;
        for (StepResult r : results) {
            if (r.p(99) > p99LimitMs || !r.drained()) {
                return below == null
                        ? String.format(Locale.ROOT, "already at %.0f deliveries/s offered (p99 %.1f ms)", r.step().rate() * members, r.p(99))
                        : String.format(Locale.ROOT, "between %.0f (p99 %.1f ms) and %.0f deliveries/s offered (p99 %.1f ms)",
                                below.step().rate() * members, below.p(99), r.step().rate() * members, r.p(99));
            }
            below = r;
        }
        return String.format(Locale.ROOT, "not reached: p99 %.1f ms at %.0f deliveries/s offered, the highest step", below.p(99),
                below.step().rate() * members);
    }

    private String outcomesLine() {
        Map<String, Integer> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder s = new StringBuilder();
        sorted.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return s + (sorted.keySet().stream().allMatch("201"::equals) ? " (all runs, warm-ups included)" : "  <- not all 201");
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    // ------------------------------------------------------------------------------------------ one WebSocket

    /** One member's connection: what it received (seq, message index, latency), in arrival order. */
    private final class Client implements WebSocket.Listener {
        final int pai;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private long[] seqs = new long[256];
        private long[] indexes = new long[256];
        private long[] latencies = new long[256];
        private int size;
        private volatile long lastSeq;
        private volatile boolean closed;
        private volatile boolean closing;
        private WebSocket socket;

        Client(int pai) {
            this.pai = pai;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last) {
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            String frame;
            if (partial.length() > 0) {
                frame = partial.append(data).toString();
                partial.setLength(0);
            } else {
                frame = data.toString();
            }
            if (frame.startsWith("{\"type\":\"message\"")) {
                long seq = num(frame, "seq");
                String text = str(frame, "text");
                long index = -1;
                if (text != null && text.startsWith("bench #")) {
                    index = Long.parseLong(text.substring(7, text.indexOf(' ', 7)));
                }
                record(seq, index, index >= 0 ? now - due.get((int) index) : -1);
            } else if (frame.startsWith("{\"type\":\"ready\"")) {
                ready.complete(null);
            }
            webSocket.request(1);
            return null;
        }

        private synchronized void record(long seq, long index, long latency) {
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
                indexes = Arrays.copyOf(indexes, size * 2);
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            seqs[size] = seq;
            indexes[size] = index;
            latencies[size] = latency;
            size++;
            lastSeq = Math.max(lastSeq, seq);
        }

        long lastSeq() {
            return lastSeq;
        }

        synchronized long[] latencies(long fromIndex, long toIndex) {
            long[] out = new long[size];
            int n = 0;
            for (int k = 0; k < size; k++) {
                if (indexes[k] >= fromIndex && indexes[k] < toIndex) {
                    out[n++] = latencies[k];
                }
            }
            return Arrays.copyOf(out, n);
        }

        synchronized long[][] received() {
            return new long[][] { Arrays.copyOf(seqs, size), Arrays.copyOf(indexes, size) };
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            ready.completeExceptionally(error);
        }

        boolean closedEarly() {
            return closed && !closing;
        }

        void close() {
            closing = true;
            if (socket != null && !closed) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP and helpers

    private HttpRequest.Builder request(int user, String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(HTTP_TIMEOUT)
                .header("Authorization", "Bearer " + tokens[user]).header("Content-Type", "application/json");
    }

    private CompletableFuture<String> post(int user, String path, String json) {
        return http.sendAsync(request(user, path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> expect2xx("POST " + path, response));
    }

    private String get(int user, String path) throws IOException, InterruptedException {
        return expect2xx("GET " + path, http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String expect2xx(String what, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Runs task(0..n-1) with at most {@code width} at once; fails with the first failure. */
    private static void parallel(int n, int width, IntFunction<CompletableFuture<?>> task) throws Exception {
        Semaphore slots = new Semaphore(width);
        List<CompletableFuture<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.acquire();
            all.add(task.apply(i).whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    /** The value of the first {@code "field":"..."}; the frames and answers read here escape nothing in these fields. */
    static String str(String json, String field) {
        String key = "\"" + field + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        return json.substring(from, json.indexOf('"', from));
    }

    static long num(String json, String field) {
        String key = "\"" + field + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new IllegalArgumentException("no " + field + " in " + json);
        }
        long value = 0;
        for (int k = at + key.length(); k < json.length() && Character.isDigit(json.charAt(k)); k++) {
            value = value * 10 + (json.charAt(k) - '0');
        }
        return value;
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName();
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; 100 is the maximum. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] / 1e6;
    }

    private static double mean(long[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElse(0) / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
