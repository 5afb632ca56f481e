package dev.statickeys.webapp;

import dev.statickeys.StaticKey;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Flips the webapp's keys through the API ({@code ?op=enable&key=feature}, ...) and answers with what
 * every site reads afterwards, and where the API came from ({@code api=webapp} when this deployment's own
 * copy in WEB-INF/lib serves it).
 */
public final class KeyServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String op = request.getParameter("op");
        if (op != null) {
            apply(op, request.getParameter("key"));
        }
        boolean own = StaticKey.class.getClassLoader() == getClass().getClassLoader();
        response.setContentType("text/plain");
        response.getWriter().print(WebappSites.all() + " api=" + (own ? "webapp" : "elsewhere"));
    }

    private static void apply(String op, String name) {
        switch (op) {
            case "enable":
                key(name).enable();
                break;
            case "disable":
                key(name).disable();
                break;
            case "use-rare":
                WebappKeys.RARE_USERS.increment();
                break;
            case "release-rare":
                WebappKeys.RARE_USERS.decrement();
                break;
            default:
                throw new IllegalArgumentException("op=" + op + ": expected enable, disable, use-rare or release-rare");
        }
    }

    private static StaticKey key(String name) {
        switch (String.valueOf(name)) {
            case "feature":
                return WebappKeys.FEATURE;
            case "trace":
                return WebappKeys.TRACE;
            default:
                throw new IllegalArgumentException("key=" + name + ": expected feature or trace");
        }
    }
}
