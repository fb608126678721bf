package pai.agent.service.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hankcs.hanlp.seg.common.Term;

import pai.agent.service.text.ChatText;
import pai.events.agent.PlanItem;

/**
 * Who brings what: "我带水" (the speaker), "小王带帐篷" (a name said), "帐篷谁带？" (nobody yet),
 * "I'll bring snacks", "Bob brings the tent", "who's bringing the speaker?". "我带孩子去" takes
 * someone somewhere and "我不带帐篷了" brings nothing, so neither is an item.
 */
final class ItemParser {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String ZH_DELIMITERS = "，。！？,.!?;；~～ \n";
    private static final Pattern ZH_HELPERS = Pattern.compile("(?:来|也|就|可以|负责|会|都|再|还|能|一起|顺便|多|帮大家|给大家|给你们)+$");
    private static final Pattern ZH_NEGATION = Pattern.compile("(?:不|没|别|不用|不能|没法|不会|不要)$");
    private static final Pattern ZH_NAME = Pattern.compile("((?:小|老|阿)\\p{IsHan}|\\p{IsHan}{1,2}(?:姐|哥|总|叔|姨|老师))$");
    private static final Pattern ZH_OBJECT_START = Pattern.compile("^(?:上|着|一下|点儿|点|些|一些|一点|了)");
    private static final Pattern ZH_OBJECT_END = Pattern.compile("[吧啊呀哈了呢嘛哦吗给]|就行|就好|就可以");
    private static final Pattern ZH_AND = Pattern.compile("和|、|跟|还有|以及");
    private static final Pattern ZH_NOT_ITEMS = Pattern.compile("^(?:你|他|她|它|大家|孩子|娃|老婆|老公|朋友|家人|爸|妈)");

    private static final String EN_OBJECT = "([^,.!?;，。！？]+)";
    private static final Pattern EN_FIRST_PERSON = Pattern.compile("(?<![\\p{L}'’])i(?:\\s+will|\\s+can|\\s+could|['’]ll|['’]m|\\s+am)?"
            + "\\s+(?:also\\s+|just\\s+|totally\\s+)?(?:bring|bringing|grab|take\\s+care\\s+of|pick\\s+up|buy)\\s+" + EN_OBJECT,
            FLAGS);
    private static final Pattern EN_NAMED = Pattern.compile("\\b([A-Z][a-z]+)\\s+(?:will\\s+|can\\s+|could\\s+|is\\s+|['’]ll\\s+)?"
            + "(?:brings?|bringing)\\s+" + EN_OBJECT);
    private static final Pattern EN_NOBODY_YET = Pattern.compile("\\bwho(?:['’]s|\\s+is|\\s+will|\\s+can|\\s+could)?\\s+"
            + "(?:bring|bringing|brings)\\s+" + EN_OBJECT, FLAGS);
    private static final Set<String> EN_NOT_NAMES = Set.of("Everyone", "Everybody", "Someone", "Somebody", "Anyone",
            "Nobody", "We", "They", "You", "He", "She", "Who", "Just", "Also", "Please", "Then", "Pls", "Maybe", "Each");
    private static final Set<String> EN_STOP = Set.of("to", "for", "tomorrow", "today", "tonight", "if", "so",
            "because", "too", "then", "on", "at", "in", "when", "as", "from", "this", "next", "again", "along",
            "over", "with", "please", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "though", "just", "anyway", "instead", "as well");
    private static final Pattern EN_DETERMINER = Pattern.compile(
            "^(?:the|some|a|an|my|our|his|her|their|a\\s+few|a\\s+couple\\s+of|extra|enough|plenty\\s+of)\\s+", FLAGS);
    private static final Set<String> EN_NOT_ITEMS = Set.of("you", "it", "them", "him", "her", "us", "me", "everyone",
            "there", "that", "this", "those", "these", "one", "stuff", "something", "anything");

    private ItemParser() {
    }

