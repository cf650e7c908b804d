"""Two small forms whose toolkits expose an accessibility tree: GTK 3 and Qt Widgets.

Run as ``python accessible_forms.py gtk|qt OUT``: a labelled amount field, a combo, a
check box and a Post button; Post writes the field values to OUT as JSON. GTK runs under
Debian's python3 (python3-gi), Qt under Deskhand's venv (PySide6).
"""

import json
import sys

TITLE = "Accessible form"
LABELS = ("Amount", "Category", "Billable", "Post")
ITEMS = ("Meals", "Travel", "Lodging")


def gtk(out: str) -> None:
    import gi

    gi.require_version("Gtk", "3.0")
    from gi.repository import Gtk

    window = Gtk.Window(title=f"{TITLE} GTK")
    grid = Gtk.Grid(row_spacing=8, column_spacing=8, margin=16)
    amount_label, amount = Gtk.Label(label=LABELS[0]), Gtk.Entry()
    amount_label.set_mnemonic_widget(amount)
    category_label, category = Gtk.Label(label=LABELS[1]), Gtk.ComboBoxText()
    for item in ITEMS:
        category.append_text(item)
    category_label.set_mnemonic_widget(category)
    billable, post = Gtk.CheckButton(label=LABELS[2]), Gtk.Button(label=LABELS[3])

    def submit(_button: object) -> None:
        values = {
            "Amount": amount.get_text(),
            "Category": category.get_active_text(),
            "Billable": billable.get_active(),
        }
        with open(out, "w") as f:
            json.dump(values, f)

    post.connect("clicked", submit)
    for row, (label, field) in enumerate(((amount_label, amount), (category_label, category))):
        grid.attach(label, 0, row, 1, 1)
        grid.attach(field, 1, row, 1, 1)
    grid.attach(billable, 1, 2, 1, 1)
    grid.attach(post, 1, 3, 1, 1)
    window.add(grid)
    window.connect("destroy", Gtk.main_quit)
    window.show_all()
    Gtk.main()


def qt(out: str) -> None:
    from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFormLayout, QLineEdit, QPushButton, QWidget

    app = QApplication([])
    window = QWidget()
    window.setWindowTitle(f"{TITLE} Qt")
    form = QFormLayout(window)
    amount, category = QLineEdit(), QComboBox()
    category.addItems(ITEMS)
    billable, post = QCheckBox(LABELS[2]), QPushButton(LABELS[3])

    def submit() -> None:
        values = {"Amount": amount.text(), "Category": category.currentText(), "Billable": billable.isChecked()}
        with open(out, "w") as f:
            json.dump(values, f)

    post.clicked.connect(submit)
    form.addRow(LABELS[0], amount)
    form.addRow(LABELS[1], category)
    form.addRow("", billable)
    form.addRow("", post)
    window.resize(320, 180)
    window.show()
    app.exec()


if __name__ == "__main__":
    {"gtk": gtk, "qt": qt}[sys.argv[1]](sys.argv[2])
