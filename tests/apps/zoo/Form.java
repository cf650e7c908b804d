// The zoo form in Java Swing (Metal look and feel); the grid is a real JTable.
//     java Form.java RUN.json
// Reads the run file (tests/apps/zoo/runfile.py describes its keys) with a small JSON
// reader of its own, since the JDK has none, and writes the same dump and output files
// as the Python renderers.

import java.awt.*;
import java.awt.event.*;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.List;
import javax.swing.*;
import javax.swing.table.*;

public class Form {
    static Map<String, Object> run, spec, places;
    static JFrame frame;
    static final Map<String, JComponent> widgets = new LinkedHashMap<>();
    static final Map<String, JTextField> entries = new LinkedHashMap<>();
    static final Map<String, JComboBox<String>> combos = new LinkedHashMap<>();
    static final Map<String, JTextArea> notes = new LinkedHashMap<>();
    static final Map<String, JCheckBox> checks = new LinkedHashMap<>();
    static final Map<String, JTable> tables = new LinkedHashMap<>();
    static final Map<String, int[]> tableParts = new HashMap<>(); // key -> {isHeader, column, row}
    static final Map<String, JTable> partOf = new HashMap<>();
    static JLabel status;
    static int saves = 0;
    static String trap = "";

    public static void main(String[] args) throws Exception {
        run = obj(new Json(Files.readString(Path.of(args[0]))).value());
        spec = obj(run.get("spec"));
        places = obj(spec.get("places"));
        SwingUtilities.invokeLater(Form::build);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) { return (Map<String, Object>) o; }
    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) { return (List<Object>) o; }
    static String str(Map<String, Object> m, String k) { return (String) m.get(k); }
    static int num(Map<String, Object> m, String k) { return ((Number) m.get(k)).intValue(); }

    static void build() {
        Font font = new Font(str(spec, "font"), Font.PLAIN, num(spec, "font_px"));
        for (Object key : Collections.list(UIManager.getDefaults().keys())) {
            if (key.toString().endsWith(".font")) UIManager.put(key, font);
        }
        Map<String, Object> theme = obj(run.get("theme"));
        frame = new JFrame(str(spec, "title"));
        frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
        JPanel panel = new JPanel(null);
        panel.setPreferredSize(new Dimension(num(spec, "width"), num(spec, "height")));
        Color bg = str(theme, "bg").isEmpty() ? null : Color.decode(str(theme, "bg"));
        Color fg = str(theme, "fg").isEmpty() ? null : Color.decode(str(theme, "fg"));
        if (bg != null) panel.setBackground(bg);
        frame.setContentPane(panel);
        for (Object o : list(spec.get("fields"))) {
            Map<String, Object> f = obj(o);
            String label = str(f, "label"), kind = str(f, "kind");
            if (kind.equals("check")) {
                JCheckBox box = new JCheckBox(label);
                box.setOpaque(false);
                if (fg != null) box.setForeground(fg);
                checks.put(label, box);
                put("field:" + label, box);
                continue;
            }
            JLabel text = new JLabel(label);
            if (fg != null) text.setForeground(fg);
            put("label:" + label, text);
            if (kind.equals("grid")) {
                grid(label, f);
            } else if (kind.equals("combo")) {
                JComboBox<String> combo = new JComboBox<>();
                for (Object item : list(f.get("items"))) combo.addItem((String) item);
                combo.setSelectedIndex(-1);
                combos.put(label, combo);
                put("field:" + label, combo);
            } else if (kind.equals("note")) {
                JTextArea area = new JTextArea();
                area.setLineWrap(true);
                notes.put(label, area);
                put("field:" + label, new JScrollPane(area));
            } else {
                JTextField field = new JTextField();
                field.addFocusListener(new FocusAdapter() {
                    public void focusGained(FocusEvent e) { springTrap(label); }
                });
                entries.put(label, field);
                put("field:" + label, field);
            }
        }
        JButton button = new JButton(str(spec, "primary"));
        button.addActionListener(e -> submit());
        put("button:primary", button);
        JLabel statusLabel = new JLabel(str(spec, "status_label"));
        status = new JLabel(str(spec, "ready"));
        if (fg != null) { statusLabel.setForeground(fg); status.setForeground(fg); }
        put("status:label", statusLabel);
        put("status:value", status);
        frame.pack();
        frame.setLocation(40, 40);
        frame.setVisible(true);
        new javax.swing.Timer(400, e -> { frame.getRootPane().requestFocusInWindow(); dump(); startPolling(); }) {{
            setRepeats(false);
        }}.start();
    }

    static void startPolling() {
        new javax.swing.Timer(100, e -> poll()).start();
    }

    static void put(String key, JComponent c) {
        Map<String, Object> p = obj(places.get(key));
        c.setBounds(num(p, "x"), num(p, "y"), num(p, "w"), num(p, "h"));
        frame.getContentPane().add(c);
        widgets.put(key, c);
    }

    static void grid(String label, Map<String, Object> f) {
        List<Object> columns = list(f.get("columns"));
        int rows = num(f, "rows");
        DefaultTableModel model = new DefaultTableModel(columns.toArray(), rows);
        JTable table = new JTable(model);
        table.setRowHeight(num(obj(places.get("cell:" + label + ":" + columns.get(0) + ":0")), "h"));
        Map<String, Object> first = obj(places.get("header:" + label + ":" + columns.get(0)));
        Map<String, Object> last = obj(places.get("cell:" + label + ":" + columns.get(columns.size() - 1) + ":" + (rows - 1)));
        for (int i = 0; i < columns.size(); i++) {
            int w = num(obj(places.get("header:" + label + ":" + columns.get(i))), "w") + 6;
            table.getColumnModel().getColumn(i).setPreferredWidth(w);
            String c = (String) columns.get(i);
            tableParts.put("header:" + label + ":" + c, new int[] {1, i, 0});
            partOf.put("header:" + label + ":" + c, table);
            for (int r = 0; r < rows; r++) {
                tableParts.put("cell:" + label + ":" + c + ":" + r, new int[] {0, i, r});
                partOf.put("cell:" + label + ":" + c + ":" + r, table);
            }
        }
        table.getTableHeader().setPreferredSize(new Dimension(10, num(first, "h") + 2));
        table.setAutoResizeMode(JTable.AUTO_RESIZE_OFF);
        table.putClientProperty("terminateEditOnFocusLost", Boolean.TRUE);
        JScrollPane scroll = new JScrollPane(table);
        int x = num(first, "x"), y = num(first, "y");
        scroll.setBounds(x, y, num(last, "x") + num(last, "w") + 12 - x, num(last, "y") + num(last, "h") + 6 - y);
        frame.getContentPane().add(scroll);
        tables.put(label, table);
    }

    static void springTrap(String label) {
        if (!label.equals(trap)) return;
        List<String> texts = new ArrayList<>();
        for (Object o : list(spec.get("fields"))) {
            String kind = str(obj(o), "kind");
            if (kind.equals("text") || kind.equals("number") || kind.equals("date")) texts.add(str(obj(o), "label"));
        }
        String next = texts.get((texts.indexOf(label) + 1) % texts.size());
        SwingUtilities.invokeLater(() -> entries.get(next).requestFocusInWindow());
    }

    static Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Object o : list(spec.get("fields"))) {
            Map<String, Object> f = obj(o);
            String label = str(f, "label"), kind = str(f, "kind");
            if (kind.equals("grid")) {
                JTable t = tables.get(label);
                List<Object> rows = new ArrayList<>();
                for (int r = 0; r < t.getRowCount(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 0; c < t.getColumnCount(); c++) {
                        Object cell = t.getValueAt(r, c);
                        row.put(t.getColumnName(c), cell == null ? "" : cell.toString());
                    }
                    rows.add(row);
                }
                v.put(label, rows);
            } else if (kind.equals("check")) {
                v.put(label, checks.get(label).isSelected());
            } else if (kind.equals("combo")) {
                Object item = combos.get(label).getSelectedItem();
                v.put(label, item == null ? "" : item.toString());
            } else if (kind.equals("note")) {
                v.put(label, notes.get(label).getText());
            } else {
                v.put(label, entries.get(label).getText());
            }
        }
        return v;
    }

    static int[] boxOf(String key) {
        if (partOf.containsKey(key)) {
            JTable t = partOf.get(key);
            int[] part = tableParts.get(key);
            Rectangle r;
            Point origin;
            if (part[0] == 1) {
                r = t.getTableHeader().getHeaderRect(part[1]);
                origin = t.getTableHeader().getLocationOnScreen();
            } else {
                r = t.getCellRect(part[2], part[1], false);
                origin = t.getLocationOnScreen();
            }
            return new int[] {origin.x + r.x, origin.y + r.y, r.width, r.height};
        }
        JComponent c = widgets.get(key);
        if (c == null || !c.isShowing()) return null;
        Point p = c.getLocationOnScreen();
        return new int[] {p.x, p.y, c.getWidth(), c.getHeight()};
    }

    static void dump() {
        List<Object> items = new ArrayList<>();
        for (Object o : list(spec.get("fields"))) {
            Map<String, Object> f = obj(o);
            String label = str(f, "label"), kind = str(f, "kind");
            if (kind.equals("check")) {
                item(items, "field:" + label, "role", "label", "text", label, "of", label);
                item(items, "field:" + label, "role", "field", "kind", "check", "label", label);
            } else if (kind.equals("grid")) {
                item(items, "label:" + label, "role", "label", "text", label, "of", label);
                for (Object c : list(f.get("columns"))) {
                    item(items, "header:" + label + ":" + c, "role", "label", "text", c, "of", label + "/" + c);
                    for (int r = 0; r < num(f, "rows"); r++) {
                        item(items, "cell:" + label + ":" + c + ":" + r, "role", "field", "kind", "cell",
                             "label", label + "/" + c, "row", r);
                    }
                }
            } else {
                item(items, "label:" + label, "role", "label", "text", label, "of", label, "position", str(f, "position"));
                item(items, "field:" + label, "role", "field", "kind", kind, "label", label);
            }
        }
        item(items, "button:primary", "role", "button", "text", str(spec, "primary"));
        item(items, "status:label", "role", "label", "text", str(spec, "status_label"), "of", "status");
        item(items, "status:value", "role", "readout", "text", status.getText(), "label", "status");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("toolkit", run.get("toolkit"));
        d.put("title", spec.get("title"));
        d.put("items", items);
        d.put("values", values());
        d.put("status", status.getText());
        write(str(run, "dump"), Json.write(d));
    }

    static void item(List<Object> items, String key, Object... kv) {
        int[] box = boxOf(key);
        if (box == null) return;
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        m.put("box", Arrays.asList(box[0], box[1], box[2], box[3]));
        items.add(m);
    }

    static void write(String path, String text) {
        try {
            Path tmp = Path.of(path + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, Path.of(path), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void poll() {
        Path command = Path.of(str(run, "command"));
        if (!Files.exists(command)) return;
        String c;
        try { c = Files.readString(command).trim(); } catch (IOException e) { return; }
        if (c.equals("reset")) reset();
        if (c.startsWith("trap ")) trap = c.substring(5).trim();
        dump();
        try { Files.deleteIfExists(command); } catch (IOException e) { throw new RuntimeException(e); }
    }

    static void reset() {
        for (Window w : Window.getWindows()) if (w instanceof JDialog && w.isShowing()) w.dispose();
        trap = "";
        entries.values().forEach(e -> e.setText(""));
        combos.values().forEach(c -> c.setSelectedIndex(-1));
        notes.values().forEach(n -> n.setText(""));
        checks.values().forEach(c -> c.setSelected(false));
        for (JTable t : tables.values()) {
            if (t.isEditing()) t.getCellEditor().cancelCellEditing();
            for (int r = 0; r < t.getRowCount(); r++) for (int c = 0; c < t.getColumnCount(); c++) t.setValueAt("", r, c);
        }
        status.setText(str(spec, "ready"));
        frame.getRootPane().requestFocusInWindow();
    }

    static String problem(Map<String, Object> v) {
        for (Object o : list(spec.get("fields"))) {
            Map<String, Object> f = obj(o);
            String label = str(f, "label"), kind = str(f, "kind");
            Object value = v.get(label);
            String text = value == null ? "" : value.toString().trim();
            if ((Boolean) f.get("required") && !kind.equals("check") && !kind.equals("grid") && text.isEmpty()) {
                return label + " is required";
            }
            if (kind.equals("number") && !text.isEmpty()) {
                try { Double.parseDouble(text.replace(",", "")); } catch (NumberFormatException e) { return label + " must be a number"; }
            }
        }
        return null;
    }

    static void submit() {
        Map<String, Object> v = values();
        String why = problem(v);
        if (why != null) { status.setText(why); return; }
        Object[] options = {str(spec, "confirm"), str(spec, "cancel")};
        int answer = JOptionPane.showOptionDialog(frame, str(spec, "question"), str(spec, "confirm_title"),
            JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE, null, options, options[0]);
        if (answer == 0) {
            saves++;
            write(str(run, "out"), Json.write(output(values())));
            status.setText(str(spec, "saved") + " entry " + saves);
        }
        SwingUtilities.invokeLater(Form::dump);
    }

    static Map<String, Object> output(Map<String, Object> v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : list(spec.get("fields"))) {
            Map<String, Object> f = obj(o);
            String label = str(f, "label");
            if (str(f, "kind").equals("grid")) {
                List<Object> kept = new ArrayList<>();
                for (Object row : list(v.get(label))) {
                    boolean any = obj(row).values().stream().anyMatch(x -> !x.toString().trim().isEmpty());
                    if (any) kept.add(row);
                }
                out.put(label, kept);
            } else {
                out.put(label, v.get(label));
            }
        }
        return out;
    }

    /** Just enough JSON: objects, arrays, strings, numbers, true/false/null. */
    static class Json {
        final String s;
        int i = 0;
        Json(String s) { this.s = s; }
        static Object parse(String s) { return new Json(s).value(); }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    i++; // :
                    m.put(k, value());
                    skip();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return true; }
            if (s.startsWith("false", i)) { i += 5; return false; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(start, i));
        }

        String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        static String write(Object o) {
            if (o == null) return "null";
            if (o instanceof String) return quote((String) o);
            if (o instanceof Boolean || o instanceof Integer) return o.toString();
            if (o instanceof Number) return o.toString();
            StringBuilder b = new StringBuilder();
            if (o instanceof Map) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                    if (!first) b.append(", ");
                    first = false;
                    b.append(quote(e.getKey().toString())).append(": ").append(write(e.getValue()));
                }
                return b.append('}').toString();
            }
            b.append('[');
            boolean first = true;
            for (Object x : (List<?>) o) {
                if (!first) b.append(", ");
                first = false;
                b.append(write(x));
            }
            return b.append(']').toString();
        }

        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\').append(c);
                else if (c == '\n') b.append("\\n");
                else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
            return b.append('"').toString();
        }
    }
}
