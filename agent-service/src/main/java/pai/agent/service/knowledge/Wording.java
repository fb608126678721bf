package pai.agent.service.knowledge;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the words of a chat line say about its form, not its topic: whether it asks, what kind of
 * answer a question wants, whether a line carries a time or a place, whether it changes an earlier
 * arrangement. Patterns, not a model: they only steer the ranking, the index decides relevance.
 */
final class Wording {

    /** The kinds of answer a question can want, and a message can carry. */
    enum AnswerType {
        TIME, PLACE
    }

    private static final Pattern WANTS_TIME = Pattern.compile(
            "几点|几时|什么时候|啥时候|何时|几号|哪天|哪一天|星期几|周几|礼拜几|多久|什么时间|"
                    + "\\bwhen\\b|\\bwhat time\\b|\\bwhich day\\b|\\bwhat day\\b|\\bwhat date\\b|\\bhow long\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WANTS_PLACE = Pattern.compile(
            "哪里|哪儿|在哪|去哪|哪个地方|什么地方|哪家|地点|地址|"
                    + "\\bwhere\\b|\\bwhich place\\b|\\bwhat place\\b|\\baddress\\b|\\blocation\\b",
            Pattern.CASE_INSENSITIVE);

    private static final String CHINESE_NUMBER = "[零〇一二两三四五六七八九十\\d]";
    private static final Pattern CARRIES_TIME = Pattern.compile(
            CHINESE_NUMBER + "{1,3}\\s*[点點时](半|一刻|三刻|" + CHINESE_NUMBER + "{1,3}分?)?"
                    + "|\\d{1,2}\\s*[:：]\\s*\\d{2}"
                    + "|(周|星期|礼拜)[一二三四五六日天末]|[今明后昨](天|晚|早)"
                    + "|早上|上午|中午|下午|傍晚|晚上|凌晨|" + CHINESE_NUMBER + "{1,3}\\s*[月号日]|下(周|星期|个月)"
                    + "|[半零〇一二两三四五六七八九十\\d]+个?(小时|钟头|分钟)"
                    + "|\\b(\\d+|an?|one|two|three|four|five|six|half an?)\\s*(hours?|hrs?|minutes?|mins?)\\b"
                    + "|\\b\\d{1,2}(:\\d{2})?\\s*(am|pm|a\\.m\\.|p\\.m\\.)|o'clock"
                    + "|\\b(noon|midnight|tonight|tomorrow|today|morning|afternoon|evening|weekend)\\b"
                    + "|\\b(mon|tues|wednes|thurs|fri|satur|sun)day\\b|\\bnext (week|month)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CARRIES_PLACE = Pattern.compile(
            // After a verb, 山 and 门 are an activity ("爬山", "出门"), not a place.
            "\\p{IsHan}(?<![爬登上下出进关开])[山门]|门口|路口|入口|出口"
                    + "|\\p{IsHan}(站|馆|店|园|广场|路|街|楼|大厦|厅|室|湖|寺|桥|中心|大学|机场|码头|食堂|酒吧|地铁)"
                    + "|\\b(station|park|cafe|café|restaurant|library|gate|entrance|exit|square|street|road|avenue"
                    + "|mall|office|bar|pub|lobby|plaza|hall|center|centre|campus|beach|trailhead|parking|boathouse)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "at the Boathouse", "near Union Station": a preposition before a proper name. */
    private static final Pattern AT_A_NAMED_PLACE = Pattern.compile(
            "\\b(?i:at|in|near|outside|behind|by)\\s+(?i:the\\s+)?\\p{Lu}\\p{L}+");

    private static final Pattern CHANGES = Pattern.compile(
            "改到|改成|改为|改在|推迟|延后|提前到|换到|换成|挪到|还是.{0,12}吧"
                    + "|\\b(make it|instead|change of plans?|switch(ed)? to|(change|changed|move|moved|push|pushed) (it )?(back |up )?to"
                    + "|postponed?|rescheduled?)\\b",
            Pattern.CASE_INSENSITIVE);

    /** How a reply to a question usually opens: "我有两根", "在三楼", "I have two", "About three hours". */
    private static final Pattern ANSWER_OPENING = Pattern.compile(
            "^[\\s\\p{P}]*(我|有|在|是|对|没有|没|不|可以|应该|大概|差不多|就"
                    + "|(i|i'm|i'll|i've|i'd|we|we're|yes|yeah|yep|no|nope|it's|it is|sure|about|around|roughly|probably)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKS = Pattern.compile("[?？]|(吗|么|呢)[\\s\\p{Punct}。！!~～]*$");
    private static final Pattern QUESTION_WORD = Pattern.compile(
            "几点|几号|几个|几时|什么|啥|哪|谁|怎么|怎样|如何|为什么|为啥|多少|多久|是不是|有没有|能不能|要不要"
                    + "|\\b(what|when|where|who|whom|whose|which|why|how)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Words around a question that are not its topic, removed when the question is quoted back. */
    private static final Pattern TOPIC_LEAD = Pattern.compile("^(请问|所以|我们|咱们|大家|你们|\\s)+");
    private static final Pattern TOPIC_TAIL = Pattern.compile("(吗|呢|啊|呀|吧|来着|[\\s?？!！。.,，~～])+$");

    private Wording() {
    }

    /** Full-width letters and digits as their ASCII forms, so one pattern reads both. */
    static String normalized(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    static Set<AnswerType> wanted(String question) {
        Set<AnswerType> wanted = EnumSet.noneOf(AnswerType.class);
        if (WANTS_TIME.matcher(question).find()) {
            wanted.add(AnswerType.TIME);
        }
        if (WANTS_PLACE.matcher(question).find()) {
            wanted.add(AnswerType.PLACE);
        }
        return wanted;
    }

    static Set<AnswerType> carried(String text) {
        Set<AnswerType> carried = EnumSet.noneOf(AnswerType.class);
        if (CARRIES_TIME.matcher(text).find()) {
            carried.add(AnswerType.TIME);
        }
        if (CARRIES_PLACE.matcher(text).find() || AT_A_NAMED_PLACE.matcher(text).find()) {
            carried.add(AnswerType.PLACE);
        }
        return carried;
    }

    static boolean changesAnArrangement(String text) {
        return CHANGES.matcher(text).find();
    }

    /**
     * What a change says before its marker, without times: "下周 standup 改到十点" → "standup", the
     * thing it changes; "对，改到九点吧" → "对，", nothing but filler, so it changes what came before.
     */
    static String beforeTheChange(String text) {
        Matcher change = CHANGES.matcher(text);
        String lead = change.find() ? text.substring(0, change.start()) : text;
        return CARRIES_TIME.matcher(lead).replaceAll(" ");
    }

    /**
     * How clearly a line asks something: 1 with a question mark or a closing 吗/呢, 0.6 with only a
     * question word ("when I get home" is not a question), 0 for a statement.
     */
    static double questionForm(String text) {
        String trimmed = text.strip();
        if (ASKS.matcher(trimmed).find()) {
            return 1;
        }
        return QUESTION_WORD.matcher(trimmed).find() ? 0.6 : 0;
    }

    static boolean opensAsAnAnswer(String text) {
        return ANSWER_OPENING.matcher(text).find();
    }

    static boolean asks(String text) {
        return questionForm(text) == 1;
    }

    /** "我们几点集合?" → "几点集合"; "where do we meet?" → "where do we meet". */
    static String topic(String question) {
        String topic = TOPIC_TAIL.matcher(TOPIC_LEAD.matcher(question.strip()).replaceFirst("")).replaceFirst("");
        return topic.isEmpty() ? question.strip() : topic;
    }
}
