package pai.agent.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import pai.agent.domain.AgentProfile;

/** The agents a pai can enable. */
@ApplicationScoped
public class AgentCatalog {
    private static final List<AgentProfile> AGENTS = List.of(
            new AgentProfile("summarizer", "Summarizer", "Sums up what was said: key points and decisions",
                    List.of("@summarizer", "/summary", "a long unread backlog")),
            new AgentProfile("supervisor", "Supervisor", "Keeps fitness and reading goals: check-ins, streaks, reminders",
                    List.of("@supervisor", "#打卡", "check in", "a goal's reminder time")),
            new AgentProfile("remixer", "Remixer", "Re-creates an image as a sketch, cartoon, pixel art or meme",
                    List.of("@remixer <style> in reply to an image")),
            new AgentProfile("planner", "Planner", "Turns talk of meeting up into a plan: time, place, who comes",
                    List.of("@planner", "talk of when and where to meet")),
            new AgentProfile("knowledge", "Knowledge", "Answers factual questions the group is stuck on",
                    List.of("@knowledge", "an unanswered question")));

    public List<AgentProfile> all() {
        return AGENTS;
    }

    public java.util.Optional<AgentProfile> find(String agentId) {
        return AGENTS.stream().filter(agent -> agent.id().equals(agentId)).findFirst();
    }
}
