package pai.agent.service.planner;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and clock times in a chat message, Chinese or English, resolved against the day it was said.
 * HanLP portable tags time words ({@code t}) but does not resolve them, so these are rules.
 *
 * <p>"周六", "Friday", "this Friday" mean the next such day (today if it is that day); "下周六" and
 * "next Saturday" mean that day of next week (weeks start on Monday). A clock time without a half
 * of day ("八点", "at 8") takes the half the message names ("晚上", "tonight"), else the half of the
 * plan it changes ("改到九点" after "晚上七点" is 21:00), else the morning, except hours when nobody
 * meets before dawn (1–5 in Chinese talk, 1–7 in English, where "at seven" means the evening).
 */
final class WhenParser {
    /** What a message says about when. */
    record When(LocalDate date, LocalTime time, boolean past, List<int[]> spans) {
        boolean saysWhen() {
            return date != null || time != null;
        }
    }

    private enum Half {
        MORNING, NOON, AFTERNOON
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String EN_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String EN_MONTH = "january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String EN_UNITS = "%|people|persons|guys|of|km|k|miles|mi|minutes|mins?|hours?|hrs?|days?"
            + "|weeks?|months?|years?|percent|euros?|dollars?|bucks|quid|pounds|points|pages|chapters?|books?|copies"
            + "|st|nd|rd|th|times|more|less";

