package pai.agent.service.remix;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the remixer re-creates an image. */
public enum RemixStyle {
    SKETCH("sketch", "素描"),
    CARTOON("cartoon", "卡通"),
    PIXEL("pixel", "像素"),
    MEME("meme", "表情包");

    private final List<String> words;

    RemixStyle(String... words) {
        this.words = List.of(words);
    }

    /**
     * The style a chat line asks for ("@remixer cartoon", "来个素描", "PIXEL art please"): the style whose
     * word appears first in the text, in either language and any case; empty when none does.
     */
    public static Optional<RemixStyle> inText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        RemixStyle first = null;
        int firstAt = Integer.MAX_VALUE;
        for (RemixStyle style : values()) {
            for (String word : style.words) {
                int at = lower.indexOf(word);
                if (at >= 0 && at < firstAt) {
                    first = style;
                    firstAt = at;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /** The chat line without the first style word it names: what is left of "meme 周末去爬山" is the caption. */
    public static String withoutStyleWord(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (RemixStyle style : values()) {
            for (String word : style.words) {
                int at = lower.indexOf(word);
                if (at >= 0 && inText(text).orElse(null) == style) {
                    return text.substring(0, at) + text.substring(at + word.length());
                }
            }
        }
        return text;
    }
}
