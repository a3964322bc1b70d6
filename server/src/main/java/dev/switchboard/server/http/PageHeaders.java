package dev.switchboard.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Headers for every HTTP answer, set before the handler runs so that a handler may replace them: browsers
 * revalidate the page's files on each load ({@code no-cache}: with its ETag, a 304 costs nothing), so an upgraded
 * server never has a browser mix old and new modules; and no content-type sniffing.
 */
public final class PageHeaders implements Filter {

    private static final HeaderName CONTENT_TYPE_OPTIONS = HeaderNames.create("X-Content-Type-Options");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(CONTENT_TYPE_OPTIONS, "nosniff");
        chain.proceed();
    }
}