    private static final Pattern ZH_RELATIVE_DAY = Pattern.compile("大后天|后天|明天|明日|明儿|明早|明晚|明晨|今天|今日|今儿|今晚|今早|今夜");
    private static final Pattern ZH_WEEKDAY = Pattern.compile("(?<!上|上个)(下下|下个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])");
    private static final Pattern ZH_WEEKEND = Pattern.compile("(?<!上|上个)(下下|下个?|这个?|本)?周末");
    private static final Pattern ZH_MONTH_DAY = Pattern.compile(
            "(\\d{1,2}|" + Numbers.CHINESE + ")月(\\d{1,2}|" + Numbers.CHINESE + ")[日号]?");
    private static final Pattern ZH_DAY = Pattern.compile("(?<![\\d月])(\\d{1,2})[号日](?![线楼门口座位车厅院])");
    private static final Pattern ZH_PAST = Pattern.compile("昨天|昨晚|昨日|前天|上周|上个?星期|上个?礼拜|上个?月|去年|刚才|刚刚");
    private static final Pattern EN_RELATIVE_DAY = Pattern.compile(
            "\\b(?:(?:the\\s+)?day\\s+after\\s+tomorrow|tomorrow|tmrw|tmr|today|tonight|this\\s+(?:evening|morning|afternoon))\\b",
            FLAGS);
    private static final Pattern EN_WEEKDAY_DATE = Pattern.compile(
            "(?<!last\\s)\\b(?:(next|this\\s+coming|this|coming|on)\\s+)?(" + EN_WEEKDAY + ")\\b", FLAGS);
    private static final Pattern EN_WEEKEND = Pattern.compile("\\b(?:(next|this|the)\\s+)weekend\\b", FLAGS);
    private static final Pattern EN_MONTH_DAY = Pattern.compile(
            "\\b(" + EN_MONTH + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?("
                    + EN_MONTH + ")\\b",
            FLAGS);
    private static final Pattern EN_PAST = Pattern.compile("\\byesterday\\b|\\blast\\s+(?:night|week|weekend|month|year|"
            + EN_WEEKDAY + ")\\b|\\b\\d+\\s+(?:days?|weeks?)\\s+ago\\b|\\bearlier\\s+today\\b", FLAGS);

    private static final Pattern ZH_CLOCK = Pattern.compile("(\\d{1,2}|" + Numbers.CHINESE
            + ")\\s*(?:点钟|点|时)(?:\\s*(半|一刻|三刻|\\d{1,2}|" + Numbers.CHINESE + ")分?)?");
    private static final Pattern ZH_A_BIT = Pattern.compile("[快早晚慢多少好大小差有高低轻远近长短]$");
    private static final Pattern DIGITAL_CLOCK = Pattern.compile(
            "(?<![\\d:：])([01]?\\d|2[0-3])[:：]([0-5]\\d)(?![\\d:：])(?:\\s*([ap])\\.?m\\.?\\b)?", FLAGS);
    private static final Pattern EN_AM_PM = Pattern.compile(
            "\\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?\\s*([ap])\\.?m\\.?(?![a-z])", FLAGS);
    private static final Pattern EN_OCLOCK = Pattern.compile(
            "\\b(1[0-2]|0?[1-9]|" + Numbers.ENGLISH + ")\\s*o['’]?clock\\b", FLAGS);
    private static final Pattern EN_HALF_PAST = Pattern.compile(
            "\\b(half|quarter)\\s+(past|to)\\s+(1[0-2]|0?[1-9]|" + Numbers.ENGLISH + ")\\b", FLAGS);
    private static final Pattern EN_AT_HOUR = Pattern.compile("\\b(?:at|by|around|make\\s+it|say|till|until|from)\\s+(1[0-2]|0?[1-9]|"
            + Numbers.ENGLISH + ")(?:[:.]([0-5]\\d)|\\s+(thirty|fifteen|forty-five))?\\b(?!\\s*(?:" + EN_UNITS
            + ")\\b)(?![:.]?\\d)", FLAGS);
    private static final Pattern EN_NOON = Pattern.compile("\\b(noon|midday|midnight)\\b", FLAGS);

    private static final Pattern MORNING = Pattern.compile(
            "凌晨|清晨|早上|早晨|上午|今早|明早|明晨|\\bthis\\s+morning\\b|\\bin\\s+the\\s+morning\\b", FLAGS);
    private static final Pattern NOON = Pattern.compile("中午");
    private static final Pattern AFTERNOON = Pattern.compile("午后|下午|傍晚|晚上|夜里|今晚|明晚|今夜|\\btonight\\b"
            + "|\\bthis\\s+(?:evening|afternoon)\\b|\\bin\\s+the\\s+(?:evening|afternoon)\\b|\\bafter\\s+work\\b", FLAGS);

    private WhenParser() {
    }

    /**
     * @param today    the day the message was said, in the pai's zone
     * @param current  the plan's time before this message (null if none), for the half of day
     * @param preferAt where a change begins in the text ("改到", "make it"), or -1: a date or time after it wins
     */
    static When read(String text, LocalDate today, LocalTime current, int preferAt) {
        List<int[]> spans = new ArrayList<>();
        List<Found<LocalDate>> dates = dates(text, today, spans);
        List<Found<LocalTime>> times = times(text, current, spans);
        for (Pattern half : List.of(MORNING, NOON, AFTERNOON)) {
            half.matcher(text).results().forEach(match -> spans.add(new int[] { match.start(), match.end() }));
        }
        LocalDate date = choose(dates, preferAt);
        boolean past = date == null && (ZH_PAST.matcher(text).find() || EN_PAST.matcher(text).find());
        ZH_PAST.matcher(text).results().forEach(match -> spans.add(new int[] { match.start(), match.end() }));
        return new When(date, choose(times, preferAt), past, spans);
    }

    private record Found<T>(T value, int start) {
    }

    private static <T> T choose(List<Found<T>> found, int preferAt) {
        List<Found<T>> inOrder = found.stream().sorted(Comparator.comparingInt(Found::start)).toList();
        return inOrder.stream().filter(one -> preferAt >= 0 && one.start() >= preferAt).findFirst()
                .or(() -> inOrder.stream().findFirst()).map(Found::value).orElse(null);
    }

    private static List<Found<LocalDate>> dates(String text, LocalDate today, List<int[]> spans) {
        List<Found<LocalDate>> dates = new ArrayList<>();
        for (Matcher match = ZH_RELATIVE_DAY.matcher(text); match.find();) {
            String word = match.group();
            int days = word.startsWith("大后") ? 3 : word.startsWith("后") ? 2 : word.startsWith("明") ? 1 : 0;
            add(dates, spans, match, today.plusDays(days));
        }
        for (Matcher match = ZH_WEEKDAY.matcher(text); match.find();) {
            add(dates, spans, match, weekday(today, zhWeekday(match.group(2)), weeksAhead(match.group(1))));
        }
        for (Matcher match = ZH_WEEKEND.matcher(text); match.find();) {
            add(dates, spans, match, weekday(today, DayOfWeek.SATURDAY, weeksAhead(match.group(1))));
        }
        for (Matcher match = ZH_MONTH_DAY.matcher(text); match.find();) {
            add(dates, spans, match, monthDay(today, Numbers.parse(match.group(1)), Numbers.parse(match.group(2))));
        }
        for (Matcher match = ZH_DAY.matcher(text); match.find();) {
            int day = Integer.parseInt(match.group(1));
            LocalDate thisMonth = today.withDayOfMonth(Math.min(Math.max(day, 1), today.lengthOfMonth()));
            LocalDate date = thisMonth.isBefore(today) ? monthDay(today.plusMonths(1), today.plusMonths(1)
                    .getMonthValue(), day) : monthDay(today, today.getMonthValue(), day);
            add(dates, spans, match, date);
        }
        for (Matcher match = EN_RELATIVE_DAY.matcher(text); match.find();) {
            String word = match.group().toLowerCase(Locale.ROOT);
            int days = word.contains("after") ? 2 : word.startsWith("tm") || word.startsWith("tomorrow") ? 1 : 0;
            add(dates, spans, match, today.plusDays(days));
        }
        for (Matcher match = EN_WEEKDAY_DATE.matcher(text); match.find();) {
            DayOfWeek day = DayOfWeek.valueOf(match.group(2).toUpperCase(Locale.ROOT));
            boolean next = match.group(1) != null && match.group(1).equalsIgnoreCase("next");
            add(dates, spans, match, weekday(today, day, next ? 1 : 0));
        }
        for (Matcher match = EN_WEEKEND.matcher(text); match.find();) {
            boolean next = match.group(1).equalsIgnoreCase("next");
            add(dates, spans, match, weekday(today, DayOfWeek.SATURDAY, next ? 1 : 0));
        }
        for (Matcher match = EN_MONTH_DAY.matcher(text); match.find();) {
            String month = match.group(1) != null ? match.group(1) : match.group(4);
            String day = match.group(2) != null ? match.group(2) : match.group(3);
            add(dates, spans, match, monthDay(today, englishMonth(month), Integer.parseInt(day)));
        }
        dates.removeIf(found -> found.value() == null);
        return dates;
    }

    private static <T> void add(List<Found<T>> found, List<int[]> spans, Matcher match, T value) {
        found.add(new Found<>(value, match.start()));
        spans.add(new int[] { match.start(), match.end() });
    }

    private static int weeksAhead(String prefix) {
        if (prefix == null) {
            return 0;
        }
        return prefix.startsWith("下下") ? 2 : prefix.startsWith("下") ? 1 : 0;
    }

    /** That day of the week {@code weeksAhead} weeks on: in this week the next such day, else in a later Monday-first week. */
    private static LocalDate weekday(LocalDate today, DayOfWeek day, int weeksAhead) {
        if (weeksAhead == 0) {
            return today.with(TemporalAdjusters.nextOrSame(day));
        }
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(weeksAhead)
                .with(TemporalAdjusters.nextOrSame(day));
    }

    private static DayOfWeek zhWeekday(String day) {
        int value = "一二三四五六".indexOf(day) + 1;
        if (value == 0) {
            value = Character.isDigit(day.charAt(0)) ? day.charAt(0) - '0' : 7;
        }
        return DayOfWeek.of(value);
    }

    /** The next such day on or after today (this year, else next year); null if there is no such day. */
    private static LocalDate monthDay(LocalDate today, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
            LocalDate first = LocalDate.of(year, month, 1);
            if (day <= first.lengthOfMonth() && !first.withDayOfMonth(day).isBefore(today)) {
                return first.withDayOfMonth(day);
            }
        }
        return null;
    }

