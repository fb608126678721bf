package pai.redpacket.service.grab;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import pai.events.redpacket.PoolKind;
import pai.redpacket.domain.PacketPool;
import pai.redpacket.domain.Pool;
import pai.redpacket.service.campaign.DropRules;
import pai.redpacket.service.grouppacket.GroupPacketRules;
import pai.redpacket.service.pool.PoolKindRules;

/**
 * Where the grab path finds a pool by its id: read from PostgreSQL once, since a pool's kind, id
 * and owner never change. Bounded: when full it starts over, which costs one read per pool.
 */
@ApplicationScoped
public class PoolDirectory {
    static final int MAX_POOLS = 100_000;

    private final DropRules drops;
    private final GroupPacketRules groupPackets;
    private final Map<String, Pool> known = new ConcurrentHashMap<>();

    public PoolDirectory(DropRules drops, GroupPacketRules groupPackets) {
        this.drops = drops;
        this.groupPackets = groupPackets;
    }

    /**
     * Known already, or null: the grab path then looks it up on a worker thread. A lucky packet
     * known under the id is no drop, or anyone could grab it without being a member of its pai.
     */
    Pool cachedDrop(String dropId) {
        Pool pool = known.get(dropId);
        return pool != null && pool.kind() == PoolKind.DROP ? pool : null;
    }

    /** The campaign of a drop known here, else null. */
    String campaignOf(String dropId) {
        Pool pool = cachedDrop(dropId);
        return pool == null ? null : pool.ownerId();
    }

    /** Reads the database when the pool is new here: call it on a worker thread, in a transaction. */
    Pool drop(String dropId) {
        return lookUp(drops, dropId);
    }

    Pool groupPacket(String packetId) {
        return lookUp(groupPackets, packetId);
    }

    private <P extends PacketPool> Pool lookUp(PoolKindRules<P> rules, String poolId) {
        Pool pool = known.get(poolId);
        if (pool == null || pool.kind() != rules.kind()) {
            pool = rules.find(poolId).pool();
            if (known.size() >= MAX_POOLS) {
                known.clear();
            }
            known.put(poolId, pool);
        }
        return pool;
    }
}
