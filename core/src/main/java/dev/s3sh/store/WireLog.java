package dev.s3sh.store;

import dev.s3sh.config.Secrets;
import dev.s3sh.text.TerminalText;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpHeaders;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code --debug}: each HTTP exchange on stderr, curl-style ({@code > GET URL}, request headers,
 * {@code < 200 OK}, response headers), with Authorization, security tokens and the signature and
 * credential parameters of signed URLs replaced by {@code REDACTED}. Bodies are not shown.
 */
public final class WireLog implements ExecutionInterceptor {
    private final PrintWriter out;

    public WireLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        request(context.httpRequest());
    }

    /** A request sent outside the SDK's pipeline (DirectPut), shown as the SDK's are. */
    void request(SdkHttpRequest request) {
        synchronized (out) {
            line("> " + request.method() + " " + Secrets.redactUrl(request.getUri().toString()));
            headers("> ", request);
            out.flush();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        response(context.httpResponse());
    }

    void response(SdkHttpResponse response) {
        synchronized (out) {
            line("< " + response.statusCode() + response.statusText().map(t -> " " + t).orElse(""));
            headers("< ", response);
            out.flush();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.httpResponse().isPresent()) return; // the status line was shown
        noResponse(context.exception());
    }

    void noResponse(Throwable e) {
        synchronized (out) {
            line("! no response: " + Secrets.redactUrl(e.getClass().getSimpleName() + ": " + e.getMessage()));
            out.flush();
        }
    }

    private void headers(String prefix, SdkHttpHeaders message) {
        for (Map.Entry<String, List<String>> h : message.headers().entrySet()) {
            for (String value : h.getValue()) {
                line(prefix + h.getKey() + ": " + Secrets.redactHeader(h.getKey(), value));
            }
        }
    }

    /** Headers and status text are the server's words: they reach stderr only through the escaping path. */
    private void line(String text) {
        out.println(TerminalText.visible(text));
    }
}
