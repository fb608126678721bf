package pai.share.domain;

import java.time.Instant;
import java.time.LocalDate;

import io.quarkus.hibernate.orm.panache.Panache;

/** Counted clicks: one row per (code, visitor, day). */
public final class ShareClick {
    private ShareClick() {
    }

    /** True when this is the visitor's first click on the code that day; a repeat, however concurrent, is false. */
    public static boolean record(String code, String visitorKey, LocalDate day, String campaignId, Instant at) {
        return Panache.getEntityManager().createNativeQuery("insert into share_click (code, visitor_key, day, campaign_id,"
                + " clicked_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, code).setParameter(2, visitorKey).setParameter(3, day).setParameter(4, campaignId)
                .setParameter(5, at)
                .executeUpdate() == 1;
    }
}
