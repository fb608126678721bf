package pai.redpacket.domain;

public enum CampaignStatus {
    ACTIVE, PAUSED, CANCELLED
}
