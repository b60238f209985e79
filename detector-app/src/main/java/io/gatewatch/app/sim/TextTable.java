package io.gatewatch.app.sim;

import java.util.ArrayList;
import java.util.List;

/** Columns padded to their widest cell, two spaces apart, no trailing blanks; numbers right-aligned. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    TextTable(String... header) {
        rows.add(header);
        rightAligned = new boolean[header.length];
    }

    TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    void row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
    }

    String render() {
        int[] width = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(width[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + row[i] : row[i] + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
