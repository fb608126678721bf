package pai.events.agent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The structured part of an agent's message, shown as the message's {@code attachment}: a SUMMARY
 * carries {@code summary}, a CHECKIN {@code checkin}, a planner's message {@code plan}; the others none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentCard(SummaryCard summary, CheckinCard checkin, PlanCard plan) {
    public static AgentCard of(SummaryCard summary) {
        return new AgentCard(summary, null, null);
    }

    public static AgentCard of(CheckinCard checkin) {
        return new AgentCard(null, checkin, null);
    }

    public static AgentCard of(PlanCard plan) {
        return new AgentCard(null, null, plan);
    }
}
