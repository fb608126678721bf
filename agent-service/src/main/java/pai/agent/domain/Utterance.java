package pai.agent.domain;

import java.time.Instant;
import java.util.List;

import pai.events.chat.MessageKind;
import pai.events.chat.SenderKind;

/**
 * One message of a pai as the agents' engines read it: plain values, no persistence, so that every
 * engine and the orchestrator's decision are pure functions of what was said.
 */
public record Utterance(long seq, String senderId, SenderKind senderKind, MessageKind kind, String text,
        String mediaId, List<String> mentions, Long replyToSeq, Instant at) {

    public Utterance {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        text = text == null ? "" : text;
    }

    /** A person said it: agents and the system never trigger an agent. */
    public boolean byHuman() {
        return senderKind == SenderKind.USER;
    }

    /** A user's text message, as a test or a transcript writes it. */
    public static Utterance said(long seq, String senderId, String text, Instant at) {
        return new Utterance(seq, senderId, SenderKind.USER, MessageKind.TEXT, text, null, List.of(), null, at);
    }
}
