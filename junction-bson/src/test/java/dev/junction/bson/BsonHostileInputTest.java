package dev.junction.bson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hostile BSON: each refused with a clear -32700 or -32600 answer, never an exception. */
class BsonHostileInputTest {
    private final BsonCodec codec = BsonCodec.standard();

    private static byte[] request() {
        return Bson.doc()
                .string("bsonrpc", "2.0")
                .string("method", "m")
                .array("params", Bson.doc().string("0", "x").binary("1", 0, new byte[] {1, 2}))
                .int32("id", 1)
                .bytes();
    }

    private static InvalidMessage assertRefused(Message m, int code, String reason) {
        assertThat(m).isInstanceOf(InvalidMessage.class);
        InvalidMessage invalid = (InvalidMessage) m;
        assertThat(invalid.error().code()).as("%s", invalid).isEqualTo(code);
        assertThat(invalid.error().message())
                .contains(reason)
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("de.undercouch");
        return invalid;
    }

    private static void putInt32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    @Test
    void theValidRequestDecodes() {
        assertThat(codec.decode(request())).isInstanceOf(Request.class);
    }

    @Test
    void everyTruncationIsAParseError() {
        byte[] whole = request();
        for (int n = 0; n < whole.length; n++) {
            assertRefused(codec.decode(Arrays.copyOf(whole, n)), ErrorCodes.PARSE_ERROR, "Parse error");
        }
    }

    @Test
    void aTruncatedDocumentWhosePrefixWasAdjustedIsAParseError() {
        byte[] whole = request();
        for (int n = 5; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            putInt32(cut, 0, n); // the outer length agrees, the inside does not
            assertRefused(codec.decode(cut), ErrorCodes.PARSE_ERROR, "Parse error");
        }
    }

    @Test
    void aNegativeLengthIsAParseError() {
        byte[] b = request();
        putInt32(b, 0, -1);
        assertRefused(codec.decode(b), ErrorCodes.PARSE_ERROR, "length prefix says -1");
        putInt32(b, 0, Integer.MIN_VALUE);
        assertRefused(codec.decode(b), ErrorCodes.PARSE_ERROR, "length prefix");
    }

    @Test
    void aLengthBeyondTheFrameIsAParseError() {
        byte[] b = request();
        putInt32(b, 0, b.length + 1);
        assertRefused(codec.decode(b), ErrorCodes.PARSE_ERROR, "truncated document");
    }

    @Test
    void aLengthShortOfTheFrameIsAParseError() {
        byte[] b = Arrays.copyOf(request(), request().length + 3);
        assertRefused(codec.decode(b), ErrorCodes.PARSE_ERROR, "unexpected data after the document");
    }

    @Test
    void aLengthBeyondTheLimitIsRefusedBeforeAnythingElse() {
        BsonCodec small =
                new BsonCodec(Limits.defaults().toBuilder().maxFrameBytes(1024).build());
        byte[] b = request();
        putInt32(b, 0, 1 << 30);
        assertRefused(small.decode(b), ErrorCodes.INVALID_REQUEST, "Limits.maxFrameBytes");
        assertRefused(codec.decode(b), ErrorCodes.INVALID_REQUEST, "Limits.maxFrameBytes");
        assertRefused(small.decode(new byte[2048]), ErrorCodes.INVALID_REQUEST, "Limits.maxFrameBytes");
    }

    @Test
    void nestedLengthsThatLieAreParseErrors() {
        byte[] b = request();
        int array = indexOf(b, new byte[] {0x04, 'p', 'a', 'r', 'a', 'm', 's', 0}) + 8;
        for (int lie : new int[] {-5, 0, 4, 1000, Integer.MAX_VALUE}) {
            byte[] c = b.clone();
            putInt32(c, array, lie);
            assertRefused(codec.decode(c), ErrorCodes.PARSE_ERROR, "Parse error");
        }
        int string = indexOf(b, new byte[] {0x02, 'm', 'e', 't', 'h', 'o', 'd', 0}) + 8;
        for (int lie : new int[] {-1, 0, 100, Integer.MAX_VALUE}) {
            byte[] c = b.clone();
            putInt32(c, string, lie);
            assertRefused(codec.decode(c), ErrorCodes.PARSE_ERROR, "Parse error");
        }
        int binary = indexOf(b, new byte[] {0x05, '1', 0}) + 3;
        for (int lie : new int[] {-1, 100, Integer.MAX_VALUE}) {
            byte[] c = b.clone();
            putInt32(c, binary, lie);
            assertRefused(codec.decode(c), ErrorCodes.PARSE_ERROR, "binary value's length prefix");
        }
    }

