package pai.agent.service.orchestration;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import pai.agent.domain.Utterance;

/** A command typed in the chat, such as {@code /summary} or {@code /总结}: at the start or after a space, a whole word. */
public final class SlashCommand {
    private final Pattern pattern;

    private SlashCommand(Pattern pattern) {
        this.pattern = pattern;
    }

    public static SlashCommand of(String... names) {
        String alternatives = Arrays.stream(names).map(Pattern::quote).collect(Collectors.joining("|"));
        return new SlashCommand(Pattern.compile("(^|\\s)/(" + alternatives + ")(?![\\p{IsLatin}\\p{N}])",
                Pattern.CASE_INSENSITIVE));
    }

    public boolean in(Utterance message) {
        return message.text().indexOf('/') >= 0 && pattern.matcher(message.text()).find();
    }

    /** The text without the command, for what the member asked along with it. */
    public String strip(String text) {
        return pattern.matcher(text).replaceAll(" ");
    }
}
