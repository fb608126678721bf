package pai.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import pai.it.ChaosLoad.Answer;
import pai.it.ChaosLoad.Granted;
import pai.it.ChaosLoad.Kind;

/**
 * The fault-injection run (issue 12, docs/reliability.md): campaign load (grabs by many users on three drops,
 * lucky packets, share accepts) and chat (two chat-service instances, WebSocket readers that reconnect and
 * resume) while, in turn, redpacket-service is killed (-9) and restarted, the Kafka broker is down for 10 s,
 * Redis is killed and comes back from its append-only file, one chat-service instance is killed, PostgreSQL
 * restarts, and agent-service is killed while it answers a summary request. Then every invariant of
 * docs/contract.md is checked and a table of faults and checks printed; any breach fails the test.
 *
 * <p>It runs on a Kafka, Redis and PostgreSQL of its own ({@link ChaosInfra}), never the machine's.
 * {@code -Dchaos.profile=full} (chaos/run.sh) is 60 s of load by thousands of users; the default, the
 * test command's, does the same faults back to back under lighter load in about two minutes.
 */
class ChaosIT {
    private static final Duration SETTLE = Duration.ofSeconds(90);

    /** How hard and how long: the test command's short run, or chaos/run.sh's full one. */
    record Profile(String name, int grabUsers, int grabThreads, long grabPauseMillis, int packetsPerDrop, int pais, int members,
            int messageThreads, long minimumLoadMillis, long faultSlotMillis) {
        static Profile chosen() {
            return "full".equals(System.getProperty("chaos.profile", "short"))
                    ? new Profile("full", 5_000, 12, 0, 4_000, 8, 8, 4, 60_000, 9_000)
                    : new Profile("short", 1_000, 2, 20, 1_000, 2, 3, 1, 0, 0);
        }
    }

    /** One fault: what was done, when, and when the system answered again. */
    record FaultRun(String name, long injectedAt, long restoredAt, long recoveredAt) {
    }

