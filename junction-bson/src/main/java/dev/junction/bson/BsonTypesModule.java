package dev.junction.bson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import de.undercouch.bson4jackson.BsonGenerator;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;

/**
 * The Jackson module a peer's {@code ObjectMapper} needs for BSON datetimes: {@link Instant} and
 * {@link Date} values become datetime values in trees (a {@code POJONode} holding a {@code Date},
 * which {@link BsonCodec} writes as BSON datetime 0x09), and bind back from them. Also binds
 * {@code Instant} and {@code Date} from epoch milliseconds and ISO-8601 strings, so that the same
 * mapper works with JSON peers. ({@code byte[]} and {@code ByteBuffer} need nothing: Jackson already
 * makes binary nodes of them and binds them back.)
 *
 * <p>BSON datetimes count milliseconds: an {@code Instant}'s finer part is dropped on the wire.
 */
public final class BsonTypesModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public BsonTypesModule() {
        super("junction-bson-types");
        addSerializer(Date.class, new DateTimeSerializer<>(Date.class));
        addSerializer(Instant.class, new DateTimeSerializer<>(Instant.class));
        addDeserializer(Date.class, new DateTimeDeserializer<>(Date.class));
        addDeserializer(Instant.class, new DateTimeDeserializer<>(Instant.class));
    }

    private static Date toDate(Object value) {
        return value instanceof Instant ? Date.from((Instant) value) : (Date) value;
    }

    /** Writes a datetime natively to BSON, as an embedded Date into trees, as Jackson's default elsewhere. */
    private static final class DateTimeSerializer<T> extends StdScalarSerializer<T> {
        private static final long serialVersionUID = 1L;

        DateTimeSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            Date date = toDate(value);
            if (g instanceof BsonGenerator) {
                ((BsonGenerator) g).writeDateTime(date);
            } else if (g instanceof TokenBuffer) {
                g.writeEmbeddedObject(date);
            } else {
                provider.defaultSerializeDateValue(date, g);
            }
        }
    }

    /** Binds an embedded Date or Instant, epoch milliseconds or an ISO-8601 string. */
    private static final class DateTimeDeserializer<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;

        DateTimeDeserializer(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            Instant instant;
            if (t == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Date) {
                instant = ((Date) p.getEmbeddedObject()).toInstant();
            } else if (t == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Instant) {
                instant = (Instant) p.getEmbeddedObject();
            } else if (t == JsonToken.VALUE_NUMBER_INT) {
                instant = Instant.ofEpochMilli(p.getLongValue());
            } else if (t == JsonToken.VALUE_STRING) {
                try {
                    instant = Instant.parse(p.getText().trim());
                } catch (DateTimeException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, p.getText(), "not an ISO-8601 instant"));
                }
            } else {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            return type.cast(type == Date.class ? Date.from(instant) : instant);
        }
    }
}
