package dev.junction.codec;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * What the message readers and writers need to know about the protocol beyond the format: the
 * version member's name ({@code jsonrpc}, {@code bsonrpc}), whether batches exist, and whether the
 * format is JSON text (checked for encoding problems on input, numeric ids written as their text).
 * Immutable.
 */
final class Protocol {
    /** JSON-RPC over JSON text. */
    static final Protocol JSON = new Protocol("JSON", "JSON-RPC", "jsonrpc", true, true);

    /** The format's name in error messages ({@code JSON}, {@code BSON}). */
    final String formatName;

    /** The protocol's name in error messages ({@code JSON-RPC}, {@code BSON-RPC}). */
    final String displayName;
    /** The member that carries {@code "2.0"}. */
    final String versionMember;

    final SerializableString versionMemberName;
    final boolean batches;
    /**
     * JSON text: input is checked for BOMs, UTF-16/32 and invalid UTF-8 before parsing, and numeric
     * ids are written as their exact text. Other formats write numeric ids as native numbers.
     */
    final boolean jsonText;

    Protocol(String formatName, String displayName, String versionMember, boolean batches, boolean jsonText) {
        this.formatName = formatName;
        this.displayName = displayName;
        this.versionMember = versionMember;
        this.versionMemberName = new SerializedString(versionMember);
        this.batches = batches;
        this.jsonText = jsonText;
    }
}