    private static int englishMonth(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                .indexOf(prefix) + 1;
    }

    private static List<Found<LocalTime>> times(String text, LocalTime current, List<int[]> spans) {
        List<Found<LocalTime>> times = new ArrayList<>();
        each(ZH_CLOCK, text, spans, times, match -> {
            int hour = Numbers.parse(match.group(1));
            boolean aBit = hour == 1 && ZH_A_BIT.matcher(text.substring(0, match.start())).find();
            int minute = zhMinute(match.group(2));
            return aBit || hour < 0 || hour > 24 || minute < 0 ? null
                    : clock(text, match.start(), hour, minute, null, current, 5);
        });
        each(DIGITAL_CLOCK, text, spans, times, match -> clock(text, match.start(), Integer.parseInt(match.group(1)),
                Integer.parseInt(match.group(2)), match.group(3), current, 5));
        each(EN_AM_PM, text, spans, times, match -> clock(text, match.start(), Integer.parseInt(match.group(1)),
                match.group(2) == null ? 0 : Integer.parseInt(match.group(2)), match.group(3), current, 7));
        each(EN_OCLOCK, text, spans, times,
                match -> clock(text, match.start(), Numbers.parse(match.group(1)), 0, null, current, 7));
        each(EN_HALF_PAST, text, spans, times, match -> {
            int hour = Numbers.parse(match.group(3));
            int minute = match.group(1).equalsIgnoreCase("half") ? 30 : 15;
            if (match.group(2).equalsIgnoreCase("to")) {
                hour = hour == 1 ? 12 : hour - 1;
                minute = 60 - minute;
            }
            return clock(text, match.start(), hour, minute, null, current, 7);
        });
        each(EN_AT_HOUR, text, spans, times, match -> {
            int minute = match.group(2) != null ? Integer.parseInt(match.group(2))
                    : match.group(3) == null ? 0 : switch (match.group(3).toLowerCase(Locale.ROOT)) {
                        case "thirty" -> 30;
                        case "fifteen" -> 15;
                        default -> 45;
                    };
            return clock(text, match.start(), Numbers.parse(match.group(1)), minute, null, current, 7);
        });
        each(EN_NOON, text, spans, times,
                match -> match.group(1).equalsIgnoreCase("midnight") ? LocalTime.MIDNIGHT : LocalTime.NOON);
        return times;
    }

