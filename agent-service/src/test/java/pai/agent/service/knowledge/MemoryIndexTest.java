package pai.agent.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A short history is scanned rather than indexed: both ways must find the same lines, ranked alike. */
class MemoryIndexTest {
    private final ChatAnalysis analysis = new ChatAnalysis();

    @Test
    void scanningTheLinesFindsWhatTheLuceneIndexFinds() throws IOException {
        List<String> questions = List.of("我们几点集合?", "谁带野餐垫?", "where do we meet?", "what time is dinner?",
                "火星上有水吗?", "周五 dinner 在哪里?", "deadline 是什么时候?", "读书会下次读什么书?");
        int compared = 0;
        for (String transcript : List.of("knowledge-zh.txt", "knowledge-en.txt", "knowledge-mixed.txt")) {
            List<String> texts = texts(transcript);
            for (String question : questions) {
                var terms = analysis.topicTerms(question);
                List<MemoryIndex.Hit> indexed;
                try (MemoryIndex index = MemoryIndex.of(texts, analysis)) {
                    indexed = index.search(terms, 20);
                }
                List<MemoryIndex.Hit> scanned = MemoryIndex.scan(texts, terms, analysis, 20);
                assertThat(scanned).as(question + " in " + transcript).hasSameSizeAs(indexed);
                for (int i = 0; i < indexed.size(); i++) {
                    assertThat(scanned.get(i).matchedWeight()).isCloseTo(indexed.get(i).matchedWeight(), within(1e-4));
                    assertThat(scanned.get(i).relevance()).isCloseTo(indexed.get(i).relevance(), within(1e-4));
                    compared++;
                }
                assertThat(scanned.stream().map(MemoryIndex.Hit::position).toList())
                        .containsExactlyInAnyOrderElementsOf(indexed.stream().map(MemoryIndex.Hit::position).toList());
            }
        }
        assertThat(compared).as("hits compared").isGreaterThan(20);
    }

    private static List<String> texts(String transcript) throws IOException {
        try (InputStream in = MemoryIndexTest.class.getResourceAsStream("/transcripts/" + transcript)) {
            List<String> texts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int bar = line.indexOf('|', line.indexOf('|') + 1);
                if (!line.isBlank() && !line.startsWith("#") && bar > 0) {
                    texts.add(line.substring(bar + 1));
                }
            }
            return texts;
        }
    }
}
