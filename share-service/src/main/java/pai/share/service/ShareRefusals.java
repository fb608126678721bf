package pai.share.service;

import pai.platform.error.ApiException;

/** The refusals of share-service's API, each with its code (docs/contract.md). */
public final class ShareRefusals {
    private ShareRefusals() {
    }

    public static class ShareNotFound extends ApiException {
        public ShareNotFound() {
            super(404, "SHARE_NOT_FOUND", "no share link has this code");
        }
    }

    public static class TargetNotFound extends ApiException {
        public TargetNotFound(Object type, String targetId) {
            super(404, "TARGET_NOT_FOUND", "no " + type + " " + targetId + " to share");
        }
    }

    public static class TargetClosed extends ApiException {
        public TargetClosed(Object type, String targetId) {
            super(409, "TARGET_CLOSED", type + " " + targetId + " is over or cancelled; there is nothing left to share");
        }
    }

    public static class CampaignNotFound extends ApiException {
        public CampaignNotFound(String campaignId) {
            super(404, "CAMPAIGN_NOT_FOUND", "no campaign " + campaignId);
        }
    }
}
