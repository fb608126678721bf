package pai.agent.service.summary;

import java.util.List;

import pai.events.agent.KeyPoint;

/**
 * A summary of the lines {@code fromSeq..toSeq}: the message to post and its key points, in the order
 * they were said (none when there was nothing to summarise).
 */
public record Summary(String text, List<KeyPoint> keyPoints, long fromSeq, long toSeq) {
    public Summary {
        keyPoints = List.copyOf(keyPoints);
    }
}
