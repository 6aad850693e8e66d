package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.core.util.BufferRecycler;
import java.io.IOException;

/**
 * The JSON codec's Jackson factory: a plain {@link JsonFactory} that can also make a {@link
 * PlainParser} for a frame already checked to be UTF-8 (the encoding detection of {@link
 * JsonFactory#createParser(byte[], int, int)} is then redundant), and a {@link PlainParser} that
 * reads one frame after another ({@link #createFrameParser()}). Thread-safe as any factory.
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
     * A parser for frames one after another (see {@link PlainParser#startFrame}), or null when this
     * factory's settings do not allow one. It owns everything it uses: its buffers come from a
     * recycler of its own (not the factory's, which may be another thread's), its field names go to
     * a child of the factory's symbol table that is never merged back (the parser is never closed),
     * and its location names no content, so that nothing of one frame is kept for the next.
     */
    PlainParser createFrameParser() {
        if (!Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures) || _inputDecorator != null) {
            return null;
        }
        IOContext context = new IOContext(
                streamReadConstraints(),
                streamWriteConstraints(),
                _errorReportConfiguration,
                new BufferRecycler(),
                ContentReference.unknown(),
                true);
        ByteQuadsCanonicalizer names = _byteSymbolCanonicalizer.makeChild(_factoryFeatures);
        PlainParser p = new PlainParser(context, _parserFeatures, _objectCodec, names, NO_INPUT, 0, 0);
        p.reusable = true;
        return p;
    }

    private static final byte[] NO_INPUT = new byte[0];

    /**
     * Jackson's UTF-8 byte parser, with two additions: a string token whose value the codec read
     * from the input itself can be marked as read, so that the parser does not scan it again; and
     * a parser made by {@link #createFrameParser()} reads frames one after another, each from a
     * fresh state, as long as each frame before ended cleanly ({@link #atCleanEnd}). Used by one
     * thread at a time, as any parser.
     */
    static final class PlainParser extends UTF8StreamJsonParser {
        /**
         * The most field names a frame parser keeps between frames: its symbol table grows with every
         * new name it reads, so a parser that has read more is not reused (hostile frames full of
         * distinct names cannot make it grow without bound). JSON-RPC envelopes have a handful.
         */
        static final int MAX_KEPT_NAMES = 256;

        private boolean reusable;
        private boolean cleanEnd;

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
         * When the current token is a string not yet read whose characters in the input are exactly
         * those of {@code value}, a plain ASCII string (no control characters, quotes or backslashes),
         * it becomes read with {@code value} as its text, as {@link #markRead} does. Returns false,
         * changing nothing, otherwise.
         */
        boolean markReadIfEquals(String value) throws IOException {
            int start = _inputPtr;
            int close = start + value.length();
            if (!_tokenIncomplete || _currToken != JsonToken.VALUE_STRING || close >= _inputEnd) {
                return false;
            }
            byte[] in = _inputBuffer;
            if (in[close] != '"') {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                if (in[start + i] != (byte) value.charAt(i)) {
                    return false;
                }
            }
            return markRead(start, close, value);
        }

        /**
         * Starts reading {@code input[start, end)} as a new document, from the state of a new parser:
         * position, location, token, number and text state, and the root context are reset; the
         * symbol table (names only) and the buffers are kept. Only for a parser made by {@link
         * #createFrameParser()} that has not read a frame yet or whose last frame ended at {@link
         * #atCleanEnd()} and was then {@link #endFrame() ended}.
         *
         * @throws IllegalStateException otherwise
         */
        void startFrame(byte[] input, int start, int end) {
            if (!reusable || _closed || !_parsingContext.inRoot()) {
                throw new IllegalStateException("not a reusable parser at the end of a frame");
            }
            _inputBuffer = input;
            _inputPtr = start;
            _inputEnd = end;
            _currInputProcessed = -start;
            _currInputRow = 1;
            _currInputRowStart = start;
            _tokenInputTotal = 0;
            _tokenInputRow = 1;
            _tokenInputCol = 0;
            _currToken = null;
            _lastClearedToken = null;
            _nextToken = null;
            _tokenIncomplete = false;
            _tokenCount = 0;
            _nameCopied = false;
            _binaryValue = null;
            _numTypesValid = NR_UNKNOWN;
            _numberString = null;
            _numberBigInt = null;
            _numberBigDecimal = null;
            _numberIsNaN = false;
            _numberNegative = false;
            _parsingContext.reset(JsonStreamContext.TYPE_ROOT, 1, 0);
            _textBuffer.resetWithEmpty();
            cleanEnd = false;
        }

        /**
         * Whether only JSON white space follows the root value just read: then the document ends
         * here cleanly, as {@code nextToken()} returning null would say (without closing the parser),
         * and the parser is positioned at its end. False, changing nothing, when anything else
         * follows or the parser is not at the end of a root value; the caller then asks {@code
         * nextToken()} as usual.
         */
        boolean atCleanEnd() {
            if (_closed || _tokenIncomplete || !_parsingContext.inRoot() || _currToken == null) {
                return false;
            }
            for (int i = _inputPtr; i < _inputEnd; i++) {
                byte b = _inputBuffer[i];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return false;
                }
            }
            _inputPtr = _inputEnd;
            cleanEnd = true;
            return true;
        }

        /** How many field names the symbol table holds. */
        int keptNames() {
            return _symbols.size();
        }

        /**
         * Forgets the frame (this parser keeps no reference to it) and says whether the parser can
         * read another: it is a frame parser, the frame ended cleanly, and its symbol table holds at
         * most {@link #MAX_KEPT_NAMES} names.
         */
        boolean endFrame() {
            _inputBuffer = NO_INPUT;
            _inputPtr = 0;
            _inputEnd = 0;
            _numberString = null;
            _numberBigInt = null;
            _numberBigDecimal = null;
            _binaryValue = null;
            _textBuffer.resetWithEmpty();
            return reusable && cleanEnd && !_closed && _symbols.size() <= MAX_KEPT_NAMES;
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
