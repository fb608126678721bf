package pai.redpacket.domain;

import pai.events.redpacket.PoolKind;

/**
 * Where a pool's packets live in Redis: a campaign's drop, or a lucky packet sent into a pai.
 * {@code ownerId} is the campaign or the pai; per-user chances are counted per campaign, and a
 * lucky packet is its own scope.
 */
public record Pool(PoolKind kind, String id, String ownerId) {
    public String scope() {
        return kind == PoolKind.DROP ? ownerId : id;
    }
}
