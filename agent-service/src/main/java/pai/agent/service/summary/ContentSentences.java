package pai.agent.service.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import pai.agent.domain.Utterance;
import pai.agent.service.text.ChatText;
import pai.events.chat.MessageKind;

/**
 * The sentences of a chat that can be key points: said by a person, in a text message, and with
 * something to say. Greetings, thanks, laughter, stickers, bare links, bot commands and very short
 * lines are not content, however often they are said.
 */
final class ContentSentences {
    /** A sentence as it was written (mentions stripped), with the message it came from. */
    record Sentence(Utterance from, String text) {
    }

    /** Below this many units (a Chinese character counts one, a Latin word two) a line says too little. */
    private static final int MIN_CONTENT_UNITS = 6;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?；;…\\n])|(?<=\\.)\\s+");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern LAUGHTER = Pattern.compile(
            "(?i)(?:哈{2,}|呵{2,}|嘿{2,}|嘻{2,}|嘎{2,}|(?:ha){2,}h?|(?:he){2,}|(?:hi){2,}|l+o+l+|lmao|rofl|x{2,}d|2{3,}|6{3,})");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> PLEASANTRIES = Set.of(
            "早", "早啊", "早呀", "早上好", "早安", "午安", "晚安", "晚上好", "你好", "您好", "大家好", "哈喽", "嗨", "在吗",
            "好", "好的", "好滴", "好哒", "好呀", "好啊", "好嘞", "嗯", "嗯嗯", "哦", "噢", "喔", "行", "行吧", "可以", "收到",
            "了解", "明白", "谢谢", "谢谢大家", "多谢", "感谢", "谢啦", "辛苦了", "辛苦啦", "没问题", "对", "对对", "对对对",
            "是的", "是啊", "笑死", "笑死我了", "牛", "牛啊", "厉害", "赞", "太棒了", "加一", "同意", "哇", "哇塞", "冲", "冲冲冲",
            "hi", "hello", "hey", "heya", "yo", "morning", "good morning", "gm", "gn", "good night", "night", "evening",
            "thanks", "thank you", "thanks all", "thanks everyone", "thx", "ty", "tysm", "ok", "okay", "k", "kk", "sure",
            "yes", "yep", "yeah", "yup", "no", "nope", "nice", "cool", "great", "awesome", "agreed", "same", "np",
            "welcome", "bye", "see you", "see ya", "cya", "omg", "wow", "true", "exactly", "sounds good", "got it", "noted");

    private ContentSentences() {
    }

    static List<Sentence> of(List<Utterance> lines) {
        List<Sentence> sentences = new ArrayList<>();
        for (Utterance line : lines) {
            if (!line.byHuman() || line.kind() != MessageKind.TEXT) {
                continue;
            }
            String text = ChatText.withoutMentions(line.text(), line.mentions());
            if (text.startsWith("/")) {
                continue;
            }
            for (String sentence : SENTENCE_END.split(text)) {
                String trimmed = sentence.strip();
                if (saysSomething(trimmed)) {
                    sentences.add(new Sentence(line, trimmed));
                }
            }
        }
        return sentences;
    }

    private static boolean saysSomething(String sentence) {
        String words = URL.matcher(sentence).replaceAll(" ");
        words = LAUGHTER.matcher(words).replaceAll(" ");
        String core = NOT_LETTER_OR_DIGIT.matcher(words).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        if (core.isEmpty() || PLEASANTRIES.contains(core) || PLEASANTRIES.contains(core.replace(" ", ""))) {
            return false;
        }
        return ChatText.cjkCount(core) + 2 * ChatText.latinWordCount(core) >= MIN_CONTENT_UNITS;
    }
}
