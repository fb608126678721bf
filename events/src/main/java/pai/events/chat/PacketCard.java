package pai.events.chat;

/** The red-packet card a PACKET message shows. */
public record PacketCard(String packetId, String senderId, long totalCents, int count, String greeting) {
}
