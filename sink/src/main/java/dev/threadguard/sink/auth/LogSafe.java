package dev.threadguard.sink.auth;

/** Makes what a client typed as a user name safe to store and log: control characters out, length bounded. */
final class LogSafe {
    static final int MAX = 100;

    private LogSafe() {
    }

    static String name(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        raw.strip().codePoints().limit(MAX).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
