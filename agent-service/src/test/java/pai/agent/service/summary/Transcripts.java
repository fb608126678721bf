package pai.agent.service.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import pai.agent.domain.Utterance;
import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

/**
 * Reads a chat transcript from the test resources, so that every engine's test reads the same chats.
 *
 * <pre>
 * # a comment
 * &#64;start 2025-06-04T20:00:00+08:00   the first message's time (required before the first line)
 * &#64;step 40s                          time between messages (default 30s; s, m or h)
 * &#64;at 2025-06-04T21:30:00+08:00      the next message's time (never earlier than the last)
 * &#64;seq 101                           the next message's seq (default 1, then one more per line)
 * alice|周六八点北宫门集合                  a person's text message
 * ~bob|哈哈哈                             flagged: ~ noise, + planning talk, ? not judged
 * agent:summarizer|…  system:pai|…        an agent's or the system's message
 * bob|[image]                             an image message
 * </pre>
 *
 * {@code @name} words in a line become its mentions.
 */
public final class Transcripts {
    /** The flags a line may start with; each test reads the ones it needs. */
    private static final String FLAGS = "~+?";
    private static final Pattern MENTION = Pattern.compile("@([A-Za-z0-9_.\\-]+)");
    private static final Pattern STEP = Pattern.compile("(\\d+)([smh])");

    /** A transcript's messages and the flag of each flagged seq. */
    public record Transcript(List<Utterance> utterances, Map<Long, Character> flags) {
        public boolean flagged(Utterance utterance, char flag) {
            return flags.getOrDefault(utterance.seq(), ' ') == flag;
        }
    }

    private Transcripts() {
    }

    public static List<Utterance> load(String resource) {
        return read(resource).utterances();
    }

    public static Transcript read(String resource) {
        List<Utterance> utterances = new ArrayList<>();
        Map<Long, Character> flags = new HashMap<>();
        Instant next = null;
        Duration step = Duration.ofSeconds(30);
        long seq = 1;
        int lineNumber = 0;
        for (String raw : lines(resource)) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = resource + ":" + lineNumber;
            if (line.startsWith("@")) {
                String[] directive = line.split("\\s+", 3);
                switch (directive[0]) {
                    case "@start" -> next = OffsetDateTime.parse(directive[1]).toInstant();
                    case "@at" -> {
                        Instant at = OffsetDateTime.parse(directive[1]).toInstant();
                        if (!utterances.isEmpty() && at.isBefore(utterances.get(utterances.size() - 1).at())) {
                            throw new IllegalArgumentException(where + ": @at goes back in time");
                        }
                        next = at;
                    }
                    case "@step" -> step = step(directive[1], where);
                    case "@seq" -> seq = Long.parseLong(directive[1]);
                    default -> throw new IllegalArgumentException(where + ": unknown directive " + directive[0]);
                }
                continue;
            }
            if (next == null) {
                throw new IllegalArgumentException(where + ": a line before @start");
            }
            char flag = FLAGS.indexOf(line.charAt(0)) >= 0 ? line.charAt(0) : ' ';
            String body = flag == ' ' ? line : line.substring(1);
            int bar = body.indexOf('|');
            if (bar < 1) {
                throw new IllegalArgumentException(where + ": expected sender|text");
            }
            utterances.add(utterance(seq, body.substring(0, bar), body.substring(bar + 1).strip(), next));
            if (flag != ' ') {
                flags.put(seq, flag);
            }
            seq++;
            next = next.plus(step);
        }
        return new Transcript(List.copyOf(utterances), Map.copyOf(flags));
    }

    private static Utterance utterance(long seq, String sender, String text, Instant at) {
        SenderKind senderKind = SenderKind.USER;
        String senderId = sender;
        if (sender.startsWith("agent:")) {
            senderKind = SenderKind.AGENT;
            senderId = sender.substring("agent:".length());
        } else if (sender.startsWith("system:")) {
            senderKind = SenderKind.SYSTEM;
            senderId = sender.substring("system:".length());
        }
        if (text.equals("[image]")) {
            return new Utterance(seq, senderId, senderKind, MessageKind.IMAGE, "", "media-" + seq, List.of(), null,
                    at);
        }
        List<String> mentions = MENTION.matcher(text).results().map(match -> match.group(1)).toList();
        return new Utterance(seq, senderId, senderKind, MessageKind.TEXT, text, null, mentions, null, at);
    }

    private static Duration step(String value, String where) {
        Matcher step = STEP.matcher(value);
        if (!step.matches()) {
            throw new IllegalArgumentException(where + ": @step wants a number and s, m or h");
        }
        long amount = Long.parseLong(step.group(1));
        return switch (step.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Transcripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