    /** @param withoutWhen the message with its dates and times removed, so "我明天带水" reads "我带水" */
    static List<PlanItem> read(String withoutWhen, String senderId) {
        List<PlanItem> items = new ArrayList<>();
        if (ChatText.cjkCount(withoutWhen) > 0) {
            chinese(withoutWhen, senderId, items);
        }
        english(withoutWhen, senderId, items);
        return items;
    }

    private static void chinese(String text, String senderId, List<PlanItem> items) {
        for (int bring = text.indexOf('带'); bring >= 0; bring = text.indexOf('带', bring + 1)) {
            int clauseStart = bring;
            while (clauseStart > 0 && ZH_DELIMITERS.indexOf(text.charAt(clauseStart - 1)) < 0) {
                clauseStart--;
            }
            String subject = ZH_HELPERS.matcher(text.substring(clauseStart, bring)).replaceAll("");
            if (ZH_NEGATION.matcher(subject).find()) {
                continue;
            }
            String who;
            String fronted;
            Matcher name = ZH_NAME.matcher(subject);
            if (subject.endsWith("我") && !subject.endsWith("我们")) {
                who = senderId;
                fronted = subject.substring(0, subject.length() - 1);
            } else if (subject.endsWith("谁")) {
                who = null;
                fronted = subject.substring(0, subject.length() - 1);
            } else if (name.find()) {
                who = name.group(1);
                fronted = subject.substring(0, name.start());
            } else {
                List<Term> words = ChatText.segment(subject);
                Term last = words.isEmpty() ? null : words.get(words.size() - 1);
                if (last == null || !isName(last)) {
                    continue;
                }
                who = last.word;
                fronted = subject.substring(0, subject.length() - last.word.length());
            }
            int clauseEnd = bring + 1;
            while (clauseEnd < text.length() && ZH_DELIMITERS.indexOf(text.charAt(clauseEnd)) < 0) {
                clauseEnd++;
            }
            String object = ZH_OBJECT_START.matcher(text.substring(bring + 1, clauseEnd)).replaceAll("");
            Matcher end = ZH_OBJECT_END.matcher(object);
            if (end.find()) {
                object = object.substring(0, end.start());
            }
            if (object.contains("去") || object.contains("来")) {
                continue;
            }
            String what = object.isEmpty() ? fronted : object;
            for (String part : ZH_AND.split(what)) {
                String item = ZH_OBJECT_START.matcher(part.strip()).replaceAll("");
                if (!item.isEmpty() && item.length() <= 10 && !ZH_NOT_ITEMS.matcher(item).find()) {
                    items.add(new PlanItem(item, who));
                }
            }
        }
    }

    private static boolean isName(Term word) {
        String nature = word.nature.toString();
        return nature.startsWith("nr") || nature.equals("nz")
                || nature.equals("nx") && Character.isUpperCase(word.word.charAt(0));
    }

    private static void english(String text, String senderId, List<PlanItem> items) {
        for (Matcher match = EN_FIRST_PERSON.matcher(text); match.find();) {
            addEnglish(match.group(1), senderId, items);
        }
        for (Matcher match = EN_NAMED.matcher(text); match.find();) {
            if (!EN_NOT_NAMES.contains(match.group(1))) {
                addEnglish(match.group(2), match.group(1), items);
            }
        }
        for (Matcher match = EN_NOBODY_YET.matcher(text); match.find();) {
            addEnglish(match.group(1), null, items);
        }
    }

    private static void addEnglish(String object, String who, List<PlanItem> items) {
        StringBuilder kept = new StringBuilder();
        for (String word : object.strip().split("\\s+")) {
            if (EN_STOP.contains(word.toLowerCase(Locale.ROOT))) {
                break;
            }
            kept.append(kept.isEmpty() ? "" : " ").append(word);
        }
        for (String part : kept.toString().split("\\s+and\\s+|\\s*&\\s*")) {
            String item = EN_DETERMINER.matcher(part.strip()).replaceAll("").strip();
            if (!item.isEmpty() && !EN_NOT_ITEMS.contains(item.toLowerCase(Locale.ROOT))
                    && item.codePoints().noneMatch(ChatText::isCjk)) {
                items.add(new PlanItem(item, who));
            }
        }
    }
}
