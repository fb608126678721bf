package pai.agent.service.planner;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hankcs.hanlp.seg.common.Term;

import pai.agent.service.text.ChatText;

/**
 * Where a message says to meet. It reads text whose dates and times are already blanked out, so that
 * "周六八点北宫门集合" leaves "北宫门" before the verb. A meeting point ("北宫门集合", "meet at the north
 * gate", "at Joe's" with a time) or an explicit change ("换个地方，去西门") is {@code FIRM}; a place merely
 * mentioned ("去香山", "在公司") is {@code LOOSE} and only fills a plan that has no place yet.
 */
final class PlaceParser {
    enum Strength {
        LOOSE, FIRM
    }

    record Place(String name, Strength strength) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final int MAX_ZH_PLACE = 12;
    private static final String ZH_END = "[，。！？,.!?;；~～\\s]";
    private static final String ZH_PLACE_TEXT = "([^，。！？,.!?;；~～\\s]{1,16})";

    private static final Pattern ZH_CHANGE = Pattern.compile(
            "(?:(?:地点|地方|集合点|集合地点|见面地点)(?:就|还是)?(?:改|换)(?:到|成|在|为|去)?|(?:换个?地方|换地方|改地方)"
                    + ZH_END + "*(?:去|到|在|改在|改去|改到)?|改(?:在|去)|换到|换成)" + ZH_PLACE_TEXT);
    private static final Pattern ZH_WAIT_AT = Pattern.compile("在" + ZH_PLACE_TEXT + "等(?:你|大家|我)");
    private static final Pattern ZH_TRAILING = Pattern.compile(
            "(?:集合|碰头|会合|汇合|见面|见|碰面|会面|集中|出发|等|吧|啊|呀|呗|了|哈|嘛|呢|吗|哦|怎么样|如何|好不好|行不行)+$");
    private static final Set<String> ZH_NOT_PLACES = Set.of("地方", "老地方", "时候", "时间", "这里", "那里", "这儿", "那儿",
            "哪里", "哪儿", "大家", "我们", "人", "家里");

    /** "快一点出发" is "leave a bit earlier", not a place called 快一点. */
    private static final Pattern ZH_A_BIT = Pattern.compile("[一早晚快慢]点");
    private static final Pattern EN_CHANGE = Pattern.compile("\\b(?:(?:move|change|switch)\\s+(?:it|the\\s+(?:place|location|"
            + "spot|venue|meeting\\s+point))\\s+to|(?:at|to|in)(?=\\s+[^,.!?]{1,40}\\binstead\\b)|meet\\s+at)"
            + "\\s+([^,.!?;，。！？]+)", FLAGS);
    private static final Pattern EN_GO_TO = Pattern.compile("\\b(?:go|head|come)\\s+(?:over\\s+)?to\\s+([^,.!?;，。！？]+)", FLAGS);
    private static final Pattern EN_PLACE_AFTER = Pattern.compile(
            "\\b(?:at|in\\s+front\\s+of|outside|near|by|in)\\s+([^,.!?;，。！？]+)", FLAGS);
    private static final Pattern EN_PROPER_AT = Pattern.compile(
            "\\bat\\s+((?:the\\s+)?[A-Z][\\p{L}'’&-]*(?:\\s+[A-Z][\\p{L}'’&-]*){0,3})");
    private static final Set<String> EN_STOP = Set.of("on", "at", "by", "for", "and", "or", "with", "to", "tomorrow",
            "today", "tonight", "this", "next", "around", "then", "so", "because", "if", "but", "instead", "please",
            "ok", "okay", "maybe", "later", "again", "from", "until", "till", "when", "after", "before", "since",
            "sharp", "latest", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "is",
            "are", "was", "will", "we", "you", "i", "it", "everyone", "guys", "all", "too", "as", "like", "right");
    private static final Set<String> EN_NOT_PLACES = Set.of("the morning", "the afternoon", "the evening", "the night",
            "the weekend", "least", "all", "time", "once", "mind", "a bit", "a while", "the end", "the start", "it",
            "you", "me", "us", "them", "first", "last", "most", "the latest", "the moment", "noon",
            "midnight", "home time", "work", "advance", "total", "person", "front");

    private PlaceParser() {
    }

    /**
     * @param blanked the message with its dates and times replaced by commas
     * @param firmly  the message says when, so a place named with it is where to meet
     */
    static Optional<Place> read(String blanked, boolean firmly) {
        Optional<Place> chinese = ChatText.cjkCount(blanked) > 0 ? chinese(blanked) : Optional.empty();
        return chinese.isPresent() ? chinese : english(blanked, firmly);
    }

