package pai.chat.service.message;

import pai.events.chat.ChatMessagePosted;

/** Fired in the transaction that stores a message; live delivery pushes it once that commits. */
public record MessageStored(ChatMessagePosted posted) {
}
