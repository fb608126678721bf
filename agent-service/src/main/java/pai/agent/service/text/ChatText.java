package pai.agent.service.text;

import java.util.List;
import java.util.regex.Pattern;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;

/**
 * What the offline engines share about reading chat text: mentions to strip, Chinese against Latin
 * script, and HanLP's segmentation. HanLP reads its dictionaries from the jar on first use (about half
 * a second); {@link #warmUp()} lets an engine pay that once when it is made, not on a user's call.
 */
public final class ChatText {
    private static final Pattern LATIN_MENTION = Pattern.compile("@[A-Za-z0-9_.\\-]+");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z0-9]+(?:['’][A-Za-z]+)?");

    private ChatText() {
    }

    /** Segments once so that HanLP's dictionaries are loaded before the first real call. */
    public static void warmUp() {
        HanLP.segment("周六八点集合");
    }

    /** HanLP's words with their part of speech (POS tag {@code t} is a time word, {@code ns} a place). */
    public static List<Term> segment(String text) {
        return HanLP.segment(text);
    }

    /**
     * The text without its @mentions: first the ids the message mentions (which may be Chinese names),
     * then any other Latin @handle.
     */
    public static String withoutMentions(String text, List<String> mentions) {
        String result = text;
        for (String mention : mentions) {
            result = result.replace("@" + mention, " ");
        }
        return LATIN_MENTION.matcher(result).replaceAll(" ").replaceAll("\\s{2,}", " ").trim();
    }

    public static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN;
    }

    public static int cjkCount(String text) {
        return (int) text.codePoints().filter(ChatText::isCjk).count();
    }

    public static int latinWordCount(String text) {
        return (int) LATIN_WORD.matcher(text).results().count();
    }

    /** Chinese is the main language when its characters, read as words of about 1.6 characters, outnumber Latin words. */
    public static boolean mostlyChinese(int cjkChars, int latinWords) {
        return cjkChars > 0 && cjkChars / 1.6 >= latinWords;
    }

    /** Whether a text holds any Chinese character: the agents answer in Chinese then. */
    public static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(ChatText::isCjk);
    }
}
