package dev.threadguard.http;

import dev.threadguard.contract.Json;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Threadguard service builds its HTTP server, so that every service answers every error the same
 * way: as an RFC 9457 {@link Problem} ({@code application/problem+json}), without internals.
 *
 * <p>Covered: our own {@link ProblemException}s; Javalin's (unknown route 404, wrong method 405 with
 * {@code Allow}, its body-size 413); anything else a handler throws (500, logged with the request, never sent);
 * and what Jetty refuses before any handler runs (a malformed or ambiguous URI such as {@code /%ZZ} or
 * {@code /..%2f..}, request headers over {@link #MAX_REQUEST_HEADER_BYTES}: 400 and 431), through
 * {@link JettyProblemErrorHandler}.
 */
public final class HttpServers {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServers.class);

    /** The most request-header bytes accepted (Jetty's default, 8 KiB); past it the answer is 431. */
    public static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private HttpServers() {
    }

    /**
     * A Javalin server (not started) with Threadguard's JSON mapping, error answers and hardening.
     *
     * @param configure the service's own settings (static files, body limits), applied after ours
     * @param observer  told of every problem answered (metrics); may be {@code (ctx, p) -> {}}
     */
    public static Javalin create(Consumer<JavalinConfig> configure, BiConsumer<Context, Problem> observer) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // A known path asked with another method is a 405 with Allow, not a misleading 404.
            config.http.prefer405over404 = true;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler()));
            configure.accept(config);
        });
        installErrorAnswers(app, observer);
        return app;
    }

    /** A server with no service-specific settings. */
    public static Javalin create() {
        return create(config -> { }, (ctx, p) -> { });
    }

    private static void installErrorAnswers(Javalin app, BiConsumer<Context, Problem> observer) {
        app.exception(ProblemException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            answer(ctx, e.problem(), observer);
        });
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, javalinProblem(e, ctx), observer));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, Problem.of(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged"), observer);
        });
        // Statuses set without an exception (a static file that is not there): the same format, unless a
        // problem body was already written.
        for (int status : new int[] {404, 405, 413}) {
            app.error(status, ctx -> {
                String contentType = ctx.res().getContentType();
                if (contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE)) {
                    answer(ctx, statusProblem(status, ctx), observer);
                }
            });
        }
    }

    private static Problem javalinProblem(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 405) {
            String allowed = e.getDetails().get("availableMethods");
            if (allowed == null) {
                allowed = e.getDetails().values().stream().findFirst().orElse(null);
            }
            if (allowed != null) {
                ctx.header("Allow", allowed.replace("[", "").replace("]", ""));
            }
        }
        return statusProblem(e.getStatus(), ctx);
    }

    private static Problem statusProblem(int status, Context ctx) {
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "nothing is served at " + ctx.method() + " " + ctx.path();
            case METHOD_NOT_ALLOWED -> ctx.method() + " is not allowed on " + ctx.path()
                    + "; the Allow header lists the methods that are";
            case CONTENT_TOO_LARGE -> "the request body is too large";
            default -> "the request cannot be served";
        };
        return Problem.of(type, detail);
    }

    /** Writes {@code problem} as the response (status, media type, body), about this request's path. */
    public static void answer(Context ctx, Problem problem, BiConsumer<Context, Problem> observer) {
        Problem about = problem.instance() == null ? problem.at(ctx.path()) : problem;
        observer.accept(ctx, about);
        if (about.status() >= 500) {
            LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), about.status(), about.detail());
        } else if (LOG.isDebugEnabled()) {
            // The first few fields only: a bad batch can name thousands.
            LOG.debug("{} {} -> {}: {} {}", ctx.method(), ctx.path(), about.status(), about.detail(),
                    about.errors().stream().limit(5).toList());
        }
        ctx.status(about.status()).contentType(Problem.MEDIA_TYPE).result(Json.write(about));
    }

    /** Throws the problem for {@code type} and {@code detail}; for handlers that answer with an error. */
    public static ProblemException problem(ProblemType type, String detail, Map<String, String> headers) {
        return new ProblemException(Problem.of(type, detail), headers);
    }
}
