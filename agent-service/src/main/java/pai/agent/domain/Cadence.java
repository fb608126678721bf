package pai.agent.domain;

/** How often a goal wants a check-in: once per local day, or once per ISO week (Monday to Sunday). */
public enum Cadence {
    DAILY, WEEKLY
}
