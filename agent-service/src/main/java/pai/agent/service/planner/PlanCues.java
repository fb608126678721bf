package pai.agent.service.planner;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hankcs.hanlp.seg.common.Term;

/** The words that make a message plan talk: meeting up, changing the plan, suggesting. */
final class PlanCues {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** Chinese meet-up verbs, as HanLP words, so that 再见, 意见 and 看见 do not count. */
    static final Set<String> ZH_MEET_VERBS = Set.of("集合", "碰头", "会合", "汇合", "见面", "见", "碰面", "会面", "集中",
            "出发", "聚", "聚聚", "聚一聚");
    static final Pattern EN_MEET = Pattern.compile("\\b(?:meet(?:ing)?\\s+up|meet|gather|see\\s+(?:you|u|ya)|get\\s+together"
            + "|catch\\s+up|pick\\s+(?:you|u)\\s+up|head\\s+out|set\\s+off|leave\\s+(?=at\\b))\\b", FLAGS);
    /** A change or a decision: what follows replaces what was said before. */
    static final Pattern CHANGE = Pattern.compile("改到|改成|改在|改去|改为|换个?地方|换地方|换到|换成|推迟|提前到|延后|往后推|不如"
            + "|那就|就这么定|说定了|定了|\\bactually\\b|\\binstead\\b|\\bmake\\s+it\\b|\\bchange\\s+(?:it|the|of)\\b"
            + "|\\bmove\\s+(?:it|the)\\b|\\bswitch\\b|\\brather\\b|\\bpush\\s+it\\b|\\breschedule\\b|\\bsettled\\b"
            + "|\\bsounds\\s+like\\s+a\\s+plan\\b|\\bit'?s\\s+a\\s+plan\\b", FLAGS);
    static final Pattern SUGGEST = Pattern.compile("吧|咱们|我们|怎么样|如何|好不好|行不行|要不|\\blet'?s\\b|\\bhow\\s+about\\b"
            + "|\\bshall\\s+we\\b|\\bshould\\s+we\\b|\\bwhy\\s+don'?t\\s+we\\b|\\bwhat\\s+about\\b|\\bwe\\s+could\\b"
            + "|\\bwanna\\b|\\banyone\\s+up\\s+for\\b", FLAGS);

    private PlanCues() {
    }

    static boolean meets(String text, List<Term> words) {
        return EN_MEET.matcher(text).find() || words.stream().anyMatch(PlanCues::isMeetVerb);
    }

    static boolean isMeetVerb(Term word) {
        return ZH_MEET_VERBS.contains(word.word) && word.nature.toString().startsWith("v");
    }

    /** Where the first change begins, or -1. */
    static int changeAt(String text) {
        Matcher change = CHANGE.matcher(text);
        return change.find() ? change.start() : -1;
    }
}
