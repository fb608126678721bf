package pai.redpacket.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import pai.events.redpacket.PoolKind;
import pai.redpacket.config.RedpacketConfig;

/** The Redis side of drops: loading, grabbing, pausing and closing, each one script. */
@ApplicationScoped
public class PacketPools {
    private static final int PUSH_CHUNK = 10_000;

    private final RedisScripts scripts;
    private final RedisDataSource redis;
    private final RedpacketConfig config;

    public PacketPools(RedisScripts scripts, RedisDataSource redis, RedpacketConfig config) {
        this.scripts = scripts;
        this.redis = redis;
        this.config = config;
    }

    public enum GrabOutcome {
        OK, REPLAY, NOT_LOADED, NOT_ACTIVE, LIMIT, BUSY, SOLD_OUT, RATE_LIMITED
    }

    /** A user's packet of a drop as Redis keeps it: "grabId:index:amount:grabbedMs". */
    public record Claim(String grabId, int index, long amountCents, Instant grabbedAt) {
        static Claim parse(String value) {
            String[] parts = value.split(":");
            return new Claim(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])));
        }
    }

    public record GrabResult(GrabOutcome outcome, Claim claim) {
    }

    public record Closed(boolean closedNow, long remainingCents, int remainingPackets) {
    }

    /**
     * A pool of packets: a campaign's drop, or a lucky packet sent into a pai. {@code ownerId} is
     * the campaign or the pai; per-user chances are counted per campaign, and a group packet is
     * its own scope.
     */
    public record Pool(PoolKind kind, String id, String ownerId) {
        String scope() {
            return kind == PoolKind.DROP ? ownerId : id;
        }
    }

    public Uni<GrabResult> grab(Pool pool, String userId) {
        List<String> keys = List.of(RedisKeys.meta(pool.id()), RedisKeys.packets(pool.id()), RedisKeys.claims(pool.id()),
                RedisKeys.campaignGrabs(pool.scope()), RedisKeys.campaignBonus(pool.scope()), RedisKeys.GRAB_STREAM,
                RedisKeys.attempts(userId, System.currentTimeMillis() / 1000));
        return scripts.runAsync(RedisScripts.GRAB, keys, userId, UUID.randomUUID().toString(),
                Integer.toString(config.streamLimit()), Integer.toString(config.grabAttemptsPerSecond()), pool.id(),
                pool.ownerId(), pool.kind().name())
                .map(response -> {
                    GrabOutcome outcome = GrabOutcome.valueOf(response.get(0).toString());
                    Claim claim = response.size() > 1 ? Claim.parse(response.get(1).toString()) : null;
                    return new GrabResult(outcome, claim);
                });
    }

    /**
     * Copies the packets into a staging list and swaps it in with the meta in one script; true
     * when Redis holds the drop now (loaded by this call or an earlier one).
     */
    public boolean load(String dropId, long[] amounts, Instant startsAt, Instant endsAt, int maxGrabsPerUser,
            long amountCents, boolean paused) {
        String staging = RedisKeys.staging(dropId, UUID.randomUUID().toString());
        for (int from = 0; from < amounts.length; from += PUSH_CHUNK) {
            int to = Math.min(amounts.length, from + PUSH_CHUNK);
            List<String> args = new ArrayList<>(to - from + 1);
            args.add(staging);
            for (int i = from; i < to; i++) {
                args.add(i + ":" + amounts[i]);
            }
            redis.execute("RPUSH", args.toArray(String[]::new));
        }
        String result = scripts.run(RedisScripts.LOAD,
                List.of(RedisKeys.meta(dropId), RedisKeys.packets(dropId), staging),
                Long.toString(startsAt.toEpochMilli()), Long.toString(endsAt.toEpochMilli()),
                Integer.toString(maxGrabsPerUser), Long.toString(amountCents), Integer.toString(amounts.length),
                paused ? "PAUSED" : "OPEN").toString();
        return !"INCOMPLETE".equals(result);
    }

    public Closed close(Pool pool) {
        Response response = scripts.run(RedisScripts.CLOSE,
                List.of(RedisKeys.meta(pool.id()), RedisKeys.packets(pool.id()), RedisKeys.claims(pool.id()),
                        RedisKeys.GRAB_STREAM),
                pool.id(), pool.ownerId(), Long.toString(config.claimRetention().toSeconds()), pool.kind().name());
        if (!"CLOSED".equals(response.get(0).toString())) {
            return new Closed(false, 0, 0);
        }
        return new Closed(true, response.get(1).toLong(), response.get(2).toInteger());
    }

    /** OPEN or PAUSED; a closed or unloaded drop is left alone. */
    public void setStatus(String dropId, boolean open) {
        scripts.run(RedisScripts.SET_STATUS, List.of(RedisKeys.meta(dropId)), open ? "OPEN" : "PAUSED");
    }

    /** Raises the user's bonus once per reward, up to the cap; false when the reward was applied before. */
    public boolean addBonus(String campaignId, String userId, String rewardId, int grabs, int cap) {
        return scripts.run(RedisScripts.BONUS,
                List.of(RedisKeys.campaignBonus(campaignId), RedisKeys.campaignRewards(campaignId)),
                userId, rewardId, Integer.toString(grabs), Integer.toString(cap)).toLong() >= 0;
    }

    public boolean isLoaded(String dropId) {
        return redis.execute("EXISTS", RedisKeys.meta(dropId)).toInteger() == 1;
    }

    public Optional<Claim> claimOf(String dropId, String userId) {
        Response value = redis.execute("HGET", RedisKeys.claims(dropId), userId);
        return value == null ? Optional.empty() : Optional.of(Claim.parse(value.toString()));
    }

    /** Every claim of a pool, by user. A group packet has at most 200. */
    public java.util.Map<String, Claim> claims(String poolId) {
        Response all = redis.execute("HGETALL", RedisKeys.claims(poolId));
        java.util.Map<String, Claim> claims = new java.util.HashMap<>();
        if (all == null) {
            return claims;
        }
        if (all.getKeys() != null && !all.getKeys().isEmpty()) {
            for (String user : all.getKeys()) {
                claims.put(user, Claim.parse(all.get(user).toString()));
            }
            return claims;
        }
        for (int i = 0; i + 1 < all.size(); i += 2) {
            claims.put(all.get(i).toString(), Claim.parse(all.get(i + 1).toString()));
        }
        return claims;
    }

    public long remainingPackets(String dropId) {
        return redis.execute("LLEN", RedisKeys.packets(dropId)).toLong();
    }

    /** Cents not yet granted, as the grab script counts them down. */
    public long remainingCents(String dropId) {
        Response value = redis.execute("HGET", RedisKeys.meta(dropId), "remainingCents");
        return value == null ? 0 : value.toLong();
    }

    public long grabsUsed(String campaignId, String userId) {
        Response value = redis.execute("HGET", RedisKeys.campaignGrabs(campaignId), userId);
        return value == null ? 0 : value.toLong();
    }

    public long bonusEarned(String campaignId, String userId) {
        Response value = redis.execute("HGET", RedisKeys.campaignBonus(campaignId), userId);
        return value == null ? 0 : value.toLong();
    }
}
