package dev.junction.bridge.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A buffered bridge's messages on disk: an H2 MVStore file {@code bridge.mv.db} in the journal
 * directory, holding the messages accepted and not yet delivered (sequence number to {@code
 * {"m": name, "p": params, "r": isRequest}}), the next sequence number, and the bridge's id (made
 * once, the prefix of every delivery id). {@link #commit} writes what changed to the file, which
 * then survives the process being killed (it is not fsync'ed per commit: a power loss may lose the
 * last commits). Puts and removes are thread-safe; one thread commits.
 */
final class Journal implements AutoCloseable {
    static final String FILE_NAME = "bridge.mv.db";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path file;
    private final MVStore store;
    private final MVMap<Long, String> pending;
    private final MVMap<String, String> meta;

    private Journal(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.pending = store.openMap("pending");
        this.meta = store.openMap("meta");
    }

    /**
     * Opens (or creates) the journal in {@code directory}.
     *
     * @throws IllegalStateException naming the file when it cannot be created, is locked by another
     *     process, or is not a journal
     */
    static Journal open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            MVStore store = new MVStore.Builder().fileName(file.toString()).open();
            return new Journal(file, store);
        } catch (IOException | MVStoreException e) {
            throw new IllegalStateException("Cannot open the bridge journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** This journal's bridge id, made on first use and kept. */
    String bridgeId() {
        String id = meta.get("bridgeId");
        if (id == null) {
            id = UUID.randomUUID().toString();
            meta.put("bridgeId", id);
            store.commit();
        }
        return id;
    }

    /** The messages not yet delivered, in order. */
    List<Entry> restore() {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Long, String> e : pending.entrySet()) {
            try {
                JsonNode node = mapper.readTree(e.getValue());
                JsonNode params = node.get("p");
                entries.add(new Entry(
                        e.getKey(),
                        node.get("m").asText(),
                        params == null || params.isNull() ? null : params,
                        node.get("r").asBoolean(),
                        false));
            } catch (JsonProcessingException | RuntimeException bad) {
                throw new IllegalStateException(
                        "The bridge journal " + file + " holds an unreadable message #" + e.getKey(), bad);
            }
        }
        return entries;
    }

    /** The sequence number after every one ever used in this journal. */
    long nextSeq() {
        Long last = pending.lastKey();
        String kept = meta.get("nextSeq");
        long fromMeta = kept == null ? 1 : Long.parseLong(kept);
        return Math.max(fromMeta, last == null ? 1 : last + 1);
    }

    void append(Entry entry) {
        ObjectNode node = mapper.createObjectNode();
        node.put("m", entry.method);
        node.set("p", entry.params);
        node.put("r", entry.request);
        pending.put(entry.seq, node.toString());
        meta.put("nextSeq", Long.toString(entry.seq + 1));
    }

    void remove(long seq) {
        pending.remove(seq);
    }

    void commit() {
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }
}
