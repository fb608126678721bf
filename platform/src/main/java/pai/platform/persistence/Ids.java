package pai.platform.persistence;

/**
 * Ids come from request paths as any string. One that PostgreSQL cannot store (it holds a NUL)
 * names nothing, so it is answered as unknown instead of being sent to the database, which would
 * refuse the query.
 */
public final class Ids {
    private Ids() {
    }

    public static boolean storable(String id) {
        return id.indexOf('\0') < 0;
    }
}
