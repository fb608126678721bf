package pai.events.agent;

/** One line of a plan's checklist: what is needed, and who brings it (null while nobody has said). */
public record PlanItem(String what, String who) {
}
