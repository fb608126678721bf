package pai.events.agent;

import java.util.List;

/** The data of a SUMMARY message: the seq range it covers and its key points, in the order they were said. */
public record SummaryCard(long fromSeq, long toSeq, List<KeyPoint> keyPoints) {
    public SummaryCard {
        keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
    }
}
