package pai.redpacket.service.pool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import pai.events.redpacket.PoolKind;
import pai.platform.redis.RedisScripts;
import pai.redpacket.config.RedpacketConfig;
import pai.redpacket.domain.Pool;

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
     * Grabs for several users of one pool in one script call, each decided as if alone, in order;
     * one result per user.
     */
    public Uni<List<GrabResult>> grab(Pool pool, List<String> userIds) {
        long second = System.currentTimeMillis() / 1000;
        List<String> keys = new ArrayList<>(6 + userIds.size());
        keys.addAll(List.of(RedisKeys.meta(pool.id()), RedisKeys.packets(pool.id()), RedisKeys.claims(pool.id()),
                RedisKeys.campaignGrabs(pool.scope()), RedisKeys.campaignBonus(pool.scope()), RedisKeys.GRAB_STREAM));
        String[] args = new String[5 + 2 * userIds.size()];
        args[0] = Integer.toString(config.streamLimit());
        args[1] = Integer.toString(config.grabAttemptsPerSecond());
        args[2] = pool.id();
        args[3] = pool.ownerId();
        args[4] = pool.kind().name();
        for (int i = 0; i < userIds.size(); i++) {
            keys.add(RedisKeys.attempts(userIds.get(i), second));
            args[5 + 2 * i] = userIds.get(i);
            args[6 + 2 * i] = UUID.randomUUID().toString();
        }
        return scripts.runAsync(PoolScripts.GRAB, keys, args).map(replies -> {
            List<GrabResult> results = new ArrayList<>(replies.size());
            for (int i = 0; i < replies.size(); i++) {
                Response reply = replies.get(i);
                GrabOutcome outcome = GrabOutcome.valueOf(reply.get(0).toString());
                results.add(new GrabResult(outcome, reply.size() > 1 ? Claim.parse(reply.get(1).toString()) : null));
            }
            return results;
        });
    }

    /**
     * Copies the packets into a staging list and swaps it in with the meta in one script; true
     * when Redis holds the drop now (loaded by this call or an earlier one).
     */
    public boolean load(Pool pool, long[] amounts, Instant startsAt, Instant endsAt, int maxGrabsPerUser,
            long amountCents, boolean paused) {
        String staging = RedisKeys.staging(pool.id(), UUID.randomUUID().toString());
        for (int from = 0; from < amounts.length; from += PUSH_CHUNK) {
            int to = Math.min(amounts.length, from + PUSH_CHUNK);
            List<String> args = new ArrayList<>(to - from + 1);
            args.add(staging);
            for (int i = from; i < to; i++) {
                args.add(i + ":" + amounts[i]);
            }
            redis.execute("RPUSH", args.toArray(String[]::new));
        }
        String result = scripts.run(PoolScripts.LOAD,
                List.of(RedisKeys.meta(pool.id()), RedisKeys.packets(pool.id()), staging,
                        RedisKeys.campaignGrabs(pool.scope())),
                Long.toString(startsAt.toEpochMilli()), Long.toString(endsAt.toEpochMilli()),
                Integer.toString(maxGrabsPerUser), Long.toString(amountCents), Integer.toString(amounts.length),
                paused ? "PAUSED" : "OPEN").toString();
        return !"INCOMPLETE".equals(result);
    }

    /**
     * Restores a pool Redis lost: the packets the ledger has not granted, the ledger's claims, and
     * the users' campaign counters raised to at least what the ledger and the bonus records say.
     * True when Redis holds the pool afterwards.
     */
    public boolean rebuild(Pool pool, long[] amounts, Map<String, Claim> claims, Instant startsAt, Instant endsAt,
            int maxGrabsPerUser, boolean paused, Map<String, Long> grabsPerUser, Map<String, Long> bonusPerUser) {
        String token = UUID.randomUUID().toString();
        String stagedPackets = RedisKeys.staging(pool.id(), token);
        String stagedClaims = RedisKeys.stagedClaims(pool.id(), token);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        claims.values().forEach(c -> taken.add(c.index()));
        List<String> batch = new ArrayList<>();
        long remainingCents = 0;
        int remainingPackets = 0;
        for (int i = 0; i < amounts.length; i++) {
            if (taken.contains(i)) {
                continue;
            }
            batch.add(i + ":" + amounts[i]);
            remainingCents += amounts[i];
            remainingPackets++;
            if (batch.size() == PUSH_CHUNK) {
                push(stagedPackets, batch);
            }
        }
        push(stagedPackets, batch);
        List<String> claimArgs = new ArrayList<>();
        claims.forEach((user, claim) -> {
            claimArgs.add(user);
            claimArgs.add(claim.grabId() + ":" + claim.index() + ":" + claim.amountCents() + ":" + claim.grabbedAt().toEpochMilli());
        });
        for (int from = 0; from < claimArgs.size(); from += 2 * PUSH_CHUNK) {
            List<String> args = new ArrayList<>();
            args.add(stagedClaims);
            args.addAll(claimArgs.subList(from, Math.min(claimArgs.size(), from + 2 * PUSH_CHUNK)));
            redis.execute("HSET", args.toArray(String[]::new));
        }
        raiseTo(RedisKeys.campaignGrabs(pool.scope()), grabsPerUser);
        raiseTo(RedisKeys.campaignBonus(pool.scope()), bonusPerUser);
        String result = scripts.run(PoolScripts.REBUILD,
                List.of(RedisKeys.meta(pool.id()), RedisKeys.packets(pool.id()), stagedPackets,
                        RedisKeys.claims(pool.id()), stagedClaims, RedisKeys.campaignGrabs(pool.scope())),
                Long.toString(startsAt.toEpochMilli()), Long.toString(endsAt.toEpochMilli()),
                Integer.toString(maxGrabsPerUser), Long.toString(remainingCents), Integer.toString(remainingPackets),
                paused ? "PAUSED" : "OPEN", Integer.toString(claims.size())).toString();
        return !"INCOMPLETE".equals(result);
    }

    private void push(String list, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(batch.size() + 1);
        args.add(list);
        args.addAll(batch);
        redis.execute("RPUSH", args.toArray(String[]::new));
        batch.clear();
    }

    /** Counters only grow here: a count Redis kept is never lowered to what the ledger knows so far. */
    private void raiseTo(String hash, Map<String, Long> floor) {
        floor.forEach((user, value) -> {
            Response current = redis.execute("HGET", hash, user);
            if (current == null || current.toLong() < value) {
                redis.execute("HSET", hash, user, Long.toString(value));
            }
        });
    }

    public Closed close(Pool pool) {
        Response response = scripts.run(PoolScripts.CLOSE,
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
        scripts.run(PoolScripts.SET_STATUS, List.of(RedisKeys.meta(dropId)), open ? "OPEN" : "PAUSED");
    }

    /** Raises the user's bonus once per reward, up to the cap; false when the reward was applied before. */
    public boolean addBonus(String campaignId, String userId, String rewardId, int grabs, int cap) {
        return scripts.run(PoolScripts.BONUS,
                List.of(RedisKeys.campaignBonus(campaignId), RedisKeys.campaignRewards(campaignId)),
                userId, rewardId, Integer.toString(grabs), Integer.toString(cap)).toLong() >= 0;
    }

    public long streamLength() {
        return redis.execute("XLEN", RedisKeys.GRAB_STREAM).toLong();
    }

    public boolean isLoaded(String poolId) {
        return redis.execute("EXISTS", RedisKeys.meta(poolId)).toInteger() == 1;
    }

    /** The pool and its scope's counters are both in Redis; either missing means Redis lost them. */
    public boolean isIntact(Pool pool) {
        return isLoaded(pool.id()) && redis.execute("HEXISTS", RedisKeys.campaignGrabs(pool.scope()), "~").toInteger() == 1;
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
