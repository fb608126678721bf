package pai.agent.domain;

import java.util.List;

/** An agent of the catalog: what it does and what makes it speak. */
public record AgentProfile(String id, String name, String description, List<String> triggers) {
}
