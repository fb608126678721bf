package pai.events.redpacket;

/** Where packets come from: a campaign's drop, or a lucky packet a user sent into a pai. */
public enum PoolKind {
    DROP, GROUP_PACKET
}
