package pai.platform.text;

/**
 * Text shown to people (a campaign's name, a goal's title, a display name) holds no control characters
 * (PostgreSQL cannot even store NUL): {@code @Pattern(regexp = ShownText.PRINTABLE, message = ShownText.PRINTABLE_MESSAGE)}.
 */
public final class ShownText {
    public static final String PRINTABLE = "\\P{Cc}*";
    public static final String PRINTABLE_MESSAGE = "must not contain control characters";

    private ShownText() {
    }
}
