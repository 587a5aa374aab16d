package org.vosbench.eval.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Number formatting as Python and pandas do it, so that the CSV files and printed tables match
 * davis2017-evaluation byte for byte: {@code '%.3f'} rounds the exact binary value half-to-even
 * (Java's {@code String.format} rounds the shortest decimal instead), and
 * {@code DataFrame.to_string(index=False)} formats a float column with six decimals, trims
 * trailing zeros equally over the column, and right-aligns columns under headers that carry a
 * leading space for numeric columns.
 */
public final class PandasFormat {

    private static final Pattern NUMBER_WITH_DECIMAL = Pattern.compile("^\\s*[+-]?[0-9]+\\.[0-9]*$");
    private static final int DIGITS = 6;

    private PandasFormat() {
    }

    /**
     * @param value a number
     * @param decimals digits after the point
     * @return Python's {@code '%.<decimals>f' % value}; {@code nan}, {@code inf} as Python writes them
     */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /**
     * @param value a number
     * @param decimals digits after the point of the mantissa
     * @return Python's {@code '{:.<decimals>e}'.format(value)}
     */
    public static String scientific(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return fixed(value, decimals);
        }
        if (value == 0) {
            String zero = "0." + "0".repeat(decimals) + "e+00";
            return 1 / value < 0 ? "-" + zero : zero;
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(decimals, RoundingMode.HALF_EVEN);
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }

    /**
     * Formats one float column as {@code DataFrame.to_string(index=False)} does with pandas'
     * default display options.
     *
     * @param values the column
     * @return the cells, not yet padded
     */
    public static List<String> floatColumn(double[] values) {
        boolean small = false;
        for (double v : values) {
            double abs = Math.abs(v);
            if (abs > 0 && abs < 1e-6) {
                small = true;
            }
        }
        List<String> cells = new ArrayList<>(values.length);
        for (double v : values) {
            if (Double.isNaN(v)) {
                cells.add("NaN");
            } else {
                cells.add(small ? scientific(v, DIGITS) : fixed(v, DIGITS));
            }
        }
        return trimZeros(cells);
    }

    private static List<String> trimZeros(List<String> cells) {
        List<String> trimmed = new ArrayList<>(cells);
        while (shouldTrim(trimmed)) {
            trimmed.replaceAll(c -> NUMBER_WITH_DECIMAL.matcher(c).matches() ? c.substring(0, c.length() - 1) : c);
        }
        trimmed.replaceAll(c -> NUMBER_WITH_DECIMAL.matcher(c).matches() && c.endsWith(".") ? c + "0" : c);
        return trimmed;
    }

    private static boolean shouldTrim(List<String> cells) {
        boolean anyNumber = false;
        for (String c : cells) {
            if (NUMBER_WITH_DECIMAL.matcher(c).matches()) {
                anyNumber = true;
                if (!c.endsWith("0")) {
                    return false;
                }
            }
        }
        return anyNumber;
    }

    /**
     * Lays out a table as {@code DataFrame.to_string(index=False)}.
     *
     * @param headers column names
     * @param numeric whether each column is numeric (its header then gets a leading space)
     * @param columns formatted cells per column
     * @return the table, lines joined by {@code \n}, no trailing newline
     */
    public static String table(List<String> headers, List<Boolean> numeric, List<List<String>> columns) {
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        List<List<String>> padded = new ArrayList<>();
        for (int c = 0; c < headers.size(); c++) {
            String header = numeric.get(c) ? " " + headers.get(c) : headers.get(c);
            int width = header.length();
            for (String cell : columns.get(c)) {
                width = Math.max(width, cell.length());
            }
            List<String> column = new ArrayList<>();
            column.add(leftPad(header, width));
            for (String cell : columns.get(c)) {
                column.add(leftPad(cell, width));
            }
            padded.add(column);
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c < padded.size(); c++) {
                if (c > 0) {
                    out.append(' ');
                }
                out.append(padded.get(c).get(r));
            }
            if (r < rows) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String leftPad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
