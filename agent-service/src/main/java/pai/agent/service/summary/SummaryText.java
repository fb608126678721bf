package pai.agent.service.summary;

import java.util.List;

import pai.events.agent.KeyPoint;

/** The summary as the chat reads it: a header naming the seq range, then who said each key point. */
final class SummaryText {
    private SummaryText() {
    }

    static String of(List<KeyPoint> keyPoints, long fromSeq, long toSeq, boolean anyLines, boolean chinese) {
        String range = "#" + fromSeq + "–#" + toSeq;
        if (keyPoints.isEmpty()) {
            if (!anyLines) {
                return chinese ? "没有需要总结的内容。" : "Nothing to summarise.";
            }
            return chinese ? range + " 没有需要总结的内容。" : "Nothing to summarise in " + range + ".";
        }
        StringBuilder text = new StringBuilder(chinese ? range + " 的要点：" : "Key points of " + range + ":");
        for (int index = 0; index < keyPoints.size(); index++) {
            KeyPoint point = keyPoints.get(index);
            text.append('\n').append(index + 1).append(". ").append(point.senderId())
                    .append(chinese ? "：" : ": ").append(point.text());
        }
        return text.toString();
    }
}
