package pai.agent.service.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;

/**
 * How chat text becomes index terms. A line is split by script: its Chinese characters go to one field,
 * segmented by SmartChineseAnalyzer, and everything else (Latin words, digits) to another, stemmed by
 * the English analyzer, so "周五 team dinner 在海底捞" is searchable by "dinner" and by "海底捞" and
 * neither analyzer sees the other's script. A question is analyzed the same way, with the question
 * words and particles ("几点", "什么", "吗", "when", "where" ...) added to the stop words: they say
 * what kind of answer is wanted ({@link Wording#wanted}), not what it is about. So are pronouns and
 * fillers ("我们", "对", "行", "fine", "let's"), which name no topic either.
 */
final class ChatAnalysis {
    static final String CHINESE_WORDS = "zh";
    static final String OTHER_WORDS = "en";

    /** A pasted essay asked as a question still makes a query of bounded size. */
    private static final int MAX_QUERY_TERMS = 64;

    private static final Pattern NOT_HAN = Pattern.compile("[^\\p{IsHan}]+");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

    private static final List<String> CHINESE_FUNCTION_WORDS = List.of(
            "我们", "咱们", "大家", "你们", "我", "你", "他", "她", "它", "他们", "她们",
            "几", "点", "几点", "时候", "什么", "啥", "哪", "哪里", "哪儿", "哪个", "哪些", "地方", "地点", "时间",
            "谁", "怎么", "怎样", "怎么样", "如何", "为什么", "为啥", "多少", "多久", "号", "几号", "哪天",
            "吗", "呢", "吧", "啊", "呀", "嘛", "么", "哦", "了", "的", "地", "得", "是", "在", "有", "要", "会",
            "能", "去", "来", "上", "里", "这", "那", "还", "又", "都", "也", "就", "到底", "请问", "问", "知道",
            "记得", "说", "说过", "一下", "来着", "对", "好", "行", "嗯", "不如", "干脆", "还是", "要不");
    private static final List<String> ENGLISH_FUNCTION_WORDS = List.of(
            "what", "when", "where", "who", "whom", "whose", "which", "why", "how", "do", "does", "did", "done",
            "we", "us", "our", "you", "your", "i", "me", "my", "he", "she", "his", "her", "them", "anyone",
            "anybody", "someone", "somebody", "know", "remember", "tell", "said", "say", "time", "again", "ever",
            "am", "been", "has", "have", "had", "can", "could", "should", "would", "shall", "may", "might",
            "going", "gonna", "let", "please", "about", "any", "just", "so", "here", "up", "fine", "ok", "okay",
            "yeah", "yes", "sure", "alright", "actually", "maybe", "guys", "everyone");

    /** Lines remembered, least recently used out first: a few busy pais' recent talk. */
    private static final int REMEMBERED_LINES = 20_000;

    private final Analyzer indexing;
    private final Map<String, List<String>> remembered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > REMEMBERED_LINES;
        }
    };
    private final Analyzer chineseQuestions;
    private final Analyzer englishQuestions;

    ChatAnalysis() {
        this.indexing = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(),
                Map.of(CHINESE_WORDS, new SmartChineseAnalyzer()));
        this.chineseQuestions = new SmartChineseAnalyzer(
                stopWords(SmartChineseAnalyzer.getDefaultStopSet(), CHINESE_FUNCTION_WORDS));
        this.englishQuestions = new EnglishAnalyzer(
                stopWords(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, ENGLISH_FUNCTION_WORDS));
    }

    /** The analyzer an index of chat lines is written with: one per field. */
    Analyzer indexing() {
        return indexing;
    }

    /**
     * A line part's index terms, analyzed once and remembered: a pai's history is mostly the same lines from
     * one question to the next, and SmartChineseAnalyzer is most of an index's cost.
     */
    TokenStream indexTokens(String field, String text) {
        return new Replayed(indexTerms(field, text));
    }

    /** A line's terms in both fields, as an index of it holds them. */
    Set<Term> termsOf(String text) {
        Set<Term> terms = new HashSet<>();
        indexTerms(CHINESE_WORDS, chinesePart(text)).forEach(word -> terms.add(new Term(CHINESE_WORDS, word)));
        indexTerms(OTHER_WORDS, otherPart(text)).forEach(word -> terms.add(new Term(OTHER_WORDS, word)));
        return terms;
    }

    /** Whether a line holds any of the terms, as its index would: a cheap test before an index is built. */
    boolean holdsAny(String text, List<Term> terms) {
        List<String> chinese = null;
        List<String> other = null;
        for (Term term : terms) {
            if (term.field().equals(CHINESE_WORDS)) {
                chinese = chinese == null ? indexTerms(CHINESE_WORDS, chinesePart(text)) : chinese;
                if (chinese.contains(term.text())) {
                    return true;
                }
            } else {
                other = other == null ? indexTerms(OTHER_WORDS, otherPart(text)) : other;
                if (other.contains(term.text())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> indexTerms(String field, String text) {
        String key = field + '\u0000' + text;
        List<String> terms;
        synchronized (remembered) {
            terms = remembered.get(key);
        }
        if (terms == null) {
            List<String> analyzed = new ArrayList<>();
            try (TokenStream tokens = indexing.tokenStream(field, text)) {
                CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                tokens.reset();
                while (tokens.incrementToken()) {
                    analyzed.add(term.toString());
                }
                tokens.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            terms = List.copyOf(analyzed);
            synchronized (remembered) {
                remembered.put(key, terms);
            }
        }
        return terms;
    }

    /** Terms analyzed before, played back as a token stream. */
    private static final class Replayed extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final List<String> terms;
        private int next;

        Replayed(List<String> terms) {
            this.terms = terms;
        }

        @Override
        public boolean incrementToken() {
            if (next >= terms.size()) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(terms.get(next++));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }

    static String chinesePart(String text) {
        return NOT_HAN.matcher(text).replaceAll(" ").strip();
    }

    static String otherPart(String text) {
        return HAN.matcher(text).replaceAll(" ").strip();
    }

    /** The terms a question (or any text) is about, in both fields, without function words; empty if it names nothing. */
    List<Term> topicTerms(String question) {
        Set<Term> terms = new LinkedHashSet<>();
        addTerms(terms, CHINESE_WORDS, chineseQuestions, chinesePart(question));
        addTerms(terms, OTHER_WORDS, englishQuestions, otherPart(question));
        return terms.stream().limit(MAX_QUERY_TERMS).toList();
    }

    private static void addTerms(Set<Term> terms, String field, Analyzer analyzer, String text) {
        if (text.isEmpty()) {
            return;
        }
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(new Term(field, term.toString()));
            }
            tokens.end();
        } catch (IOException e) {
            // Analysis of an in-memory string reads no file: this cannot happen, and must not pass silently.
            throw new UncheckedIOException(e);
        }
    }

    private static CharArraySet stopWords(CharArraySet defaults, List<String> functionWords) {
        CharArraySet words = new CharArraySet(defaults.size() + functionWords.size(), true);
        words.addAll(defaults);
        words.addAll(functionWords);
        return CharArraySet.unmodifiableSet(words);
    }
}
