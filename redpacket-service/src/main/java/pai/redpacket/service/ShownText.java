package pai.redpacket.service;

/** Text shown to people holds no control characters (PostgreSQL cannot even store NUL). */
public final class ShownText {
    public static final String PRINTABLE = "\\P{Cc}*";
    public static final String PRINTABLE_MESSAGE = "must not contain control characters";

    private ShownText() {
    }
}
