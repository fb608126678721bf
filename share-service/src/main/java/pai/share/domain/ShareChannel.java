package pai.share.domain;

/** Where a link was shared to; the same target shared to two channels gets two codes, so each is counted. */
public enum ShareChannel {
    WECHAT, QQ, WEIBO, LINK
}
