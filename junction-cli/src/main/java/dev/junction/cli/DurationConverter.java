package dev.junction.cli;

import dev.junction.transport.Endpoint;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as the endpoint URI options do ({@code 500ms}, {@code 5s}, {@code 2m}, {@code
 * 1h}, a bare number of milliseconds), or as ISO-8601 ({@code PT5S}). Zero means "none" where an
 * option says so.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.trim();
        if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
            return parseIso(value, text);
        }
        try {
            return Endpoint.parseDuration("duration", text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration (examples: 500ms, 5s, 2m, 1h, 250 for ms, PT5S)");
        }
    }

    private static Duration parseIso(String value, String text) {
        try {
            Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration (examples: 500ms, 5s, 2m, 1h, 250 for ms, PT5S)");
        }
    }

    /** A duration as the help and messages show it: {@code 500 ms}, {@code 5 s}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
