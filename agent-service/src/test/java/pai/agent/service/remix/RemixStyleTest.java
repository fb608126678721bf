package pai.agent.service.remix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemixStyleTest {
    @ParameterizedTest
    @CsvSource({
            "@remixer cartoon, CARTOON",
            "@remixer 来个卡通的, CARTOON",
            "SKETCH please, SKETCH",
            "素描一下, SKETCH",
            "Pixel Art!, PIXEL",
            "@remixer 像素风, PIXEL",
            "make it a meme, MEME",
            "做成表情包, MEME",
            "sketch or cartoon?, SKETCH",
            "卡通还是素描, CARTOON"})
    void aChatLineNamesTheStyleItMentionsFirst(String text, RemixStyle style) {
        assertThat(RemixStyle.inText(text)).contains(style);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "@remixer", "make it nicer", "漂亮一点"})
    void aChatLineWithoutAStyleNamesNone(String text) {
        assertThat(RemixStyle.inText(text)).isEmpty();
    }
}
