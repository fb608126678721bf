package pai.chat.service.live;

import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One pai's live order: releases frames in seq order. The order starts at the first seq it is
 * given; after that a frame whose seq is not the next one is held back until the ones before it
 * arrive or the gap fill brings them, and a seq released or held already is dropped. Not
 * thread-safe: its {@link PaiStream} locks it.
 */
final class SeqHoldBack {
    private final Consumer<SeqFrame> release;
    private final TreeMap<Long, SeqFrame> held = new TreeMap<>();
    /** The last seq released; 0 until the first. */
    private long released;
    private boolean fillPending;

    SeqHoldBack(Consumer<SeqFrame> release) {
        this.release = release;
    }

    /** The seqs a gap fill should read: those after {@code afterSeq} and before {@code beforeSeq}. */
    record Gap(long afterSeq, long beforeSeq) {
        long size() {
            return beforeSeq - afterSeq - 1;
        }
    }

    /**
     * Whether {@code seq} is new here. A frame this instance stored ({@code local}) is taken only once
     * the order has started: a new order takes its first seq from Kafka, which brings a pai's messages
     * in order, while a local one may be ahead of another instance's still in Kafka.
     */
    boolean wants(long seq, boolean local) {
        return seq > released && !(local && released == 0) && (held.isEmpty() || !held.containsKey(seq));
    }

    /**
     * Releases a frame that {@link #wants} took, then the held ones it lets through; or holds it back
     * when an earlier seq is missing. True when a gap fill should be scheduled now: the frame is held
     * and no fill is pending yet.
     */
    boolean offer(SeqFrame frame) {
        if (released != 0 && frame.seq() > released + 1) {
            held.put(frame.seq(), frame);
            if (fillPending) {
                return false;
            }
            fillPending = true;
            return true;
        }
        release(frame);
        releaseHeld();
        return false;
    }

    /** A gap fill begins: what it should read, or null when nothing is held any more. */
    Gap startFill() {
        fillPending = false;
        return held.isEmpty() ? null : new Gap(released, held.firstKey());
    }

    /** The gap fill could not read; it tries again, so a frame held meanwhile need not schedule one. */
    void fillFailed() {
        fillPending = true;
    }

    /** What the gap fill read, oldest first: each frame goes out if its seq is the next one, then the held ones it lets through. */
    void fill(List<SeqFrame> frames) {
        for (SeqFrame frame : frames) {
            if (frame.seq() == released + 1) {
                release(frame);
            }
        }
        releaseHeld();
    }

    private void release(SeqFrame frame) {
        released = frame.seq();
        release.accept(frame);
    }

    private void releaseHeld() {
        // A seq held while the gap fill read it went out with the fill: drop it, or it would block the rest.
        held.headMap(released, true).clear();
        while (!held.isEmpty() && held.firstKey() == released + 1) {
            release(held.pollFirstEntry().getValue());
        }
    }
}
