package pai.chat.service.live;

import jakarta.enterprise.context.ApplicationScoped;

import pai.chat.domain.Playback;
import pai.chat.service.live.LiveFrames.PlaybackFrame;

/** A watch/listen session's new state, from any instance (Redis pub/sub): pushed to the pai's connections here. */
@ApplicationScoped
public class PlaybackFanOut {
    private final PaiStreams streams;

    public PlaybackFanOut(PaiStreams streams) {
        this.streams = streams;
    }

    public void push(Playback playback, long nowMs) {
        PaiStream stream = streams.get(playback.paiId());
        if (stream != null) {
            stream.broadcast(LiveFrames.json(PlaybackFrame.of(playback, nowMs)));
        }
    }
}
