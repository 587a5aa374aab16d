package org.vosbench.core.internal;

import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * A zlib (RFC 1950/1951) decoder for data that is mostly long back-references, as label-mask
 * PNGs are (a DAVIS mask inflates some 200 times). Matches are copied with
 * {@code System.arraycopy} or {@code Arrays.fill} instead of byte by byte, which makes masks
 * decode several times faster than with {@link java.util.zip.Inflater}.
 *
 * <p>The Adler-32 trailer is not checked: the PNG chunk CRCs already guard the compressed bytes.
 * Decoding stops when the output is full.
 */
public final class FastInflater {

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1,
        15};
    private static final int MAX_BITS = 15;

    private static final Huffman FIXED_LITERALS;
    private static final Huffman FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        int[] distances = new int[30];
        Arrays.fill(distances, 5);
        try {
            FIXED_LITERALS = new Huffman(lengths, 288);
            FIXED_DISTANCES = new Huffman(distances, 30);
        } catch (DataFormatException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] in;
    private final int end;
    private final int limit;
    private int pos;
    private long bitBuffer;
    private int bitCount;
    private int padding;

    private FastInflater(byte[] in, int offset, int length, int outLength) {
        this.limit = outLength;
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
    }

    /**
     * Inflates a zlib stream.
     *
     * @param in compressed bytes
     * @param offset where the stream starts
     * @param length its length
     * @param out receives the data; decoding stops when it is full
     * @return the number of bytes produced
     * @throws DataFormatException when the stream is malformed or ends too soon
     */
    public static int inflate(byte[] in, int offset, int length, byte[] out) throws DataFormatException {
        return inflate(in, offset, length, out, out.length);
    }

    /**
     * Inflates a zlib stream into the start of a buffer.
     *
     * @param in compressed bytes
     * @param offset where the stream starts
     * @param length its length
     * @param out receives the data
     * @param outLength how much of {@code out} to fill at most
     * @return the number of bytes produced
     * @throws DataFormatException when the stream is malformed or ends too soon
     */
    public static int inflate(byte[] in, int offset, int length, byte[] out, int outLength)
            throws DataFormatException {
        if (outLength < 0 || outLength > out.length) {
            throw new IllegalArgumentException("Output length " + outLength + " outside 0.." + out.length);
        }
        return new FastInflater(in, offset, length, outLength).run(out);
    }

    private int run(byte[] out) throws DataFormatException {
        int cmf = bits(8);
        int flg = bits(8);
        if ((cmf & 0x0F) != 8 || (cmf << 8 | flg) % 31 != 0) {
            throw new DataFormatException("incorrect zlib header");
        }
        if ((flg & 0x20) != 0) {
            throw new DataFormatException("preset dictionary not supported");
        }
        int o = 0;
        boolean last = false;
        while (!last && o < limit) {
            last = bits(1) == 1;
            int type = bits(2);
            switch (type) {
                case 0 -> o = stored(out, o);
                case 1 -> o = compressed(out, o, FIXED_LITERALS, FIXED_DISTANCES);
                case 2 -> {
                    Huffman[] tables = dynamicTables();
                    o = compressed(out, o, tables[0], tables[1]);
                }
                default -> throw new DataFormatException("invalid block type");
            }
        }
        return o;
    }

    private int stored(byte[] out, int o) throws DataFormatException {
        bits(bitCount & 7);
        if (padding > 0) {
            throw new DataFormatException("truncated stored block");
        }
        // give back whole bytes still in the bit buffer
        pos -= bitCount >>> 3;
        bitBuffer = 0;
        bitCount = 0;
        if (end - pos < 4) {
            throw new DataFormatException("truncated stored block");
        }
        int len = (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8;
        int nlen = (in[pos + 2] & 0xFF) | (in[pos + 3] & 0xFF) << 8;
        if (len != (~nlen & 0xFFFF)) {
            throw new DataFormatException("invalid stored block lengths");
        }
        pos += 4;
        if (end - pos < len) {
            throw new DataFormatException("truncated stored block");
        }
        int n = Math.min(len, limit - o);
        System.arraycopy(in, pos, out, o, n);
        pos += len;
        return o + n;
    }

    private int compressed(byte[] out, int start, Huffman literals, Huffman distances) throws DataFormatException {
        int o = start;
        while (true) {
            int symbol = literals.decode(this);
            if (symbol < 256) {
                if (o == limit) {
                    return o;
                }
                out[o++] = (byte) symbol;
            } else if (symbol == 256) {
                return o;
            } else {
                int lengthIndex = symbol - 257;
                if (lengthIndex >= LENGTH_BASE.length) {
                    throw new DataFormatException("invalid literal/length code");
                }
                int length = LENGTH_BASE[lengthIndex] + bits(LENGTH_EXTRA[lengthIndex]);
                int distanceIndex = distances.decode(this);
                if (distanceIndex >= DIST_BASE.length) {
                    throw new DataFormatException("invalid distance code");
                }
                int distance = DIST_BASE[distanceIndex] + bits(DIST_EXTRA[distanceIndex]);
                if (distance > o) {
                    throw new DataFormatException("invalid distance too far back");
                }
                int n = Math.min(length, limit - o);
                if (distance == 1) {
                    Arrays.fill(out, o, o + n, out[o - 1]);
                } else {
                    // the source is fixed; each copy doubles what can be copied without overlap
                    int from = o - distance;
                    int to = o;
                    int remaining = n;
                    while (remaining > 0) {
                        int chunk = Math.min(remaining, to - from);
                        System.arraycopy(out, from, out, to, chunk);
                        to += chunk;
                        remaining -= chunk;
                    }
                }
                o += n;
                if (o == limit) {
                    return o;
                }
            }
            if (padding > 8) {
                throw new DataFormatException("unexpected end of compressed data");
            }
        }
    }

    private Huffman[] dynamicTables() throws DataFormatException {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeLengthCount = bits(4) + 4;
        if (literalCount > 286 || distanceCount > 30) {
            throw new DataFormatException("too many length or distance symbols");
        }
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman codeLengths = new Huffman(codeLengthLengths, 19);
        int[] lengths = new int[literalCount + distanceCount];
        int i = 0;
        while (i < lengths.length) {
            int symbol = codeLengths.decode(this);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int value = 0;
            int repeat;
            if (symbol == 16) {
                if (i == 0) {
                    throw new DataFormatException("repeat with no first length");
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else if (symbol == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new DataFormatException("too many code lengths");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
            if (padding > 8) {
                throw new DataFormatException("unexpected end of compressed data");
            }
        }
        if (lengths[256] == 0) {
            throw new DataFormatException("missing end-of-block code");
        }
        return new Huffman[] {new Huffman(Arrays.copyOf(lengths, literalCount), literalCount),
            new Huffman(Arrays.copyOfRange(lengths, literalCount, lengths.length), distanceCount)};
    }

    private void fill(int needed) {
        while (bitCount < needed) {
            long next;
            if (pos < end) {
                next = in[pos++] & 0xFF;
            } else {
                next = 0;
                padding++;
            }
            bitBuffer |= next << bitCount;
            bitCount += 8;
        }
    }

    private int bits(int count) throws DataFormatException {
        if (count == 0) {
            return 0;
        }
        fill(count);
        int value = (int) (bitBuffer & ((1L << count) - 1));
        bitBuffer >>>= count;
        bitCount -= count;
        if (padding > 0 && bitCount < padding * 8) {
            throw new DataFormatException("unexpected end of compressed data");
        }
        return value;
    }

    /** A canonical Huffman code as one lookup table indexed by the next {@code maxLength} bits. */
    private static final class Huffman {

        private final int[] table;
        private final int maxLength;

        Huffman(int[] lengths, int symbols) throws DataFormatException {
            int[] count = new int[MAX_BITS + 1];
            int max = 0;
            for (int s = 0; s < symbols; s++) {
                count[lengths[s]]++;
                max = Math.max(max, lengths[s]);
            }
            count[0] = 0;
            int left = 1;
            for (int len = 1; len <= MAX_BITS; len++) {
                left = (left << 1) - count[len];
                if (left < 0) {
                    throw new DataFormatException("over-subscribed Huffman code");
                }
            }
            int[] next = new int[MAX_BITS + 2];
            int code = 0;
            for (int len = 1; len <= MAX_BITS; len++) {
                code = (code + count[len - 1]) << 1;
                next[len] = code;
            }
            maxLength = Math.max(1, max);
            table = new int[1 << maxLength];
            for (int s = 0; s < symbols; s++) {
                int len = lengths[s];
                if (len == 0) {
                    continue;
                }
                int reversed = Integer.reverse(next[len]++) >>> (32 - len);
                for (int i = reversed; i < table.length; i += 1 << len) {
                    table[i] = s << 4 | len;
                }
            }
        }

        int decode(FastInflater in) throws DataFormatException {
            in.fill(maxLength);
            int entry = table[(int) (in.bitBuffer & (table.length - 1))];
            int len = entry & 15;
            if (len == 0) {
                throw new DataFormatException("invalid Huffman code");
            }
            in.bitBuffer >>>= len;
            in.bitCount -= len;
            if (in.padding > 0 && in.bitCount < in.padding * 8) {
                throw new DataFormatException("unexpected end of compressed data");
            }
            return entry >>> 4;
        }
    }
}
