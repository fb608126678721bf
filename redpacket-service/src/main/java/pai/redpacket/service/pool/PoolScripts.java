package pai.redpacket.service.pool;

/** The Lua scripts of the pools (resources under {@code lua/}), each one atomic step in Redis. */
public final class PoolScripts {
    public static final String GRAB = "lua/grab.lua";
    public static final String LOAD = "lua/load.lua";
    public static final String CLOSE = "lua/close.lua";
    public static final String SET_STATUS = "lua/set-status.lua";
    public static final String TRIM = "lua/trim.lua";
    public static final String LEASE = "lua/lease.lua";
    public static final String BONUS = "lua/bonus.lua";
    public static final String REBUILD = "lua/rebuild.lua";

    private PoolScripts() {
    }
}
