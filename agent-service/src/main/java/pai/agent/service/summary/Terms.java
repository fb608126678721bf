package pai.agent.service.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.common.Term;

import pai.agent.service.text.ChatText;

/**
 * The content words of a sentence, for comparing sentences: HanLP's segmentation for Chinese (nouns,
 * verbs, adjectives, time and place words; no stop words), a plain tokenizer for English (no stop
 * words, plurals folded). A mixed sentence gets both, so a chat that switches language still links up.
 */
final class Terms {
    private static final Pattern ENGLISH_WORD = Pattern.compile("[a-z0-9]+(?:['’][a-z]+)?");
    private static final Set<String> CHINESE_KINDS_KEPT = Set.of("n", "v", "a", "t", "s", "i", "l", "j", "g", "b", "z");
    private static final Set<String> CHINESE_VERBS_DROPPED = Set.of("vshi", "vyou", "vf", "vx", "vl", "vg");
    private static final Set<String> ENGLISH_STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
            "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "could",
            "did", "do", "does", "doing", "don't", "down", "during", "each", "else", "even", "ever", "every", "few",
            "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "he", "her", "here",
            "hers", "him", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it",
            "it's", "its", "just", "let", "let's", "like", "lot", "may", "maybe", "me", "might", "more", "most", "much",
            "must", "my", "no", "nor", "not", "now", "of", "off", "oh", "ok", "on", "once", "one", "only", "or",
            "other", "our", "ours", "out", "over", "own", "pretty", "quite", "really", "same", "say", "said", "see",
            "she", "should", "so", "some", "still", "such", "sure", "than", "that", "that's", "the", "their",
            "theirs", "them", "then", "there", "there's", "these", "they", "they're", "thing", "things", "think",
            "this", "those", "though", "through", "to", "too", "under", "until", "up", "us", "very", "was", "wasn't",
            "we", "we'll", "we're", "we've", "well", "were", "what", "what's", "when", "where", "which", "while",
            "who", "who's", "whom", "why", "will", "with", "won't", "would", "yeah", "yes", "yet", "you", "you'd",
            "you'll", "you're", "you've", "your", "yours", "gonna", "wanna", "okay", "actually", "probably",
            "anyone", "everyone", "someone", "something", "anything", "everything", "guys", "know", "want", "go",
            "going", "make", "good", "great", "right", "way", "time", "back", "last", "next");

    private Terms() {
    }

    static List<String> of(String sentence) {
        List<String> terms = new ArrayList<>();
        if (ChatText.cjkCount(sentence) == 0) {
            addEnglish(sentence, terms);
            return terms;
        }
        for (Term term : ChatText.segment(sentence)) {
            if (ChatText.cjkCount(term.word) == 0) {
                addEnglish(term.word, terms);
            } else if (isChineseContentWord(term)) {
                terms.add(term.word);
            }
        }
        return terms;
    }

    private static boolean isChineseContentWord(Term term) {
        String nature = term.nature.toString();
        if (!CHINESE_KINDS_KEPT.contains(nature.substring(0, 1)) || CHINESE_VERBS_DROPPED.contains(nature)) {
            return false;
        }
        if (term.word.length() == 1 && !nature.startsWith("n")) {
            return false;
        }
        return !CoreStopWordDictionary.contains(term.word);
    }

    private static void addEnglish(String text, List<String> terms) {
        Matcher words = ENGLISH_WORD.matcher(text.toLowerCase(Locale.ROOT).replace('’', '\''));
        while (words.find()) {
            String word = words.group();
            if (word.length() > 1 && !ENGLISH_STOP_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                terms.add(singular(word));
            }
        }
    }

    private static String singular(String word) {
        if (word.endsWith("'s")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