    private static Optional<Place> chinese(String text) {
        Matcher change = ZH_CHANGE.matcher(text);
        if (change.find()) {
            Optional<String> name = zhName(change.group(1));
            if (name.isPresent()) {
                return Optional.of(new Place(name.get(), Strength.FIRM));
            }
        }
        Matcher waitAt = ZH_WAIT_AT.matcher(text);
        Optional<String> waitingPlace = waitAt.find() ? zhName(waitAt.group(1)) : Optional.empty();
        if (waitingPlace.isPresent()) {
            return Optional.of(new Place(waitingPlace.get(), Strength.FIRM));
        }
        List<Term> words = ChatText.segment(text);
        for (int index = 0; index < words.size(); index++) {
            if (PlanCues.isMeetVerb(words.get(index))) {
                Optional<String> name = beforeVerb(words, index);
                if (name.isPresent()) {
                    return Optional.of(new Place(name.get(), Strength.FIRM));
                }
            }
        }
        for (int index = 0; index + 1 < words.size(); index++) {
            String word = words.get(index).word;
            if (word.equals("在") || word.equals("去") || word.equals("到")) {
                int from = index + 1;
                // "去爬香山": the place may follow one verb.
                if (from + 1 < words.size() && words.get(from).nature.toString().startsWith("v")
                        && words.get(from + 1).nature.toString().startsWith("ns")) {
                    from++;
                }
                Optional<String> name = zhName(nounsFrom(words, from));
                if (name.isPresent()) {
                    return Optional.of(new Place(name.get(), Strength.LOOSE));
                }
            }
        }
        return Optional.empty();
    }

    /** The place words right before a meet verb; if HanLP split a name oddly, what follows the last 在. */
    private static Optional<String> beforeVerb(List<Term> words, int verb) {
        StringBuilder name = new StringBuilder();
        for (int index = verb - 1; index >= 0 && isPlaceWord(words.get(index)); index--) {
            name.insert(0, words.get(index).word);
        }
        Optional<String> found = zhName(name.toString());
        if (found.isPresent()) {
            return found;
        }
        StringBuilder clause = new StringBuilder();
        for (int index = verb - 1; index >= 0 && !words.get(index).nature.toString().startsWith("w"); index--) {
            clause.insert(0, words.get(index).word);
        }
        int at = clause.lastIndexOf("在");
        return at < 0 ? Optional.empty() : zhName(clause.substring(at + 1));
    }

    private static String nounsFrom(List<Term> words, int from) {
        StringBuilder name = new StringBuilder();
        for (int index = from; index < words.size() && isPlaceWord(words.get(index)); index++) {
            name.append(words.get(index).word);
        }
        return name.toString();
    }

    private static boolean isPlaceWord(Term word) {
        String nature = word.nature.toString();
        return (nature.startsWith("n") || nature.equals("s") || nature.equals("f"))
                && !ZH_NOT_PLACES.contains(word.word);
    }

    private static Optional<String> zhName(String raw) {
        String name = ZH_TRAILING.matcher(raw.strip()).replaceAll("");
        name = name.replaceFirst("^(?:在|到|去)", "");
        if (name.isEmpty() || name.length() > MAX_ZH_PLACE || ZH_NOT_PLACES.contains(name) || ZH_A_BIT.matcher(name).find()
                || name.codePoints().noneMatch(ChatText::isCjk) && name.codePoints().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static Optional<Place> english(String text, boolean firmly) {
        Matcher change = EN_CHANGE.matcher(text);
        while (change.find()) {
            Optional<String> name = enName(change.group(1));
            if (name.isPresent()) {
                return Optional.of(new Place(name.get(), Strength.FIRM));
            }
        }
        Matcher meet = PlanCues.EN_MEET.matcher(text);
        boolean meets = meet.find();
        if (meets || firmly) {
            Matcher after = EN_PLACE_AFTER.matcher(text);
            after.region(meets ? meet.start() : 0, text.length());
            while (after.find()) {
                Optional<String> name = enName(after.group(1));
                if (name.isPresent()) {
                    return Optional.of(new Place(name.get(), Strength.FIRM));
                }
            }
        }
        Matcher proper = EN_PROPER_AT.matcher(text);
        while (proper.find()) {
            Optional<String> name = enName(proper.group(1));
            if (name.isPresent()) {
                return Optional.of(new Place(name.get(), firmly ? Strength.FIRM : Strength.LOOSE));
            }
        }
        Matcher goTo = EN_GO_TO.matcher(text);
        while (goTo.find()) {
            Optional<String> name = enName(goTo.group(1));
            if (name.isPresent()) {
                return Optional.of(new Place(name.get(), Strength.LOOSE));
            }
        }
        return Optional.empty();
    }

    /** The words of a place up to the first that cannot be part of one; "the" dropped. */
    private static Optional<String> enName(String raw) {
        StringBuilder name = new StringBuilder();
        int count = 0;
        for (String word : raw.strip().split("\\s+")) {
            String bare = word.toLowerCase(Locale.ROOT);
            if (count == 5 || EN_STOP.contains(bare) || word.isEmpty() || Character.isDigit(word.charAt(0))) {
                break;
            }
            if (!(count == 0 && name.isEmpty() && (bare.equals("the") || bare.equals("our")))) {
                name.append(name.isEmpty() ? "" : " ").append(word);
                count++;
            }
        }
        String place = name.toString();
        if (place.isEmpty() || EN_NOT_PLACES.contains(place.toLowerCase(Locale.ROOT))
                || EN_NOT_PLACES.contains("the " + place.toLowerCase(Locale.ROOT))
                || place.codePoints().anyMatch(ChatText::isCjk)) {
            return Optional.empty();
        }
        return Optional.of(place);
    }
}
