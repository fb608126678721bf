package pai.share.domain;

/** What a link shares. CAMPAIGN and DROP belong to a campaign; PAI and PACKET to a pai. */
public enum TargetType {
    CAMPAIGN, DROP, PAI, PACKET;

    public boolean ofCampaign() {
        return this == CAMPAIGN || this == DROP;
    }
}
