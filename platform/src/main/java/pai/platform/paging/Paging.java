package pai.platform.paging;

import java.time.Instant;

/** Cursor defaults for time-ordered lists. */
public final class Paging {
    /** A "before" cursor later than any row; PostgreSQL cannot store Instant.MAX. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private Paging() {
    }
}
