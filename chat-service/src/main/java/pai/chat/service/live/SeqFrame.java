package pai.chat.service.live;

import java.time.Instant;

import pai.chat.domain.Message;
import pai.chat.service.live.LiveFrames.MessageFrame;
import pai.events.chat.ChatMessagePosted;

/** A message frame's JSON with its seq, and when the message was made (for the delivery lag). */
record SeqFrame(long seq, String json, Instant createdAt) {

    static SeqFrame of(ChatMessagePosted posted) {
        return new SeqFrame(posted.seq(), LiveFrames.json(MessageFrame.of(posted)), posted.createdAt());
    }

    static SeqFrame of(Message message) {
        return new SeqFrame(message.seq, LiveFrames.json(MessageFrame.of(message)), message.createdAt);
    }
}
