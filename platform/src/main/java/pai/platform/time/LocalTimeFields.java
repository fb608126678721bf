package pai.platform.time;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import pai.platform.error.InvalidFieldException;

/** The local-time fields that "per day" rules take (SPEC: an IANA {@code timezone}, times of day {@code HH:mm}). */
public final class LocalTimeFields {
    public static final String DEFAULT_TIMEZONE = "Asia/Shanghai";
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private LocalTimeFields() {
    }

    /** The zone, or the default when none is given; 400 naming {@code field} for anything but an IANA name. */
    public static String zone(String field, String timezone) {
        String zone = timezone == null ? DEFAULT_TIMEZONE : timezone;
        // IANA names only: ZoneId.of would also take offsets such as +08:00, which know no daylight saving.
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new InvalidFieldException(field, "not an IANA time zone such as Asia/Shanghai");
        }
        return zone;
    }

    /** A time of day HH:mm, 00:00 to 23:59; 400 naming {@code field} otherwise. */
    public static LocalTime timeOfDay(String field, String text) {
        try {
            return LocalTime.parse(text, TIME_OF_DAY);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "expected a time of day HH:mm, 00:00 to 23:59");
        }
    }
}