    @Test
    void wrongTerminatorsAreParseErrors() {
        byte[] b = request();
        b[b.length - 1] = 1;
        assertRefused(codec.decode(b), ErrorCodes.PARSE_ERROR, "Parse error");
        byte[] s = Bson.doc().string("bsonrpc", "2.0").bytes();
        s[s.length - 2] = 'x'; // the string's own NUL
        assertRefused(codec.decode(s), ErrorCodes.PARSE_ERROR, "does not end with 0x00");
        byte[] early = Bson.doc().string("bsonrpc", "2.0").int32("id", 0).bytes();
        early[early.length - 9] = 0; // the int32's type byte: the document ends early
        assertRefused(codec.decode(early), ErrorCodes.PARSE_ERROR, "Parse error");
    }

    @Test
    void unknownTypeBytesAreParseErrors() {
        for (int type : new int[] {0x14, 0x20, 0x80, 0xFE}) {
            byte[] b =
                    Bson.doc().string("bsonrpc", "2.0").raw(type, "x", (byte) 0).bytes();
            assertRefused(codec.decode(b), ErrorCodes.PARSE_ERROR, "unknown BSON type");
        }
    }

    @Test
    void deprecatedTypesAreInvalidRequests() {
        for (int type : new int[] {0x06, 0x0C, 0x0E, 0x0F}) {
            byte[] b = Bson.doc().string("bsonrpc", "2.0").raw(type, "x").bytes();
            assertRefused(codec.decode(b), ErrorCodes.INVALID_REQUEST, "deprecated");
        }
    }

    @Test
    void badBooleansAndBadUtf8AreParseErrors() {
        assertRefused(
                codec.decode(Bson.doc().raw(0x08, "b", (byte) 2).bytes()), ErrorCodes.PARSE_ERROR, "boolean must be");
        byte[] s = Bson.doc().string("s", "ab").bytes();
        s[s.length - 4] = (byte) 0xC0; // an overlong lead byte
        assertRefused(codec.decode(s), ErrorCodes.PARSE_ERROR, "not valid UTF-8");
        byte[] n = Bson.doc().string("é", "x").bytes();
        n[5] = (byte) 0xFF;
        assertRefused(codec.decode(n), ErrorCodes.PARSE_ERROR, "not valid UTF-8");
    }

    @Test
    void deepNestingIsRefusedWithTheLimitNamed() {
        Bson inner = Bson.doc().int32("x", 1);
        for (int i = 0; i < 600; i++) {
            inner = Bson.doc().doc("d", inner);
        }
        byte[] deep = Bson.doc()
                .string("bsonrpc", "2.0")
                .string("method", "m")
                .doc("params", inner)
                .bytes();
        assertRefused(codec.decode(deep), ErrorCodes.INVALID_REQUEST, "Limits.maxNestingDepth (500)");
        BsonCodec roomy = new BsonCodec(
                Limits.defaults().toBuilder().maxNestingDepth(1000).build());
        assertThat(roomy.decode(deep)).isInstanceOf(Notification.class);
        BsonCodec tight =
                new BsonCodec(Limits.defaults().toBuilder().maxNestingDepth(1).build());
        assertRefused(tight.decode(request()), ErrorCodes.INVALID_REQUEST, "Limits.maxNestingDepth (1)");
    }

    @Test
    void longStringsAreRefusedWithTheLimitNamed() {
        BsonCodec tight =
                new BsonCodec(Limits.defaults().toBuilder().maxStringLength(3).build());
        byte[] b = Bson.doc().string("bsonrpc", "2.0").string("method", "four").bytes();
        assertRefused(tight.decode(b), ErrorCodes.INVALID_REQUEST, "Limits.maxStringLength (3");
        byte[] ok = Bson.doc().string("bsonrpc", "2.0").string("method", "ééé").bytes(); // 6 bytes, 3 chars
        assertThat(tight.decode(ok)).isNotInstanceOf(InvalidMessage.class);
    }

    @Test
    void aBadUuidOrOldBinaryIsAParseError() {
        assertRefused(codec.decode(Bson.doc().binary("u", 4, new byte[3]).bytes()), ErrorCodes.PARSE_ERROR, "UUID");
        assertRefused(
                codec.decode(
                        Bson.doc().binary("o", 2, new byte[] {9, 0, 0, 0, 1}).bytes()),
                ErrorCodes.PARSE_ERROR,
                "subtype 0x02");
    }

    @Test
    void everySingleByteCorruptionIsAnsweredWithoutThrowing() {
        byte[] whole = request();
        for (int i = 0; i < whole.length; i++) {
            for (int v : new int[] {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
                byte[] c = whole.clone();
                c[i] = (byte) v;
                assertThat(codec.decode(c)).isNotNull();
            }
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
