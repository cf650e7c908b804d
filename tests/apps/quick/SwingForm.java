// A small Swing form for perception tests: labels above fields, a combo, a check box and a
// status line. Submit writes the values as JSON to the file named by the first argument;
// a second argument FROM=TO makes a faulty form whose field FROM sends the focus on to TO.
// Run with: java SwingForm.java values.json [FROM=TO]

import java.awt.GridLayout;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.swing.*;

public class SwingForm {
    static final String[] FIELDS = {"Vendor", "Net Amount", "Posting Date", "Memo"};
    static final String[] CHOICES = {"Cash", "Cheque", "Transfer", "Card", "Voucher", "Barter", "Crypto", "Credit", "Debit", "Gift"};

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> build(Path.of(args[0]), args.length > 1 ? args[1] : null));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void build(Path out, String redirect) {
        JFrame frame = new JFrame("Quick Swing Form");
        JPanel grid = new JPanel(new GridLayout(0, 2, 12, 2));
        grid.setBorder(BorderFactory.createEmptyBorder(8, 10, 8, 10));
        Map<String, JTextField> fields = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.length; i += 2) {
            grid.add(new JLabel(FIELDS[i]));
            grid.add(new JLabel(FIELDS[i + 1]));
            JTextField a = new JTextField(16), b = new JTextField(16);
            fields.put(FIELDS[i], a);
            fields.put(FIELDS[i + 1], b);
            grid.add(a);
            grid.add(b);
        }
        if (redirect != null) {
            String[] parts = redirect.split("=");
            JTextField to = fields.get(parts[1]);
            fields.get(parts[0]).addFocusListener(new FocusAdapter() {
                @Override public void focusGained(FocusEvent e) { SwingUtilities.invokeLater(to::requestFocusInWindow); }
            });
        }
        grid.add(new JLabel("Payment"));
        grid.add(new JLabel(""));
        JComboBox<String> combo = new JComboBox<>(CHOICES);
        grid.add(combo);
        grid.add(new JLabel(""));
        JCheckBox approved = new JCheckBox("Approved");
        grid.add(approved);
        grid.add(new JLabel(""));
        JLabel status = new JLabel("Nothing posted");
        JButton submit = new JButton("Post");
        submit.addActionListener(e -> {
            StringBuilder json = new StringBuilder("{");
            for (Map.Entry<String, JTextField> f : fields.entrySet()) {
                json.append(quote(f.getKey())).append(": ").append(quote(f.getValue().getText())).append(", ");
            }
            json.append(quote("Payment")).append(": ").append(quote((String) combo.getSelectedItem())).append(", ");
            json.append(quote("Approved")).append(": ").append(approved.isSelected()).append("}");
            try {
                Files.writeString(out, json.toString());
                status.setText("Posted");
            } catch (Exception ex) {
                status.setText("Failed: " + ex.getMessage());
            }
        });
        grid.add(submit);
        grid.add(status);
        frame.add(grid);
        frame.pack();
        frame.setLocation(100, 420);
        frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
        frame.setVisible(true);
    }
}
