package pai.chat.service.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextsTest {
    @Test
    void mentionsAreTheIdsAfterAnAtSignEachOnceInTheOrderTheyFirstAppear() {
        assertThat(MessageTexts.mentionsIn("@bob hi @summarizer, and @bob again; mail a@b.c @李雷"))
                .containsExactly("bob", "summarizer", "b.c", "李雷");
        assertThat(MessageTexts.mentionsIn("no one here @ all")).isEmpty();
        assertThat(MessageTexts.mentionsIn(null)).isEmpty();
    }

    @Test
    void aMentionIsAtMostSixtyFourCharacters() {
        String id = "a".repeat(64);
        assertThat(MessageTexts.mentionsIn("@" + id + "b")).containsExactly(id);
    }

    @Test
    void aServiceTextIsCutAtTheLimitInCodePointsAndAShorterOneIsKept() {
        String emoji = "😀";
        String atLimit = emoji.repeat(MessageTexts.MAX_TEXT);
        assertThat(MessageTexts.clip(atLimit)).isSameAs(atLimit);
        assertThat(MessageTexts.clip(atLimit + "xyz")).isEqualTo(atLimit);
        assertThat(MessageTexts.clip("short")).isEqualTo("short");
        assertThat(MessageTexts.clip(null)).isNull();
    }
}
