package pai.redpacket.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.redis.client.Response;
import pai.events.EventData;
import pai.events.EventEnvelope;
import pai.events.EventJson;
import pai.events.redpacket.LifecycleStage;
import pai.events.redpacket.PacketGrabbed;
import pai.events.redpacket.PoolKind;
import pai.events.redpacket.RedPacketLifecycle;
import pai.platform.redis.RedisScripts;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.service.CrashPoints;
import pai.redpacket.service.pool.PoolScripts;
import pai.redpacket.service.pool.RedisKeys;

/**
 * Moves the grab stream from Redis to Kafka. One relay at a time holds a lease; it sends the head
 * of the stream with {@code acks=all}, waits for every acknowledgement, and only then trims below
 * the first entry not yet acknowledged, fenced by the lease. A crash anywhere sends again, and the
 * ledger drops repeats by grab id.
 */
@ApplicationScoped
public class GrabStreamRelay {
    public static final String CHANNEL = "grab-relay";
    private static final Logger LOG = Logger.getLogger(GrabStreamRelay.class);

    private final RedisDataSource redis;
    private final RedisScripts scripts;
    private final Emitter<String> emitter;
    private final RedpacketConfig config;
    private final CrashPoints crashPoints;
    private final String token = UUID.randomUUID().toString();
    private final AtomicLong lagMillis = new AtomicLong();
    private final Counter deadLetters;
    private volatile boolean running;
    private Thread thread;

    public GrabStreamRelay(RedisDataSource redis, RedisScripts scripts,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) Emitter<String> emitter,
            RedpacketConfig config, CrashPoints crashPoints, MeterRegistry registry) {
        this.redis = redis;
        this.scripts = scripts;
        this.emitter = emitter;
        this.config = config;
        this.crashPoints = crashPoints;
        this.deadLetters = Counter.builder("pai.redpacket.relay.dead.letters")
                .description("Grab stream entries the relay could not read")
                .register(registry);
        Gauge.builder("pai.redpacket.relay.lag", lagMillis, value -> value.get() / 1000.0)
                .description("Age of the oldest grab not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "grab-stream-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long leaseMillis = config.relayLease().toMillis();
        while (running) {
            try {
                if (!holdLease(leaseMillis)) {
                    lagMillis.set(0);
                    Thread.sleep(leaseMillis / 3);
                    continue;
                }
                relayBatch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("grab relay will retry: %s", e.getMessage());
                sleepQuietly(500);
            }
        }
    }

    private boolean holdLease(long leaseMillis) {
        return scripts.run(PoolScripts.LEASE, List.of(RedisKeys.RELAY_LEASE), token, Long.toString(leaseMillis))
                .toInteger() == 1;
    }

    void relayBatch() throws InterruptedException {
        Response read = redis.execute("XREAD", "COUNT", Integer.toString(config.relayBatch()), "BLOCK", "200",
                "STREAMS", RedisKeys.GRAB_STREAM, "0-0");
        if (read == null || read.size() == 0) {
            lagMillis.set(0);
            return;
        }
        Response entries = streamEntries(read);
        if (entries == null || entries.size() == 0) {
            lagMillis.set(0);
            return;
        }
        String firstId = entries.get(0).get(0).toString();
        lagMillis.set(Math.max(0, System.currentTimeMillis() - idMillis(firstId)));
        List<CompletableFuture<Void>> acks = new ArrayList<>(entries.size());
        String lastId = null;
        for (Response entry : entries) {
            lastId = entry.get(0).toString();
            Map<String, String> fields = fields(entry.get(1));
            EventEnvelope<? extends EventData> event;
            try {
                event = toEvent(fields);
            } catch (RuntimeException unreadable) {
                deadLetter(lastId, fields, unreadable);
                continue;
            }
            acks.add(send(event));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the grab batch", e);
        }
        crashPoints.reach(CrashPoints.RELAY_AFTER_ACK_BEFORE_TRIM, entries.size());
        scripts.run(PoolScripts.TRIM, List.of(RedisKeys.RELAY_LEASE, RedisKeys.GRAB_STREAM), token, nextId(lastId));
    }

    /**
     * An entry the relay cannot read would block the stream for ever; it moves to a dead-letter
     * stream, where reconciliation and an operator find it, and is counted.
     */
    private void deadLetter(String id, Map<String, String> fields, RuntimeException reason) {
        LOG.errorf("grab stream entry %s %s cannot be relayed (%s); moved to %s", id, fields, reason, RedisKeys.DEAD_LETTERS);
        List<String> args = new ArrayList<>(List.of(RedisKeys.DEAD_LETTERS, "*", "sourceId", id));
        fields.forEach((key, value) -> {
            args.add(key);
            args.add(value);
        });
        redis.execute("XADD", args.toArray(String[]::new));
        deadLetters.increment();
    }

    /** XREAD answers [[stream, entries]] in RESP2 and {stream: entries} in RESP3. */
    private static Response streamEntries(Response read) {
        if (read.getKeys() != null && read.getKeys().contains(RedisKeys.GRAB_STREAM)) {
            return read.get(RedisKeys.GRAB_STREAM);
        }
        return read.get(0).get(1);
    }

    private static Map<String, String> fields(Response flat) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return fields;
    }

    static EventEnvelope<? extends EventData> toEvent(Map<String, String> fields) {
        // Entries written before group packets carry no kind and name the campaign as "campaign".
        PoolKind kind = fields.containsKey("kind") ? PoolKind.valueOf(fields.get("kind")) : PoolKind.DROP;
        String owner = fields.containsKey("owner") ? fields.get("owner") : fields.get("campaign");
        String campaignId = kind == PoolKind.DROP ? owner : null;
        String paiId = kind == PoolKind.GROUP_PACKET ? owner : null;
        if ("CLOSE".equals(fields.get("type"))) {
            String poolId = fields.get("pool");
            var closed = new RedPacketLifecycle(LifecycleStage.EXPIRED, kind, poolId, campaignId, paiId, null,
                    Long.parseLong(fields.get("amount")), Integer.parseInt(fields.get("packets")), null, Instant.now());
            return EventEnvelope.of(poolId + ":" + LifecycleStage.EXPIRED, RedpacketEvents.SOURCE, Instant.now(), closed);
        }
        String[] claim = fields.get("claim").split(":");
        Instant grabbedAt = Instant.ofEpochMilli(Long.parseLong(claim[3]));
        var grabbed = new PacketGrabbed(claim[0], kind, fields.get("pool"), campaignId, paiId,
                Integer.parseInt(claim[1]), fields.get("user"), Long.parseLong(claim[2]), grabbedAt);
        return EventEnvelope.of(claim[0], RedpacketEvents.SOURCE, grabbedAt, grabbed);
    }

    private CompletableFuture<Void> send(EventEnvelope<? extends EventData> event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(EventJson.writeString(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(event.topic()).withKey(event.key()).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private static long idMillis(String streamId) {
        return Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
    }

    /** The smallest id after {@code id}: XTRIM MINID keeps it and everything later. */
    static String nextId(String id) {
        int dash = id.indexOf('-');
        return id.substring(0, dash) + "-" + (Long.parseLong(id.substring(dash + 1)) + 1);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
