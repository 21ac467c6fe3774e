package org.mediarelay.control.config;

/** Sizes in configuration: a whole number of bytes, or with a binary unit, {@code 64KiB}, {@code 100MiB}, {@code 2GiB}. */
final class Sizes {

    private static final String EXPECTED = "expected a size such as 0, 65536, 64KiB, 100MiB or 2GiB";

    private Sizes() {
    }

    static long parse(String text) {
        String t = text.trim();
        int unit = 0;
        while (unit < t.length() && Character.isDigit(t.charAt(unit))) {
            unit++;
        }
        if (unit == 0 || unit > 12) {
            throw new IllegalArgumentException(EXPECTED);
        }
        long n = Long.parseLong(t.substring(0, unit));
        int shift = switch (t.substring(unit)) {
            case "" -> 0;
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> throw new IllegalArgumentException(EXPECTED);
        };
        return n << shift;
    }
}
