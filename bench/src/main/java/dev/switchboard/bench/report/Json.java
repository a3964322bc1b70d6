package dev.switchboard.bench.report;

/**
 * A minimal JSON writer for reports: objects, arrays, strings and numbers, written in order.
 */
public final class Json {

    private final StringBuilder out = new StringBuilder();
    private boolean needComma;

    /**
     * Opens an object.
     *
     * @return this
     */
    public Json open() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    /**
     * Closes an object.
     *
     * @return this
     */
    public Json close() {
        out.append('}');
        needComma = true;
        return this;
    }

    /**
     * Opens an array.
     *
     * @return this
     */
    public Json openArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    /**
     * Closes an array.
     *
     * @return this
     */
    public Json closeArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /**
     * Writes a key; the value follows.
     *
     * @param name the key
     * @return this
     */
    public Json key(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    /**
     * A string field.
     *
     * @param name  the key
     * @param value the value
     * @return this
     */
    public Json field(String name, String value) {
        key(name);
        return value(value);
    }

    /**
     * A number field; {@code NaN} and infinities become {@code null}.
     *
     * @param name  the key
     * @param value the value
     * @return this
     */
    public Json field(String name, double value) {
        key(name);
        comma();
        number(value);
        needComma = true;
        return this;
    }

    /**
     * A string value, in an array or after {@link #key}.
     *
     * @param value the value
     * @return this
     */
    public Json value(String value) {
        comma();
        string(value);
        needComma = true;
        return this;
    }

    /**
     * Inserts an already written JSON value.
     *
     * @param json the JSON text
     * @return this
     */
    public Json raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
