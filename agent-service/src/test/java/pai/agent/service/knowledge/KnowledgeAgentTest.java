package pai.agent.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KnowledgeAgentTest {
    private static final List<GroupMemory.Quote> QUOTES = List.of(new GroupMemory.Quote(12, "alice", "周六八点集合", 0.9),
            new GroupMemory.Quote(40, "bob", "改到九点", 0.8));

    @Test
    void aModelsAnswerCountsOnlyWhenItCitesARetrievedMessage() {
        assertThat(KnowledgeAgent.citesAQuote("改到九点了（#40）", QUOTES)).isTrue();
        assertThat(KnowledgeAgent.citesAQuote("#12 说八点集合", QUOTES)).isTrue();
        assertThat(KnowledgeAgent.citesAQuote("大家周六九点集合", QUOTES)).isFalse();
        assertThat(KnowledgeAgent.citesAQuote("见 #41 和 #4", QUOTES)).isFalse();
        assertThat(KnowledgeAgent.citesAQuote("#99999999999999999999999", QUOTES)).isFalse();
    }
}