    /**
     * Every match of the pattern that {@code reading} accepts (non-null) and that no earlier time or
     * date covers; a refused match is tried again one character on, so "周六八点" still finds "八点".
     */
    private static void each(Pattern pattern, String text, List<int[]> spans, List<Found<LocalTime>> times,
            Function<Matcher, LocalTime> reading) {
        Matcher match = pattern.matcher(text);
        int from = 0;
        while (from < text.length() && match.find(from)) {
            LocalTime time = overlaps(spans, match) ? null : reading.apply(match);
            if (time == null) {
                from = match.start() + 1;
            } else {
                add(times, spans, match, time);
                from = match.end();
            }
        }
    }

    private static boolean overlaps(List<int[]> spans, Matcher match) {
        return spans.stream().anyMatch(span -> span[0] < match.end() && match.start() < span[1]);
    }

    private static int zhMinute(String minute) {
        if (minute == null) {
            return 0;
        }
        return switch (minute) {
            case "半" -> 30;
            case "一刻" -> 15;
            case "三刻" -> 45;
            default -> {
                int value = Numbers.parse(minute);
                yield value >= 0 && value < 60 ? value : -1;
            }
        };
    }

    private static LocalTime clock(String text, int at, int hour, int minute, String amPm, LocalTime current,
            int lastNightHour) {
        if (hour == 24) {
            return LocalTime.MIDNIGHT;
        }
        if (amPm != null) {
            boolean pm = amPm.equalsIgnoreCase("p");
            return LocalTime.of(hour % 12 + (pm ? 12 : 0), minute);
        }
        if (hour >= 12) {
            return LocalTime.of(hour, minute);
        }
        Half half = half(text, at);
        boolean afternoon = half == Half.AFTERNOON || (half == Half.NOON && hour <= 2)
                || (half == null && current != null && current.getHour() >= 12)
                || (half == null && current == null && hour >= 1 && hour <= lastNightHour);
        return LocalTime.of(hour + (afternoon ? 12 : 0), minute);
    }

    /** The half of day named nearest before the time, else anywhere in the message. */
    private static Half half(String text, int at) {
        Half nearest = null;
        int nearestAt = -1;
        Half anywhere = null;
        for (Half half : Half.values()) {
            Pattern words = half == Half.MORNING ? MORNING : half == Half.NOON ? NOON : AFTERNOON;
            for (Matcher match = words.matcher(text); match.find();) {
                anywhere = anywhere == null ? half : anywhere;
                if (match.start() <= at && match.start() > nearestAt) {
                    nearest = half;
                    nearestAt = match.start();
                }
            }
        }
        return nearest != null ? nearest : anywhere;
    }
}
