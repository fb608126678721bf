package pai.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import pai.platform.testing.LiveClient;

/**
 * The traffic of the fault-injection run, and what it was answered: grabs by many users on several drops,
 * lucky packets sent and opened in a pai, share links accepted, and chat messages posted to either of two
 * chat-service instances and read by WebSocket clients that reconnect and resume. Every call is logged
 * with its time and status (-1: no answer), so that each fault's window can be counted afterwards.
 */
final class ChaosLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static final int NO_ANSWER = -1;

    enum Kind { GRAB, LUCKY_SEND, LUCKY_OPEN, SHARE_ACCEPT, MESSAGE, DELIVERY }

    record Call(long atMillis, Kind kind, int status) {
    }

    record Answer(int status, JsonNode body) {
    }

    /** A grab answered 200: who, which drop, what. */
    record Granted(String userId, String dropId, String grabId, long amountCents) {
    }

    /** A resuming reader's view of one pai: the seqs it kept (duplicates dropped), and any gap it saw. */
    static final class PaiView {
        long lastKept;
        long duplicates;
        final List<String> gaps = new ArrayList<>();
    }

    final long startedAt = System.currentTimeMillis();
    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    /** user|drop → the first 200 grab; a later 200 with another grab id is a double grant. */
    final Map<String, Granted> grants = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> breaches = new ConcurrentLinkedQueue<>();
    /** clientMsgId → pai|seq acknowledged with 201. */
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> highestAcknowledged = new ConcurrentHashMap<>();
    final Set<String> luckyPackets = ConcurrentHashMap.newKeySet();
    final Map<String, Granted> luckyGrants = new ConcurrentHashMap<>();
    /** sharer|visitor pairs answered {@code rewarded: true}. */
    final Set<String> rewarded = ConcurrentHashMap.newKeySet();
    final AtomicLong reconnects = new AtomicLong();
    /** The first answers of status 500, with the call: each is a failure the services did not expect. */
    final ConcurrentLinkedQueue<String> internalErrors = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ExecutorService readerThreads = Executors.newCachedThreadPool();
    private final List<Reader> readers = new ArrayList<>();

    long now() {
        return System.currentTimeMillis() - startedAt;
    }

    void log(Kind kind, int status) {
        calls.add(new Call(now(), kind, status));
    }

    boolean running() {
        return running.get();
    }

    /** Runs {@code loop} on {@code threads} threads until {@link #stop}. */
    void repeat(int threads, Runnable loop) {
        for (int i = 0; i < threads; i++) {
            workers.submit(() -> {
                while (running()) {
                    try {
                        loop.run();
                    } catch (RuntimeException e) {
                        breaches.add("load thread: " + e);
                    }
                }
            });
        }
    }

    /** Grabs by {@code users} on {@code dropIds}, each user trying each drop, repeats included. */
    void grabs(int threads, long pauseMillis, Supplier<ServiceProcess> redpacket, List<String> users, Map<String, String> bearers,
            List<String> dropIds) {
        repeat(threads, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String user = users.get(random.nextInt(users.size()));
            String dropId = dropIds.get(random.nextInt(dropIds.size()));
            Answer answer = call(redpacket.get(), "POST", "/api/redpackets/drops/" + dropId + "/grab", bearers.get(user), null, Map.of());
            log(Kind.GRAB, answer.status());
            if (answer.status() == NO_ANSWER || answer.status() >= 500) {
                pause(200); // as an app backs off: a tight loop of refused connects would starve the restart it waits for
            }
            if (answer.status() == 200) {
                Granted granted = new Granted(user, dropId, answer.body().path("grabId").asText(), answer.body().path("amountCents").asLong());
                Granted first = grants.putIfAbsent(user + "|" + dropId, granted);
                if (first != null && (!first.grabId().equals(granted.grabId()) || first.amountCents() != granted.amountCents())) {
                    breaches.add("granted twice: " + first + " and " + granted);
                }
            }
            pause(pauseMillis);
        });
    }

    /** Members send small lucky packets into the pai (the same Idempotency-Key until answered) and open each other's. */
    void luckyPackets(Supplier<ServiceProcess> redpacket, String paiId, List<String> members, Map<String, String> bearers) {
        repeat(1, () -> {
            String sender = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            String key = UUID.randomUUID().toString();
            long until = now() + 15_000;
            while (running() && now() < until) {
                Answer sent = call(redpacket.get(), "POST", "/api/redpackets/pais/" + paiId + "/packets", bearers.get(sender),
                        "{\"totalCents\":3,\"count\":3,\"split\":\"RANDOM\"}", Map.of("Idempotency-Key", key));
                log(Kind.LUCKY_SEND, sent.status());
                if (sent.status() == 201) {
                    luckyPackets.add(sent.body().path("id").asText());
                    break;
                }
                pause(200);
            }
            pause(300);
        });
        repeat(2, () -> {
            List<String> packets = List.copyOf(luckyPackets);
            if (packets.isEmpty()) {
                pause(100);
                return;
            }
            String packetId = packets.get(ThreadLocalRandom.current().nextInt(packets.size()));
            String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            Answer opened = call(redpacket.get(), "POST", "/api/redpackets/packets/" + packetId + "/grab", bearers.get(member), null, Map.of());
            log(Kind.LUCKY_OPEN, opened.status());
            if (opened.status() == NO_ANSWER || opened.status() >= 500) {
                pause(200);
            }
            if (opened.status() == 200) {
                Granted granted = new Granted(member, packetId, opened.body().path("grabId").asText(), opened.body().path("amountCents").asLong());
                Granted first = luckyGrants.putIfAbsent(member + "|" + packetId, granted);
                if (first != null && !first.grabId().equals(granted.grabId())) {
                    breaches.add("lucky packet opened twice: " + first + " and " + granted);
                }
            }
            pause(20);
        });
    }

    /** Visitors accept the sharers' links, each from an address of its own (the gateway's X-Forwarded-For). */
    void shareAccepts(Supplier<ServiceProcess> share, Map<String, String> codesBySharer, List<String> visitors, Map<String, String> bearers) {
        List<String> sharers = List.copyOf(codesBySharer.keySet());
        repeat(2, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int v = random.nextInt(visitors.size());
            String visitor = visitors.get(v);
            String sharer = sharers.get(random.nextInt(sharers.size()));
            Answer accepted = call(share.get(), "POST", "/api/shares/" + codesBySharer.get(sharer) + "/accept", bearers.get(visitor), null,
                    Map.of("X-Forwarded-For", "10.7." + (v / 250) + "." + (v % 250 + 1)));
            log(Kind.SHARE_ACCEPT, accepted.status());
            if (accepted.status() == NO_ANSWER || accepted.status() >= 500) {
                pause(200);
            }
            if (accepted.status() == 200 && accepted.body().path("rewarded").asBoolean()) {
                if (!rewarded.add(sharer + "|" + visitor)) {
                    breaches.add("rewarded twice: " + sharer + " for " + visitor);
                }
            }
            pause(30);
        });
    }

    /** Members post to the pais, each message to either instance, retried with the same clientMsgId until answered 201. */
    void messages(int threads, List<ServiceProcess> chat, List<String> paiIds, List<String> members, Map<String, String> bearers) {
        repeat(threads, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String paiId = paiIds.get(random.nextInt(paiIds.size()));
            String sender = members.get(random.nextInt(members.size()));
            String clientMsgId = UUID.randomUUID().toString();
            int instance = random.nextInt(chat.size());
            long until = now() + 30_000;
            while (running() && now() < until) {
                Answer posted = call(chat.get(instance), "POST", "/api/chat/pais/" + paiId + "/messages", bearers.get(sender),
                        "{\"clientMsgId\":\"" + clientMsgId + "\",\"kind\":\"TEXT\",\"text\":\"风雨无阻 " + now() + "\"}", Map.of());
                log(Kind.MESSAGE, posted.status());
                if (posted.status() == 201) {
                    long seq = posted.body().path("seq").asLong();
                    String at = paiId + "|" + seq;
                    String before = acknowledged.putIfAbsent(clientMsgId, at);
                    if (before != null && !before.equals(at)) {
                        breaches.add("message " + clientMsgId + " stored twice: " + before + " and " + at);
                    }
                    highestAcknowledged.computeIfAbsent(paiId, id -> new AtomicLong()).accumulateAndGet(seq, Math::max);
                    break;
                }
                instance = (instance + 1) % chat.size();
                pause(100);
            }
            pause(15);
        });
    }

    /** A WebSocket reader per member, on the instances by turn, that reconnects and resumes until stopped. */
    void readers(List<ServiceProcess> chat, List<String> paiIds, List<String> members, Map<String, String> bearers) {
        for (int i = 0; i < members.size(); i++) {
            Reader reader = new Reader(chat, i % chat.size(), paiIds, bearers.get(members.get(i)).substring("Bearer ".length()));
            readers.add(reader);
            readerThreads.submit(reader::run);
        }
    }

    List<Reader> readers() {
        return readers;
    }

    /** Stops the calls; the readers read on until {@link #stopReaders}. */
    void stop() throws InterruptedException {
        running.set(false);
        awaitEnd(workers);
    }

    void stopReaders() throws InterruptedException {
        reading.set(false);
        awaitEnd(readerThreads);
    }

    private static void awaitEnd(ExecutorService threads) throws InterruptedException {
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }

    /** One app's live connection: after every (re)connect it resumes each pai from the last seq it kept. */
    final class Reader {
        private final List<ServiceProcess> chat;
        private final List<String> paiIds;
        private final String jwt;
        final Map<String, PaiView> views = new ConcurrentHashMap<>();
        private int instance;

        Reader(List<ServiceProcess> chat, int instance, List<String> paiIds, String jwt) {
            this.chat = chat;
            this.instance = instance;
            this.paiIds = paiIds;
            this.jwt = jwt;
            paiIds.forEach(paiId -> views.put(paiId, new PaiView()));
        }

        void run() {
            while (reading.get()) {
                LiveClient live;
                try {
                    live = ChatLiveIT.connect(chat.get(instance), jwt);
                } catch (RuntimeException refused) {
                    instance = (instance + 1) % chat.size();
                    pause(250);
                    continue;
                }
                try {
                    read(live);
                } finally {
                    live.close();
                }
                if (reading.get()) {
                    reconnects.incrementAndGet();
                    instance = (instance + 1) % chat.size();
                }
            }
        }

        private void read(LiveClient live) {
            int seen = 0;
            boolean resumed = false;
            while (reading.get() && !live.isClosed()) {
                List<JsonNode> frames = live.frames();
                for (; seen < frames.size(); seen++) {
                    JsonNode frame = frames.get(seen);
                    String type = frame.path("type").asText();
                    if ("ready".equals(type) && !resumed) {
                        resumed = true;
                        synchronized (this) {
                            paiIds.forEach(paiId -> live.resume(paiId, views.get(paiId).lastKept));
                        }
                    } else if ("message".equals(type)) {
                        keep(frame.path("paiId").asText(), frame.path("seq").asLong());
                    }
                }
                pause(50);
            }
        }

        private synchronized void keep(String paiId, long seq) {
            PaiView view = views.get(paiId);
            if (view == null) {
                return;
            }
            if (seq <= view.lastKept) {
                view.duplicates++;
                return;
            }
            if (seq != view.lastKept + 1) {
                view.gaps.add("after " + view.lastKept + " came " + seq);
            }
            view.lastKept = seq;
            log(Kind.DELIVERY, 200);
        }

        synchronized long lastKept(String paiId) {
            return views.get(paiId).lastKept;
        }
    }

    Answer call(ServiceProcess service, String method, String path, String bearer, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : parse(response.body());
            if (response.statusCode() == 500 && internalErrors.size() < 20) {
                internalErrors.add(method + " " + path + " at " + now() + " ms: " + response.body());
            }
            return new Answer(response.statusCode(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, JSON.nullNode());
        } catch (java.io.IOException noAnswer) {
            return new Answer(NO_ANSWER, JSON.nullNode());
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** Calls counted by kind and status within [from, to) milliseconds after the start. */
    Map<Kind, Map<Integer, Long>> counts(long from, long to) {
        Map<Kind, Map<Integer, Long>> counts = new HashMap<>();
        for (Call call : calls) {
            if (call.atMillis() >= from && call.atMillis() < to) {
                counts.computeIfAbsent(call.kind(), kind -> new HashMap<>()).merge(call.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
