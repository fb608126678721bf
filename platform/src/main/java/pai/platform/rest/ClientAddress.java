package pai.platform.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, for limits and guards that count per client. Behind the gateway it is
 * the address the gateway forwarded in {@code X-Forwarded-For}; a service believes that header only when it
 * sets {@code quarkus.http.proxy.proxy-address-forwarding} and only from its {@code trusted-proxies} (the
 * gateway's own addresses), so a client cannot choose the address it is counted under.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
