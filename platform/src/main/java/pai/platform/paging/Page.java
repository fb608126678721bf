package pai.platform.paging;

import java.util.List;

/** docs/contract.md: every list is paged as {@code {items, hasMore}}; the cursor parameters are per endpoint. */
public record Page<T>(List<T> items, boolean hasMore) {

    /** Builds a page from a query that fetched one row more than {@code limit}, to learn whether more exist. */
    public static <T> Page<T> ofOneExtra(List<T> fetched, int limit) {
        boolean hasMore = fetched.size() > limit;
        return new Page<>(hasMore ? List.copyOf(fetched.subList(0, limit)) : List.copyOf(fetched), hasMore);
    }
}
