package org.mediarelay.control.config;

import java.time.Duration;

/** Durations in configuration: a whole number and a unit, {@code 500ms}, {@code 3s}, {@code 5m}, {@code 2h}, or 0. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        int unit = 0;
        while (unit < t.length() && Character.isDigit(t.charAt(unit))) {
            unit++;
        }
        if (unit == 0 || unit > 9) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 3s, 5m or 2h");
        }
        long n = Long.parseLong(t.substring(0, unit));
        switch (t.substring(unit)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                throw new IllegalArgumentException("expected a duration such as 500ms, 3s, 5m or 2h");
        }
    }
}