    private static ChaosInfra infra;
    private static final List<ServiceProcess> processes = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    static void stopEverything() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void faultsInTurnUnderLoadLoseNothingGrantNothingTwiceAndDeliverEveryMessageInOrder() throws Exception {
        Profile profile = Profile.chosen();
        long setupStarted = System.nanoTime();
        infra = ChaosInfra.start();
        progress(setupStarted, "Kafka, Redis and PostgreSQL of its own are up");
        Map<String, String> common = new HashMap<>(infra.serviceProperties());
        Map<String, String> chatProperties = new HashMap<>(common);
        chatProperties.put("pai.chat.sends-per-window", "1000000");
        ServiceProcess chat1 = started("chat-service", chatProperties);
        CompletableFuture<ServiceProcess> chat2 = CompletableFuture.supplyAsync(() -> started("chat-service", chatProperties));
        CompletableFuture<ServiceProcess> redpacketStart = CompletableFuture.supplyAsync(() -> started("redpacket-service", common));
        CompletableFuture<ServiceProcess> shareStart = CompletableFuture.supplyAsync(() -> started("share-service", common));
        Map<String, String> agentProperties = new HashMap<>(common);
        agentProperties.put("pai.agent.chat.base-url", chat1.baseUrl());
        ServiceProcess agent = started("agent-service", agentProperties);
        ServiceProcess redpacket = redpacketStart.join();
        ServiceProcess share = shareStart.join();
        List<ServiceProcess> chat = List.of(chat1, chat2.join());
        progress(setupStarted, "five service processes are ready");

        ChaosLoad load = new ChaosLoad();
        World world = World.build(load, profile, chat, redpacket, share, agent);
        long setupSeconds = Duration.ofNanos(System.nanoTime() - setupStarted).toSeconds();
        progress(setupStarted, "%d users, %d pais, a campaign with %d drops: load starts (profile %s)".formatted(
                world.bearers.size(), world.paiIds.size(), world.dropIds.size(), profile.name()));

        long loadStarted = load.now();
        load.grabs(profile.grabThreads(), profile.grabPauseMillis(), () -> redpacket, world.grabUsers, world.bearers, world.dropIds);
        load.luckyPackets(() -> redpacket, world.paiIds.get(0), world.members, world.bearers);
        load.shareAccepts(() -> share, world.codesBySharer, world.visitors, world.bearers);
        load.messages(profile.messageThreads(), chat, world.paiIds, world.members, world.bearers);
        load.readers(chat, world.paiIds, world.members, world.bearers);

        List<ServiceProcess> all = List.of(chat.get(0), chat.get(1), agent, redpacket, share);
        Map<String, Runnable> faults = new LinkedHashMap<>();
        faults.put("redpacket-service killed (-9), restarted", () -> {
            redpacket.kill();
            redpacket.restart();
        });
        faults.put("Kafka broker stopped for 10 s", () -> {
            infra.kafka().kill();
            ChaosLoad.pause(10_000);
            infra.kafka().start();
        });
        faults.put("Redis killed (-9), back from its AOF", () -> {
            infra.redis().kill();
            infra.redis().start();
        });
        faults.put("one chat-service instance killed (-9), restarted", () -> {
            chat.get(1).kill();
            chat.get(1).restart();
        });
        faults.put("PostgreSQL restarted", () -> {
            infra.postgres().stop();
            infra.postgres().start();
        });
        faults.put("agent-service killed (-9) mid-summary, restarted", () -> {
            world.askForSummary(load);
            ChaosLoad.pause(150);
            agent.kill();
            agent.restart();
        });

        List<FaultRun> runs = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        ChaosLoad.pause(2_000);
        int slot = 1;
        for (var fault : faults.entrySet()) {
            long due = loadStarted + slot++ * profile.faultSlotMillis();
            ChaosLoad.pause(Math.max(0, due - load.now()));
            long injected = load.now();
            progress(setupStarted, "fault: " + fault.getKey());
            fault.getValue().run();
            long restored = load.now();
            long readyBy = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!all.stream().allMatch(ChaosIT::ready) && System.nanoTime() < readyBy) {
                ChaosLoad.pause(200);
            }
            all.stream().filter(service -> !ready(service)).forEach(service -> notReady.add(fault.getKey() + ": " + service.service()
                    + " " + health(service).replaceAll("\\s+", " ")));
            long recovered = awaitRecovery(load, restored);
            runs.add(new FaultRun(fault.getKey(), injected, restored, recovered));
            progress(setupStarted, "  back after %.1f s".formatted(((recovered < 0 ? load.now() : recovered) - injected) / 1000.0));
            ChaosLoad.pause(2_000);
        }
        ChaosLoad.pause(Math.max(3_000, loadStarted + profile.minimumLoadMillis() - load.now()));
        long loadEnded = load.now();
        load.stop();

        progress(setupStarted, "load stopped; waiting for what is on its way, then checking");
        Checks checks = new Checks(load, world, redpacket);
        checks.settle();
        load.stopReaders();
        List<Checks.Row> rows = new ArrayList<>(List.of(new Checks.Row("every service ready within 90 s of each fault",
                notReady.isEmpty() ? "yes" : notReady.size() + " not: " + notReady.get(0), notReady.isEmpty())));
        rows.addAll(checks.run());

