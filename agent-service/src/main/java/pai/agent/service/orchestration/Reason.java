package pai.agent.service.orchestration;

/** Why an agent spoke or kept quiet about a message: every decision is counted under one of these. */
public enum Reason {
    /** Spoke: the message named the agent (@agent). */
    MENTIONED(true),
    /** Spoke: the message is one of the agent's commands (/summary, #打卡). */
    COMMANDED(true),
    /** Spoke: unprompted, its trigger scored above its threshold and won the message's slot. */
    SCORED(true),
    /** Silent: the message is an agent's or the system's; agents never answer them, so no chain can start. */
    NOT_HUMAN(false),
    /** Silent: the pai has not switched the agent on. */
    DISABLED(false),
    /** Silent: the trigger scored at or below the threshold. */
    BELOW_THRESHOLD(false),
    /** Silent: the agent spoke unprompted in this pai less than the cooldown ago. */
    COOLDOWN(false),
    /** Silent: the pai had its agent messages of the minute already. */
    PAI_CEILING(false),
    /** Silent: the pai's model budget of the hour is spent, and unprompted talk is what gets cut. */
    BUDGET(false),
    /** Silent: other agents took the message's K slots with better scores. */
    OUTRANKED(false),
    /** Silent: the message was read too long after it was said to answer it unprompted. */
    STALE(false);

    private final boolean spoke;

    Reason(boolean spoke) {
        this.spoke = spoke;
    }

    public boolean spoke() {
        return spoke;
    }
}
