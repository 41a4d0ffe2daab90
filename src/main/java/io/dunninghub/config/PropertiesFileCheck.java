package io.dunninghub.config;

import io.dunninghub.common.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code java.util.Properties} (and so Camel) accepts without a word but the hub must not: a file that is not
 * UTF-8 (a lender writes its name in Chinese; read as Latin-1 it reaches every SMS garbled), a line of binary or
 * control characters, and a key set twice (the last one silently wins). Lines are read by the rules of
 * {@code Properties.load}: {@code #} and {@code !} comments, a trailing backslash continues the line, the key ends
 * at the first unescaped {@code =}, {@code :} or white space.
 */
final class PropertiesFileCheck {

    private PropertiesFileCheck() {
    }

    /** Every problem of the file, each naming the line or the key. */
    static List<ConfigException> check(Path file) {
        List<ConfigException> problems = new ArrayList<>();
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new ConfigException(name, "(file)", "cannot read: " + e.getMessage()));
            return problems;
        }
        List<byte[]> rawLines = splitLines(bytes);
        List<String> lines = new ArrayList<>(rawLines.size());
        for (int i = 0; i < rawLines.size(); i++) {
            try {
                lines.add(decoder().decode(ByteBuffer.wrap(rawLines.get(i))).toString());
            } catch (CharacterCodingException e) {
                problems.add(new ConfigException(name, "line " + (i + 1), "not UTF-8 text (save the file as UTF-8; "
                        + "other encodings garble non-ASCII values such as a lender's name)"));
                lines.add("");
            }
        }
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int start = i + 1;
            if (hasControlCharacters(line)) {
                problems.add(new ConfigException(name, "line " + start, "binary or control characters; not a "
                        + "key = value line"));
                continue;
            }
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(trimmed);
            while (endsWithContinuation(logical) && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                i++;
                logical.append(lines.get(i).stripLeading());
            }
            String key = key(logical.toString());
            Integer earlier = firstLine.putIfAbsent(key, start);
            if (earlier != null) {
                problems.add(new ConfigException(name, key, "set twice (lines " + earlier + " and " + start
                        + "); keep one (the last one would silently win)"));
            }
        }
        return problems;
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static List<byte[]> splitLines(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int to = i > from && bytes[i - 1] == '\r' ? i - 1 : i;
                if (i < bytes.length || to > from) {
                    byte[] line = new byte[to - from];
                    System.arraycopy(bytes, from, line, 0, line.length);
                    out.add(line);
                }
                from = i + 1;
            }
        }
        return out;
    }

    /** Control characters other than tab (and a UTF-8 byte order mark at the start, which editors write). */
    private static boolean hasControlCharacters(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t' || c == '\uFEFF' && i == 0) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithContinuation(CharSequence line) {
        int slashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    /** The key of a logical line, unescaped as Properties.load does. */
    private static String key(String line) {
        StringBuilder key = new StringBuilder();
        String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '\\' && i + 1 < l.length()) {
                key.append(l.charAt(++i));
                continue;
            }
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            }
            key.append(c);
        }
        return key.toString();
    }
}
