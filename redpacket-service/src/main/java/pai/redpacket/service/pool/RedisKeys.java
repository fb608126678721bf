package pai.redpacket.service.pool;

/**
 * Redis key names. A drop's keys share the hash tag {drop:id} so that one script can touch them
 * all in Redis Cluster; see docs/scaling.md for spreading a hot drop over sub-pools.
 */
public final class RedisKeys {
    public static final String GRAB_STREAM = "rp:grabs";
    public static final String RELAY_LEASE = "rp:relay:lease";
    public static final String DEAD_LETTERS = "rp:grabs:dead";

    private RedisKeys() {
    }

    public static String meta(String dropId) {
        return "rp:{drop:" + dropId + "}:meta";
    }

    public static String packets(String dropId) {
        return "rp:{drop:" + dropId + "}:packets";
    }

    public static String claims(String dropId) {
        return "rp:{drop:" + dropId + "}:claims";
    }

    public static String staging(String dropId, String token) {
        return "rp:{drop:" + dropId + "}:staging:" + token;
    }

    public static String stagedClaims(String dropId, String token) {
        return "rp:{drop:" + dropId + "}:staged-claims:" + token;
    }

    public static String campaignGrabs(String campaignId) {
        return "rp:{campaign:" + campaignId + "}:grabs";
    }

    public static String campaignBonus(String campaignId) {
        return "rp:{campaign:" + campaignId + "}:bonus";
    }

    public static String campaignRewards(String campaignId) {
        return "rp:{campaign:" + campaignId + "}:rewards";
    }

    public static String attempts(String userId, long epochSecond) {
        return "rp:attempts:" + userId + ":" + epochSecond;
    }
}
