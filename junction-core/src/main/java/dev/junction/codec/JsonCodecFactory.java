package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;

/**
 * The JSON codec's Jackson factory: a plain {@link JsonFactory} that can also make a {@link
 * PlainParser} for a frame already checked to be UTF-8 (the encoding detection of {@link
 * JsonFactory#createParser(byte[], int, int)} is then redundant). Thread-safe as any factory.
 */
final class JsonCodecFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    JsonCodecFactory(JsonFactoryBuilder b) {
        super(b);
    }

    private JsonCodecFactory(JsonCodecFactory src, ObjectCodec codec) {
        super(src, codec);
    }

    @Override
    public JsonFactory copy() {
        return new JsonCodecFactory(this, null);
    }

    /**
     * A parser over {@code data[offset, offset + length)}, which must be UTF-8 without a byte order
     * mark: the parser {@link #createParser(byte[], int, int)} makes for such input, without its
     * encoding detection.
     */
    JsonParser createUtf8Parser(byte[] data, int offset, int length) throws IOException {
        if (!Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures) || _inputDecorator != null) {
            return createParser(data, offset, length);
        }
        IOContext context = _createContext(_createContentReference(data, offset, length), true);
        ByteQuadsCanonicalizer names = _byteSymbolCanonicalizer.makeChild(_factoryFeatures);
        return new PlainParser(context, _parserFeatures, _objectCodec, names, data, offset, offset + length);
    }

    /**
     * Jackson's UTF-8 byte parser, with one addition: a string token whose value the codec read
     * from the input itself can be marked as read, so that the parser does not scan it again.
     * Used by one thread at a time, as any parser.
     */
    static final class PlainParser extends UTF8StreamJsonParser {
        PlainParser(
                IOContext context,
                int features,
                ObjectCodec codec,
                ByteQuadsCanonicalizer names,
                byte[] input,
                int start,
                int end) {
            super(context, features, null, codec, names, input, start, end, 0, false);
        }

        /**
         * The current token is a string not yet read, whose characters start at {@code start} in the
         * input and are exactly {@code value}, its closing quote at {@code closingQuote}: it becomes
         * read, as if {@link #getText()} had read it. Returns false, changing nothing, when the
         * parser is not at {@code start} inside an unread string.
         */
        boolean markRead(int start, int closingQuote, String value) throws IOException {
            if (!_tokenIncomplete || _inputPtr != start || closingQuote >= _inputEnd) {
                return false;
            }
            _textBuffer.resetWithString(value);
            _tokenIncomplete = false;
            _inputPtr = closingQuote + 1;
            return true;
        }
    }
}
