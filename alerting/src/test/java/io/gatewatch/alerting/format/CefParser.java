package io.gatewatch.alerting.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A receiver's view of a CEF line, written from the CEF spec, independent of the formatter. */
public record CefParser(List<String> header, Map<String, String> extension) {

    public static CefParser parse(String line) {
        int start = line.indexOf("CEF:");
        if (start < 0) {
            throw new AssertionError("no CEF: in " + line);
        }
        String s = line.substring(start);
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (header.size() < 7) {
            char c = s.charAt(i++);
            if (c == '\\') {
                char n = s.charAt(i++);
                if (n != '\\' && n != '|') {
                    throw new AssertionError("bad header escape \\" + n + " in " + s);
                }
                field.append(n);
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        return new CefParser(header, extension(s.substring(i)));
    }

    private static Map<String, String> extension(String ext) {
        Map<String, String> out = new LinkedHashMap<>();
        // A key is a word followed by an unescaped '='; a value runs until the next " key=".
        List<int[]> keys = new ArrayList<>();
        for (int i = 0; i < ext.length(); i++) {
            if (ext.charAt(i) == '=' && !escaped(ext, i)) {
                int k = i;
                while (k > 0 && Character.isLetterOrDigit(ext.charAt(k - 1))) {
                    k--;
                }
                if (k == 0 || ext.charAt(k - 1) == ' ') {
                    keys.add(new int[] {k, i});
                } else {
                    throw new AssertionError("unescaped '=' inside a value at " + i + ": " + ext);
                }
            }
        }
        for (int j = 0; j < keys.size(); j++) {
            int[] k = keys.get(j);
            int end = j + 1 < keys.size() ? keys.get(j + 1)[0] - 1 : ext.length();
            out.put(ext.substring(k[0], k[1]), unescape(ext.substring(k[1] + 1, end)));
        }
        return out;
    }

    private static boolean escaped(String s, int i) {
        int n = 0;
        for (int k = i - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static String unescape(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '\\', '=' -> n;
                    default -> throw new AssertionError("bad extension escape \\" + n + " in " + v);
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