        String report = report(profile, setupSeconds, loadEnded - loadStarted, load, runs, rows);
        System.out.println(report);
        Path saved = ItEnvironment.repo().resolve("integration-tests/target/chaos-report.txt");
        Files.writeString(saved, report);
        assertThat(rows.stream().filter(row -> !row.ok()).map(Checks.Row::name).toList()).as(report).isEmpty();
        assertThat(runs).hasSize(faults.size());
    }

    private static ServiceProcess started(String service, Map<String, String> properties) {
        ServiceProcess process = ServiceProcess.start(service, properties);
        processes.add(process);
        return process;
    }

    private static boolean ready(ServiceProcess service) {
        String health = health(service);
        return service.isAlive() && health.contains("\"UP\"") && !health.contains("\"DOWN\"");
    }

    private static String health(ServiceProcess service) {
        try {
            return service.get("/q/health/ready");
        } catch (RuntimeException noAnswer) {
            return "(no answer: " + noAnswer.getMessage() + ")";
        }
    }

    private static void progress(long since, String what) {
        System.out.printf("chaos %6.1f s  %s%n", (System.nanoTime() - since) / 1e9, what);
    }

    /** The first moment after {@code from} by which a grab was granted, a message stored and one delivered. */
    private static long awaitRecovery(ChaosLoad load, long from) {
        long deadline = load.now() + 90_000;
        while (load.now() < deadline) {
            Map<Kind, Long> firsts = new HashMap<>();
            for (ChaosLoad.Call call : load.calls) {
                boolean success = call.kind() == Kind.GRAB ? call.status() == 200
                        : call.kind() == Kind.MESSAGE ? call.status() == 201 : call.kind() == Kind.DELIVERY;
                if (success && call.atMillis() >= from) {
                    firsts.merge(call.kind(), call.atMillis(), Math::min);
                }
            }
            if (firsts.keySet().containsAll(List.of(Kind.GRAB, Kind.MESSAGE, Kind.DELIVERY))) {
                return Collections.max(firsts.values());
            }
            ChaosLoad.pause(100);
        }
        return -1;
    }

    static void awaitUntil(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            ChaosLoad.pause(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    /** Users, pais, the campaign and its drops, share links: what the load acts on, made before it starts. */
    static final class World {
        final Map<String, String> bearers = new HashMap<>();
        final List<String> grabUsers = new ArrayList<>();
        final List<String> members = new ArrayList<>();
        final List<String> visitors = new ArrayList<>();
        final List<String> paiIds = new ArrayList<>();
        final List<String> dropIds = new ArrayList<>();
        final Map<String, String> codesBySharer = new LinkedHashMap<>();
        final List<ServiceProcess> chat;
        final ServiceProcess redpacket;
        final ServiceProcess share;
        final ServiceProcess agent;
        String campaignId;
        String owner;
        long summaryAsk = -1;

        private World(List<ServiceProcess> chat, ServiceProcess redpacket, ServiceProcess share, ServiceProcess agent) {
            this.chat = chat;
            this.redpacket = redpacket;
            this.share = share;
            this.agent = agent;
        }

        static World build(ChaosLoad load, Profile profile, List<ServiceProcess> chat, ServiceProcess redpacket,
                ServiceProcess share, ServiceProcess agent) {
            World world = new World(chat, redpacket, share, agent);
            String run = UUID.randomUUID().toString().substring(0, 6);
            world.owner = "owner-" + run;
            for (int i = 0; i < profile.members(); i++) {
                world.members.add("member" + i + "-" + run);
            }
            for (int i = 0; i < profile.grabUsers(); i++) {
                world.grabUsers.add("grabber" + i + "-" + run);
            }
            world.visitors.addAll(world.grabUsers.subList(0, Math.min(400, world.grabUsers.size())));
            List<String> everyone = new ArrayList<>(world.grabUsers);
            everyone.addAll(world.members);
            everyone.add(world.owner);
            Map<String, String> minted = everyone.parallelStream().collect(Collectors.toConcurrentMap(u -> u, ItEnvironment::bearer));
            world.bearers.putAll(minted);
            world.bearers.put("operator", ItEnvironment.operatorBearer("chaos-operator-" + run));

            world.openCampaign(load, profile);
            world.makePais(load, profile);
            world.fundAndAwaitLuckyPackets(load);
            world.makeShareLinks(load);
            world.awaitStatus(load, agent, "PUT", "/api/agents/pais/" + world.paiIds.get(0) + "/agents/summarizer",
                    world.owner, "{\"enabled\":true}", 200);
            return world;
        }

        private void openCampaign(ChaosLoad load, Profile profile) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            campaignId = expect(load.call(redpacket, "POST", "/api/redpackets/campaigns", bearers.get("operator"), """
                    {"name":"风雨无阻","budgetCents":100000000,"startsAt":"%s","endsAt":"%s","maxGrabsPerUser":3,
                     "shareBonusGrabs":1,"maxBonusGrabsPerUser":3}""".formatted(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS)),
                    Map.of()), 201).path("id").asText();
            for (int d = 0; d < 3; d++) {
                // the first drop even, so that every member's first win pays for its lucky packets
                dropIds.add(expect(load.call(redpacket, "POST", "/api/redpackets/campaigns/" + campaignId + "/drops", bearers.get("operator"), """
                        {"packetCount":%d,"amountCents":%d,"split":"%s","startsAt":"%s","endsAt":"%s"}"""
                        .formatted(profile.packetsPerDrop(), profile.packetsPerDrop() * 40L, d == 0 ? "EVEN" : "RANDOM",
                                now.minusSeconds(5), now.plus(2, ChronoUnit.HOURS)),
                        Map.of()), 201).path("id").asText());
            }
            for (String dropId : dropIds) {
                awaitUntil(Duration.ofSeconds(60), () -> "ACTIVE".equals(load.call(redpacket, "GET", "/api/redpackets/drops/" + dropId,
                        bearers.get("operator"), null, Map.of()).body().path("status").asText()), "drop " + dropId + " active");
            }
        }

        private void makePais(ChaosLoad load, Profile profile) {
            for (int p = 0; p < profile.pais(); p++) {
                JsonNode pai = expect(load.call(chat.get(p % 2), "POST", "/api/chat/pais", bearers.get(owner), "{\"name\":\"风雨群" + p + "\"}",
                        Map.of()), 201);
                paiIds.add(pai.path("id").asText());
                for (int m = 0; m < members.size(); m++) {
                    expect(load.call(chat.get((p + m) % 2), "POST", "/api/chat/pais/join", bearers.get(members.get(m)),
                            "{\"inviteCode\":\"" + pai.path("inviteCode").asText() + "\"}", Map.of()), 200);
                }
            }
        }

        /** Each member wins a packet of the first drop, so that it can send lucky packets once its wallet shows it. */
        private void fundAndAwaitLuckyPackets(ChaosLoad load) {
            for (String member : members) {
                JsonNode won = expect(load.call(redpacket, "POST", "/api/redpackets/drops/" + dropIds.get(0) + "/grab", bearers.get(member), null,
                        Map.of()), 200);
                load.grants.put(member + "|" + dropIds.get(0), new Granted(member, dropIds.get(0), won.path("grabId").asText(),
                        won.path("amountCents").asLong()));
            }
            for (String member : members) {
                awaitUntil(Duration.ofSeconds(60), () -> load.call(redpacket, "GET", "/api/redpackets/wallet", bearers.get(member), null, Map.of())
                        .body().path("balanceCents").asLong() >= 40, member + "'s wallet funded");
            }
            // redpacket-service learns the pai's members from pai.chat.members
            JsonNode first = awaitStatus(load, redpacket, "POST", "/api/redpackets/pais/" + paiIds.get(0) + "/packets", members.get(0),
                    "{\"totalCents\":3,\"count\":3,\"split\":\"RANDOM\"}", 201);
            load.luckyPackets.add(first.path("id").asText());
        }

        private void makeShareLinks(ChaosLoad load) {
            for (String sharer : members) {
                JsonNode link = awaitStatus(load, share, "POST", "/api/shares", sharer,
                        "{\"targetType\":\"CAMPAIGN\",\"targetId\":\"" + campaignId + "\",\"channel\":\"WECHAT\"}", 201);
                codesBySharer.put(sharer, link.path("code").asText());
            }
        }

        /** The owner asks the summarizer; retried to the other instance until stored. */
        void askForSummary(ChaosLoad load) {
            String clientMsgId = UUID.randomUUID().toString();
            for (int attempt = 0; attempt < 50 && summaryAsk < 0; attempt++) {
                Answer asked = load.call(chat.get(attempt % 2), "POST", "/api/chat/pais/" + paiIds.get(0) + "/messages", bearers.get(owner),
                        "{\"clientMsgId\":\"" + clientMsgId + "\",\"kind\":\"TEXT\",\"text\":\"@summarizer 总结一下\"}", Map.of());
                if (asked.status() == 201) {
                    summaryAsk = asked.body().path("seq").asLong();
                } else {
                    ChaosLoad.pause(200);
                }
            }
        }

        private JsonNode awaitStatus(ChaosLoad load, ServiceProcess service, String method, String path, String user, String body, int status) {
            Answer[] last = new Answer[1];
            awaitUntil(Duration.ofSeconds(60), () -> (last[0] = load.call(service, method, path,
                    user.startsWith("Bearer ") ? user : bearers.get(user), body, Map.of())).status() == status, method + " " + path);
            return last[0].body();
        }
    }

    static JsonNode expect(Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " but got " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** The invariants, read from the rows each service left, from Redis (through reconciliation) and from what the load saw. */
    static final class Checks {
        record Row(String name, String figure, boolean ok) {
        }

        private final ChaosLoad load;
        private final World world;
        private final ServiceProcess redpacket;

        Checks(ChaosLoad load, World world, ServiceProcess redpacket) {
            this.load = load;
            this.world = world;
            this.redpacket = redpacket;
        }

        /** Waits (a while at most) for what is still on its way: the grab stream's relay, rewards, live frames, the summary. */
        void settle() {
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (ledgerHoldsEveryGrant() && everyRewardApplied() && readersCaughtUp()) {
                        break;
                    }
                } catch (SQLException notNow) {
                    // PostgreSQL may still be coming back
                }
                ChaosLoad.pause(500);
            }
            // the summary asked for before agent-service was killed: at-least-once delivery asks it again
            long summaryDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (summaryPosted() == 0 && System.nanoTime() < summaryDeadline) {
                ChaosLoad.pause(500);
            }
        }

        List<Row> run() throws SQLException {
            List<Row> rows = new ArrayList<>();
            Map<String, Granted> ledger = ledgerGrabs();
            long missing = load.grants.values().stream().filter(g -> !g.equals(ledger.get(g.grabId()))).count();
            rows.add(new Row("every 200 grab in the ledger, once, as answered",
                    load.grants.size() + " answered, " + missing + " missing, " + (ledger.size() - load.grants.size()) + " more in the ledger (unanswered)",
                    missing == 0));
            long twice = single("redpacket", "select count(*) from (select pool_id, user_id from grab where campaign_id = ?"
                    + " group by pool_id, user_id having count(*) > 1) twice", world.campaignId);
            long twiceAnswered = load.breaches.stream().filter(b -> b.startsWith("granted twice")).count();
            rows.add(new Row("no user granted a drop twice", twice + " in the ledger, " + twiceAnswered + " in answers",
                    twice == 0 && twiceAnswered == 0));
            JsonNode reconciliation = expect(load.call(redpacket, "GET", "/api/redpackets/campaigns/" + world.campaignId + "/reconciliation",
                    world.bearers.get("operator"), null, Map.of()), 200);
            rows.add(new Row("ledger equals Redis (reconciliation)", "ledger " + reconciliation.path("ledgerCents").asLong()
                    + " cents, Redis claims " + reconciliation.path("claimedCents").asLong() + " and holds " + reconciliation.path("redisCents").asLong()
                    + " more, " + reconciliation.path("pending").asLong() + " pending, differences " + reconciliation.path("differences"),
                    reconciliation.path("ok").asBoolean() && reconciliation.path("pending").asLong() == 0
                            && reconciliation.path("ledgerCents").asLong() == reconciliation.path("claimedCents").asLong()));
            long overDrawn = single("redpacket", "select count(*) from packet_drop d where d.campaign_id = ? and d.amount_cents <"
                    + " (select coalesce(sum(g.amount_cents), 0) from grab g where g.pool_id = d.id)", world.campaignId);
            long overBudget = single("redpacket", "select count(*) from campaign c where c.id = ? and c.budget_cents <"
                    + " (select coalesce(sum(g.amount_cents), 0) from grab g where g.campaign_id = c.id)", world.campaignId);
            rows.add(new Row("no drop or budget paid out beyond its amount", overDrawn + " drops, " + overBudget + " campaigns over",
                    overDrawn == 0 && overBudget == 0));
            long wallets = single("redpacket", "select count(*) from wallet", null);
            long walletsOff = single("redpacket", "select count(*) from wallet w where w.balance_cents <>"
                    + " (select coalesce(sum(e.amount_cents), 0) from wallet_entry e where e.user_id = w.user_id)", null);
            rows.add(new Row("every wallet equals the sum of its entries", wallets + " wallets, " + walletsOff + " off", walletsOff == 0));
            long packetsOver = single("redpacket", "select count(*) from group_packet p where p.pai_id = ? and (p.total_cents <"
                    + " (select coalesce(sum(g.amount_cents), 0) from grab g where g.pool_id = p.id) or p.packet_count <"
                    + " (select count(*) from grab g where g.pool_id = p.id))", world.paiIds.get(0));
            long openedTwice = load.breaches.stream().filter(b -> b.startsWith("lucky packet opened twice")).count();
            rows.add(new Row("lucky packets: opened once each, within their total", load.luckyPackets.size() + " sent, "
                    + load.luckyGrants.size() + " opened, " + packetsOver + " over, " + openedTwice + " twice", packetsOver == 0 && openedTwice == 0));
            Set<String> rewards = ids("share", "select reward_id from share_reward where campaign_id = ?", world.campaignId);
            Set<String> bonuses = ids("redpacket", "select reward_id from bonus_grant where campaign_id = ?", world.campaignId);
            long rewardedTwice = load.breaches.stream().filter(b -> b.startsWith("rewarded twice")).count();
            rows.add(new Row("share rewards: each applied once as bonus grabs", load.rewarded.size() + " answered rewarded, " + rewards.size()
                    + " rewards, " + bonuses.size() + " bonus grants", rewards.equals(bonuses) && rewards.size() >= load.rewarded.size()
                    && rewardedTwice == 0));
            long storedTwice = load.breaches.stream().filter(b -> b.startsWith("message")).count();
            long gapsInSeq = 0;
            for (String paiId : world.paiIds) {
                gapsInSeq += single("chat", "select count(*) - coalesce(max(seq), 0) from message where pai_id = ?", paiId) == 0 ? 0 : 1;
            }
            rows.add(new Row("messages stored once, seqs without gaps", load.acknowledged.size() + " acknowledged, " + storedTwice
                    + " stored twice, " + gapsInSeq + " pais with a gap", storedTwice == 0 && gapsInSeq == 0));
            long gaps = 0;
            long behind = 0;
            long duplicates = 0;
            for (ChaosLoad.Reader reader : load.readers()) {
                for (String paiId : world.paiIds) {
                    ChaosLoad.PaiView view = reader.views.get(paiId);
                    gaps += view.gaps.size();
                    duplicates += view.duplicates;
                    behind += view.lastKept < highestAcknowledged(paiId) ? 1 : 0;
                }
            }
            rows.add(new Row("every message delivered once, in order, after resume", load.readers().size() + " readers, " + load.reconnects.get()
                    + " reconnects, " + gaps + " gaps, " + behind + " behind, " + duplicates + " duplicates dropped", gaps == 0 && behind == 0));
            long summaries = summaryPosted();
            rows.add(new Row("agent reply posted at most once", "ask seq " + world.summaryAsk + ": " + summaries + " summary", summaries <= 1));
            long internalErrors = load.calls.stream().filter(call -> call.status() == 500).count();
            rows.add(new Row("no call answered 500 (a store that is down is a 503)", internalErrors + " answered 500"
                    + (load.internalErrors.isEmpty() ? "" : ", the first: " + load.internalErrors.peek()), internalErrors == 0));
            List<String> other = load.breaches.stream().filter(b -> b.startsWith("load thread")).toList();
            rows.add(new Row("load ran without errors of its own", other.size() + (other.isEmpty() ? "" : ": " + other.get(0)), other.isEmpty()));
            return rows;
        }

        private boolean ledgerHoldsEveryGrant() throws SQLException {
            Map<String, Granted> ledger = ledgerGrabs();
            return load.grants.values().stream().allMatch(g -> ledger.containsKey(g.grabId()));
        }

        private boolean everyRewardApplied() throws SQLException {
            return ids("share", "select reward_id from share_reward where campaign_id = ?", world.campaignId)
                    .equals(ids("redpacket", "select reward_id from bonus_grant where campaign_id = ?", world.campaignId));
        }

        private boolean readersCaughtUp() {
            return load.readers().stream().allMatch(reader -> world.paiIds.stream()
                    .allMatch(paiId -> reader.lastKept(paiId) >= highestAcknowledged(paiId)));
        }

        private long highestAcknowledged(String paiId) {
            var highest = load.highestAcknowledged.get(paiId);
            return highest == null ? 0 : highest.get();
        }

        private long summaryPosted() {
            try {
                return world.summaryAsk < 0 ? 0 : single("chat", "select count(*) from message where pai_id = ? and kind = 'SUMMARY'"
                        + " and reply_to_seq = " + world.summaryAsk, world.paiIds.get(0));
            } catch (SQLException notNow) {
                return 0;
            }
        }

        private Map<String, Granted> ledgerGrabs() throws SQLException {
            Map<String, Granted> grabs = new HashMap<>();
            try (Connection db = infra.database("redpacket");
                    PreparedStatement query = db.prepareStatement("select grab_id, user_id, pool_id, amount_cents from grab where campaign_id = ?")) {
                query.setString(1, world.campaignId);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        grabs.put(row.getString(1), new Granted(row.getString(2), row.getString(3), row.getString(1), row.getLong(4)));
                    }
                }
            }
            return grabs;
        }

        private static Set<String> ids(String schema, String sql, String parameter) throws SQLException {
            Set<String> ids = new HashSet<>();
            try (Connection db = infra.database(schema); PreparedStatement query = db.prepareStatement(sql)) {
                query.setString(1, parameter);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getString(1));
                    }
                }
            }
            return ids;
        }

        private static long single(String schema, String sql, String parameter) throws SQLException {
            try (Connection db = infra.database(schema); PreparedStatement query = db.prepareStatement(sql)) {
                if (parameter != null) {
                    query.setString(1, parameter);
                }
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0;
                }
            }
        }
    }

    private static String report(Profile profile, long setupSeconds, long loadMillis, ChaosLoad load, List<FaultRun> runs,
            List<Checks.Row> rows) {
        StringBuilder out = new StringBuilder();
        Map<Kind, Map<Integer, Long>> total = load.counts(0, Long.MAX_VALUE);
        out.append("chaos run (%s): %d s of load after %d s of setup; grabs %s, lucky packets sent %s opened %s, share accepts %s, messages %s, deliveries %d%n"
                .formatted(profile.name(), loadMillis / 1000, setupSeconds, sum(total, Kind.GRAB), sum(total, Kind.LUCKY_SEND),
                        sum(total, Kind.LUCKY_OPEN), sum(total, Kind.SHARE_ACCEPT), sum(total, Kind.MESSAGE),
                        total.getOrDefault(Kind.DELIVERY, Map.of()).values().stream().mapToLong(Long::longValue).sum()));
        out.append("%n%-50s %7s %7s %9s %9s %6s %5s %9s %10s%n".formatted("fault", "at s", "took s", "grabs ok", "msgs ok", "5xx", "500", "no answer",
                "recovered"));
        for (FaultRun run : runs) {
            long end = run.recoveredAt() < 0 ? load.now() : run.recoveredAt();
            Map<Kind, Map<Integer, Long>> window = load.counts(run.injectedAt(), end);
            long errors = window.values().stream().flatMap(m -> m.entrySet().stream()).filter(e -> e.getKey() >= 500)
                    .mapToLong(Map.Entry::getValue).sum();
            long internal = window.values().stream().mapToLong(m -> m.getOrDefault(500, 0L)).sum();
            long unanswered = window.values().stream().mapToLong(m -> m.getOrDefault(ChaosLoad.NO_ANSWER, 0L)).sum();
            out.append("%-50s %7.1f %7.1f %9d %9d %6d %5d %9d %10s%n".formatted(run.name(), run.injectedAt() / 1000.0,
                    (run.restoredAt() - run.injectedAt()) / 1000.0, window.getOrDefault(Kind.GRAB, Map.of()).getOrDefault(200, 0L),
                    window.getOrDefault(Kind.MESSAGE, Map.of()).getOrDefault(201, 0L), errors, internal, unanswered,
                    run.recoveredAt() < 0 ? "never" : "%.1f s".formatted((run.recoveredAt() - run.injectedAt()) / 1000.0)));
        }
        out.append("%n%-56s %-6s %s%n".formatted("check", "", "figures"));
        for (Checks.Row row : rows) {
            out.append("%-56s %-6s %s%n".formatted(row.name(), row.ok() ? "ok" : "BREACH", row.figure()));
        }
        long breaches = rows.stream().filter(row -> !row.ok()).count();
        out.append(breaches == 0 ? "%nclean: %d checks, no breach%n".formatted(rows.size()) : "%n%d BREACHES%n".formatted(breaches));
        return out.toString();
    }

    private static String sum(Map<Kind, Map<Integer, Long>> counts, Kind kind) {
        Map<Integer, Long> byStatus = counts.getOrDefault(kind, Map.of());
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long ok = byStatus.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300).mapToLong(Map.Entry::getValue).sum();
        return all + " (" + ok + " ok)";
    }
}
