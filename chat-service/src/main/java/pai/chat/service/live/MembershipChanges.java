package pai.chat.service.live;

import jakarta.inject.Singleton;

import pai.chat.service.live.LiveFrames.MemberFrame;
import pai.events.chat.MembershipChange;
import pai.events.chat.MembershipChanged;

/**
 * A membership event, as this instance's connections see it: a join subscribes the user's
 * connections to the pai, a removal closes them with 4403, and the pai's connections are told.
 */
@Singleton
public class MembershipChanges {
    private final LiveConnections connections;
    private final PaiStreams streams;

    MembershipChanges(LiveConnections connections, PaiStreams streams) {
        this.connections = connections;
        this.streams = streams;
    }

    public void apply(MembershipChanged changed) {
        if (changed.member()) {
            connections.ofUser(changed.userId()).forEach(connection -> streams.subscribe(connection, changed.paiId()));
        } else {
            for (LiveConnection connection : connections.ofUser(changed.userId())) {
                streams.unsubscribe(connection, changed.paiId());
                if (changed.change() == MembershipChange.REMOVED) {
                    connections.close(connection, LiveDelivery.CLOSE_REMOVED, "removed from pai " + changed.paiId());
                }
            }
        }
        PaiStream stream = streams.get(changed.paiId());
        if (stream != null) {
            stream.broadcast(LiveFrames.json(new MemberFrame("member", changed.paiId(), changed.userId(), changed.role(),
                    changed.change())));
        }
    }
}
