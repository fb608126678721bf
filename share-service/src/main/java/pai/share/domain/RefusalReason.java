package pai.share.domain;

/** Why an accept earned the sharer nothing. Each is stored with the accept and counted by the meters. */
public enum RefusalReason {
    /** The visitor is the sharer. */
    SELF_ACCEPT,
    /** This visitor already earned this sharer a reward in this campaign. */
    REPEAT_VISITOR,
    /** The sharer reached the campaign's dailyShareRewardCap for today, in the campaign's timezone. */
    DAILY_CAP,
    /** More rewards would give the sharer nothing: maxBonusGrabsPerUser is reached. */
    BONUS_CAP,
    /** Too many accepts from one address in the velocity window. */
    VELOCITY_ADDRESS,
    /** Too many accepts by one visitor in the velocity window. */
    VELOCITY_VISITOR,
    /** No campaign with share rewards is open for a pai or lucky-packet share. */
    NO_CAMPAIGN,
    NOT_STARTED,
    CAMPAIGN_ENDED,
    CAMPAIGN_CANCELLED,
    /** The campaign gives no bonus grabs for shares. */
    NO_SHARE_BONUS
}
