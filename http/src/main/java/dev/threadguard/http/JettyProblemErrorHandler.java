package dev.threadguard.http;

import dev.threadguard.contract.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers to requests it refuses before Javalin sees them (a malformed or ambiguous URI, headers too
 * large, a broken request line), as problem+json instead of Jetty's HTML page. Jetty's reason phrase is kept as
 * the detail: it names the fault ("Ambiguous URI path separator", "Request Header Fields Too Large") and no
 * internals.
 */
final class JettyProblemErrorHandler extends ErrorHandler {

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus();
        Object message = request.getAttribute("jakarta.servlet.error.message");
        byte[] body = body(status, message == null ? null : message.toString(), baseRequest.getRequestURI());
        baseRequest.setHandled(true);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body(status, reason, null));
    }

    private static byte[] body(int status, String reason, String path) {
        ProblemType type = ProblemType.forStatus(status);
        String detail = reason == null || reason.isBlank() || status >= 500
                ? "the request cannot be served" : "the request was refused: " + reason;
        Problem problem = new Problem(type.uri(), type.title(), status, detail, null, null, null);
        // Jetty gives a path only when it could parse one; a refused URI is not echoed back.
        return Json.write(path == null ? problem : problem.at(path));
    }
}
