package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.Limits;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JSON codec reads small frames with parsers it keeps ({@link ParserPool}): nothing of one frame
 * may show in the next, whatever the first was, on one thread or many.
 */
class JsonCodecParserReuseTest {
    private static final Limits LIMITS =
            Limits.builder().maxNestingDepth(8).maxStringLength(100).build();

    private static final String[] GOOD = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello\"],\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":{\"a\":1.5,\"b\":[true,null,{\"c\":\"d\"}]},\"id\":\"x\"}",
        "{\"method\":\"note\",\"jsonrpc\":\"2.0\",\"params\":[\"caf\\u00e9 \u00e9\\n\",12345678901234567890]}",
        "{\"jsonrpc\":\"2.0\",\"result\":{\"k\":[1,2,3],\"s\":\"v\"},\"id\":77777}",
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\",\"data\":[\"m\"]},\"id\":null}",
        "[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1},{\"jsonrpc\":\"2.0\",\"method\":\"b\"},7]",
        " \t\r\n{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[],\"id\":-12} \n",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"unknown\":{\"deep\":[[1]]},\"id\":2.50}",
    };

    private static final String[] BAD = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hel",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1,{\"a\":",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1} x",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1}{\"id\":2}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1}}",
        "",
        "   ",
        "42",
        "[1,",
        "[]",
        "{\"a\":tru}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[[[[[[[[[[1]]]]]]]]]],\"id\":3}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[\"" + "x".repeat(101) + "\"],\"id\":4}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"method\":\"n\",\"id\":5}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":1,\"a\":2},\"id\":6}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[\"\\uZZZZ\"],\"id\":7}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[01],\"id\":8}",
    };

    /** The answer to {@code frame} of a new codec like {@code codec}, whose parser read nothing before. */
    private static Message fresh(JsonCodec codec, String frame) {
        return codec.toBuilder().build().decode(utf8(frame));
    }

    @Test
    void everyFrameDecodesAsAParserOfItsOwnReadsItAfterEveryOtherFrame() {
        JsonCodec codec = JsonCodec.builder().limits(LIMITS).build();
        List<String> all = new ArrayList<>(List.of(GOOD));
        all.addAll(List.of(BAD));
        List<Message> expected = new ArrayList<>();
        for (String frame : all) {
            expected.add(fresh(codec, frame));
        }
        for (String before : all) {
            for (int i = 0; i < all.size(); i++) {
                codec.decode(utf8(before));
                assertThat(codec.decode(utf8(all.get(i))))
                        .as("%s after %s", all.get(i), before)
                        .isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aReaderIsKeptAfterAFrameThatEndedCleanlyAndDroppedAfterAnyOther() {
        JsonCodec codec = JsonCodec.builder().limits(LIMITS).build();
        ParserPool pool = codec.parserPool();

        codec.decode(utf8(GOOD[0]));
        assertThat(pool.kept()).isEqualTo(1);
        for (String bad : new String[] {BAD[0], BAD[2], BAD[5], BAD[11], BAD[12], BAD[13]}) {
            codec.decode(utf8(bad));
            assertThat(pool.kept()).as(bad).isZero();
            codec.decode(utf8(GOOD[1]));
            assertThat(pool.kept()).isEqualTo(1);
        }
        // An invalid message in well-formed JSON leaves the parser at a clean end: kept.
        codec.decode(utf8(BAD[15]));
        assertThat(pool.kept()).isEqualTo(1);
    }

    @Test
    void distinctFieldNamesFrameAfterFrameDoNotGrowAKeptSymbolTableBeyondItsBound() {
        JsonCodec codec = JsonCodec.standard().toBuilder().build();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder frame = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"m\"");
            for (int k = 0; k < 5; k++) {
                frame.append(",\"n")
                        .append(i)
                        .append('_')
                        .append(k)
                        .append("\":")
                        .append(k);
            }
            frame.append(",\"id\":").append(i).append('}');
            assertThat(codec.decode(utf8(frame.toString()))).isEqualTo(new Request(Id.of(i), "m", null));
            assertThat(codec.parserPool().keptNames()).isLessThanOrEqualTo(JsonCodecFactory.PlainParser.MAX_KEPT_NAMES);
        }
        StringBuilder many = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{");
        for (int k = 0; k < 600; k++) {
            many.append(k == 0 ? "" : ",").append("\"p").append(k).append("\":0");
        }
        many.append("},\"id\":1}");
        assertThat(many.length()).isLessThan(ParserPool.MAX_FRAME);
        Message m = codec.decode(utf8(many.toString()));
        assertThat(((Request) m).params().size()).isEqualTo(600);
        assertThat(codec.parserPool().keptNames()).isLessThanOrEqualTo(JsonCodecFactory.PlainParser.MAX_KEPT_NAMES);
    }

    @Test
    void framesAtOtherOffsetsOfOtherBuffersKeepTheirOwnStrings() {
        JsonCodec codec = JsonCodec.standard().toBuilder().build();
        for (int i = 0; i < 200; i++) {
            int offset = (i * 37) % 101;
            String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"m" + (i % 3) + "\",\"params\":[\"s" + i + "\",{\"k\":\"v"
                    + i + "\"}],\"id\":\"i" + i + "\"}";
            byte[] padded = utf8("#".repeat(offset) + frame + "}}]garbage");
            assertThat(codec.decode(padded, offset, frame.length()))
                    .as(frame)
                    .isEqualTo(fresh(codec, frame))
                    .isEqualTo(codec.decode(utf8(frame + " ".repeat(ParserPool.MAX_FRAME)))); // read unpooled
        }
    }

    @Test
    void methodNamesReadBeforeAreNotTakenForLongerShorterOrEscapedOnes() {
        JsonCodec codec = JsonCodec.standard().toBuilder().build();
        String[] names = {
            "echo",
            "echo",
            "echo2",
            "ech",
            "ech\\u006f",
            "echo\\n",
            "e\\\"cho",
            "a",
            "b",
            "c",
            "d",
            "echo",
            "\u00e9cho",
            "echo"
        };
        String[] expected = {
            "echo", "echo", "echo2", "ech", "echo", "echo\n", "e\"cho", "a", "b", "c", "d", "echo", "\u00e9cho", "echo"
        };
        for (int i = 0; i < names.length; i++) {
            Message m = codec.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"" + names[i] + "\",\"id\":1}"));
            assertThat(((Request) m).method()).isEqualTo(expected[i]);
        }
        // A method name over the string length limit is refused even after shorter ones were kept.
        JsonCodec small = JsonCodec.builder()
                .limits(Limits.builder().maxStringLength(4).build())
                .build();
        assertThat(small.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1}")))
                .isInstanceOf(Request.class);
        assertThat(small.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"echo2\",\"id\":1}")))
                .isInstanceOf(InvalidMessage.class);
        assertThat(small.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1}")))
                .isInstanceOf(Request.class);
    }

    @Test
    void aFrameParserCannotStartAFrameInTheMiddleOfAnother() throws Exception {
        JsonCodecFactory factory = new JsonCodecFactory(new JsonFactoryBuilder());
        JsonCodecFactory.PlainParser p = factory.createFrameParser();
        byte[] frame = utf8("{\"a\":[1,2]}");
        p.startFrame(frame, 0, frame.length);
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        assertThat(p.nextFieldName()).isEqualTo("a");
        assertThat(p.atCleanEnd()).isFalse();
        assertThat(p.endFrame()).isFalse();
        assertThatThrownBy(() -> p.startFrame(frame, 0, frame.length)).isInstanceOf(IllegalStateException.class);

        // Locations count from each frame's start, as in a new parser.
        JsonCodecFactory.PlainParser q = factory.createFrameParser();
        byte[] padded = utf8("  {\"a\":[1,2]}");
        for (int i = 0; i < 3; i++) {
            q.startFrame(i % 2 == 0 ? frame : padded, i % 2 == 0 ? 0 : 2, i % 2 == 0 ? frame.length : padded.length);
            assertThat(q.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(q.nextFieldName()).isEqualTo("a");
            assertThat(q.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            assertThat(q.getTokenCharacterOffset()).isEqualTo(6); // as Jackson counts it: just past the bracket
            q.skipChildren();
            assertThat(q.nextToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(q.atCleanEnd()).isTrue();
            assertThat(q.endFrame()).isTrue();
        }
    }

    @Test
    void threadsDecodingAtOnceEachReadTheirOwnFrames() throws Exception {
        JsonCodec codec = JsonCodec.standard().toBuilder().build();
        int threads = 4;
        int frames = 5_000;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < frames && failures.isEmpty(); i++) {
                        String method = "m" + me + (i % 7 == 0 ? "x" : "");
                        String text = "s" + me + "-" + i;
                        String frame = i % 11 == 0
                                ? "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":[\""
                                        + text // truncated
                                : "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":[" + me + ",\"" + text
                                        + "\"],\"id\":" + i + "}";
                        Message m = codec.decode(utf8(frame));
                        boolean right = i % 11 == 0
                                ? m instanceof InvalidMessage
                                : m instanceof Request
                                        && ((Request) m).id().equals(Id.of(i))
                                        && ((Request) m).method().equals(method)
                                        && ((Request) m).params().get(0).intValue() == me
                                        && ((Request) m)
                                                .params()
                                                .get(1)
                                                .textValue()
                                                .equals(text);
                        if (!right) {
                            failures.add(frame + " -> " + m);
                        }
                    }
                } catch (InterruptedException e) {
                    failures.add("interrupted");
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        for (Thread thread : all) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(failures).isEmpty();
    }
}
