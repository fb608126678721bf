package pai.redpacket.service;

import pai.platform.error.ApiException;

/** The refusals of redpacket-service, each with its code (docs/contract.md, error codes). */
public final class RedpacketRefusals {
    private RedpacketRefusals() {
    }

    public static class CampaignNotFound extends ApiException {
        public CampaignNotFound(String campaignId) {
            super(404, "CAMPAIGN_NOT_FOUND", "no campaign " + campaignId);
        }
    }

    public static class CampaignNotActive extends ApiException {
        public CampaignNotActive(String campaignId, Object status) {
            super(409, "CAMPAIGN_NOT_ACTIVE", "campaign " + campaignId + " is " + status);
        }
    }

    public static class InsufficientBudget extends ApiException {
        public InsufficientBudget(long remaining, long asked) {
            super(409, "INSUFFICIENT_BUDGET", "the campaign has " + remaining + " cents left, the drop needs " + asked);
        }
    }

    public static class DropNotFound extends ApiException {
        public DropNotFound(String dropId) {
            super(404, "DROP_NOT_FOUND", "no drop " + dropId);
        }
    }

    public static class DropNotActive extends ApiException {
        public DropNotActive(String dropId) {
            super(409, "DROP_NOT_ACTIVE", "drop " + dropId + " is not open for grabs now");
        }
    }

    public static class SoldOut extends ApiException {
        public SoldOut(String dropId) {
            super(410, "SOLD_OUT", "every packet of " + dropId + " is taken");
        }
    }

    public static class GrabLimitReached extends ApiException {
        public GrabLimitReached() {
            super(409, "GRAB_LIMIT_REACHED", "you have used every chance this campaign gives");
        }
    }

    public static class Busy extends ApiException {
        public Busy() {
            super(503, "BUSY", "too many grabs are waiting to be recorded; try again in a moment");
        }
    }

    public static class PacketNotFound extends ApiException {
        public PacketNotFound(String packetId) {
            super(404, "PACKET_NOT_FOUND", "no lucky packet " + packetId);
        }
    }

    public static class PacketExpired extends ApiException {
        public PacketExpired(String packetId) {
            super(409, "PACKET_EXPIRED", "lucky packet " + packetId + " has expired");
        }
    }

    public static class InsufficientBalance extends ApiException {
        public InsufficientBalance(long balance, long asked) {
            super(409, "INSUFFICIENT_BALANCE", "your wallet holds " + balance + " cents, the packet needs " + asked);
        }
    }

    public static class IdempotencyKeyReused extends ApiException {
        public IdempotencyKeyReused() {
            super(422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for another request");
        }
    }
}
