package pai.redpacket.domain;

public enum SplitMode {
    RANDOM, EVEN
}
