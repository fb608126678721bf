package pai.agent.domain;

/** What a goal is about; it changes nothing but how the pai sees the goal. */
public enum GoalKind {
    FITNESS, READING, CUSTOM
}
