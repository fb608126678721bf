package pai.share.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * What the stats and the funnel show, counted from the stored rows at the moment of asking: clicks are
 * rows of share_click, accepts distinct (code, visitor) pairs of share_accept, rewards rows of share_reward.
 */
public final class ShareCounts {
    private ShareCounts() {
    }

    public record PerLink(long clicks, long accepts, long rewards) {
        static final PerLink NONE = new PerLink(0, 0, 0);
    }

    public record PerChannel(String channel, long shares, long clicks, long accepts, long rewards) {
    }

    public record Funnel(long shares, long clicks, long accepts, long rewards, long bonusGrabs,
            Map<String, Long> refusals, List<PerChannel> byChannel) {
    }

    /** Clicks, accepts and rewards of each code; codes with none are absent. */
    public static Map<String, PerLink> ofCodes(Collection<String> codes) {
        Map<String, PerLink> counts = new HashMap<>();
        if (codes.isEmpty()) {
            return counts;
        }
        List<?> rows = em().createNativeQuery("""
                select l.code,
                       (select count(*) from share_click c where c.code = l.code),
                       (select count(distinct a.visitor_id) from share_accept a where a.code = l.code),
                       (select count(*) from share_reward r where r.code = l.code)
                from share_link l where l.code in (?1)""")
                .setParameter(1, codes).getResultList();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            counts.put((String) cells[0], new PerLink(number(cells[1]), number(cells[2]), number(cells[3])));
        }
        return counts;
    }

    public static PerLink of(Map<String, PerLink> counts, String code) {
        return counts.getOrDefault(code, PerLink.NONE);
    }

    /**
     * The campaign's funnel. Shares are the links made for the campaign or its drops; clicks, accepts, rewards
     * and refusals are those stamped with the campaign, which includes pai and lucky-packet shares that
     * rewarded into it.
     */
    public static Funnel ofCampaign(String campaignId) {
        Map<String, long[]> channels = new LinkedHashMap<>();
        for (var channel : ShareChannel.values()) {
            channels.put(channel.name(), new long[4]);
        }
        addByChannel(channels, 0, "select channel, count(*) from share_link where campaign_id = ?1 group by channel",
                campaignId);
        addByChannel(channels, 1, "select l.channel, count(*) from share_click c join share_link l on l.code = c.code"
                + " where c.campaign_id = ?1 group by l.channel", campaignId);
        addByChannel(channels, 2, "select l.channel, count(distinct (a.code, a.visitor_id)) from share_accept a"
                + " join share_link l on l.code = a.code where a.campaign_id = ?1 group by l.channel", campaignId);
        addByChannel(channels, 3, "select l.channel, count(*) from share_reward r join share_link l on l.code = r.code"
                + " where r.campaign_id = ?1 group by l.channel", campaignId);
        long[] totals = new long[4];
        List<PerChannel> byChannel = new ArrayList<>();
        channels.forEach((channel, n) -> {
            byChannel.add(new PerChannel(channel, n[0], n[1], n[2], n[3]));
            for (int i = 0; i < 4; i++) {
                totals[i] += n[i];
            }
        });
        long bonusGrabs = number(em().createNativeQuery(
                "select coalesce(sum(bonus_grabs), 0) from share_reward where campaign_id = ?1")
                .setParameter(1, campaignId).getSingleResult());
        Map<String, Long> refusals = new LinkedHashMap<>();
        for (RefusalReason reason : RefusalReason.values()) {
            refusals.put(reason.name(), 0L);
        }
        for (Object row : em().createNativeQuery("select reason, count(*) from share_accept"
                + " where campaign_id = ?1 and reason is not null group by reason")
                .setParameter(1, campaignId).getResultList()) {
            Object[] cells = (Object[]) row;
            refusals.put((String) cells[0], number(cells[1]));
        }
        return new Funnel(totals[0], totals[1], totals[2], totals[3], bonusGrabs, refusals, byChannel);
    }

    private static void addByChannel(Map<String, long[]> channels, int column, String sql, String campaignId) {
        for (Object row : em().createNativeQuery(sql).setParameter(1, campaignId).getResultList()) {
            Object[] cells = (Object[]) row;
            channels.computeIfAbsent((String) cells[0], c -> new long[4])[column] += number(cells[1]);
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
