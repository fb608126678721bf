package pai.agent.service.planner;

import java.util.Locale;
import java.util.Map;

/** Small numbers as people write them in a plan: digits, Chinese numerals up to 99, English words to twelve. */
final class Numbers {
    static final String CHINESE = "[零〇一二两三四五六七八九十]{1,3}";
    static final String ENGLISH = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

    private static final String CHINESE_DIGITS = "零一二三四五六七八九";
    private static final Map<String, Integer> ENGLISH_VALUES = Map.ofEntries(Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12));

    private Numbers() {
    }

    /** The value of "8", "八", "十二", "二十", "两", "eight"; -1 when it is none of those. */
    static int parse(String number) {
        String text = number.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return -1;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(text);
        }
        if (ENGLISH_VALUES.containsKey(text)) {
            return ENGLISH_VALUES.get(text);
        }
        text = text.replace('两', '二').replace('〇', '零');
        int ten = text.indexOf('十');
        if (ten < 0) {
            return text.length() == 1 ? CHINESE_DIGITS.indexOf(text.charAt(0)) : -1;
        }
        int tens = ten == 0 ? 1 : digit(text.substring(0, ten));
        int ones = ten == text.length() - 1 ? 0 : digit(text.substring(ten + 1));
        return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
    }

    private static int digit(String text) {
        return text.length() == 1 ? CHINESE_DIGITS.indexOf(text.charAt(0)) : -1;
    }
}
