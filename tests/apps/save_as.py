"""A note window whose one button opens the toolkit's own save dialog, for file-dialog tests.

    python3 save_as.py gtk|qt TEXT

GTK 3 runs under Debian's /usr/bin/python3 (python3-gi): Gtk.FileChooserDialog in save
mode. Qt runs under the venv's PySide6: QFileDialog, its own widget dialog (what Qt shows
on a desktop with no platform theme). Accepting the dialog writes TEXT into the chosen
file and puts its name in the window's title, as editors do (the goal check looks for it
there); the test judges by that file appearing where the request asked. Standard library
plus the toolkit only.
"""

from __future__ import annotations

import sys
from pathlib import Path

TITLE = "Field notes"
BUTTON = "Save as..."


def titled(saved: Path) -> str:
    """The window's title once saved: the file's name first, as editors show the document's name."""
    return f"{saved.name} - {TITLE}"


def gtk(text: str) -> None:
    import gi

    gi.require_version("Gtk", "3.0")
    from gi.repository import Gtk

    window = Gtk.Window(title=TITLE)
    window.set_default_size(420, 160)
    window.move(60, 60)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=12, margin=16)
    box.pack_start(Gtk.Label(label=text), False, False, 0)
    button = Gtk.Button(label=BUTTON)
    box.pack_start(button, False, False, 0)
    window.add(box)

    def save_as(_button: object) -> None:
        dialog = Gtk.FileChooserDialog(title="Save note", parent=window, action=Gtk.FileChooserAction.SAVE)
        dialog.add_buttons("_Cancel", Gtk.ResponseType.CANCEL, "_Save", Gtk.ResponseType.ACCEPT)
        dialog.set_current_folder(str(Path.home()))
        dialog.set_default_size(640, 420)
        if dialog.run() == Gtk.ResponseType.ACCEPT:
            saved = Path(dialog.get_filename())
            saved.write_text(text)
            window.set_title(titled(saved))
        dialog.destroy()

    button.connect("clicked", save_as)
    window.connect("destroy", Gtk.main_quit)
    window.show_all()
    Gtk.main()


def qt(text: str) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle(TITLE)
    window.setGeometry(60, 60, 420, 160)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel(text))
    button = QPushButton(BUTTON)
    layout.addWidget(button)

    def save_as() -> None:
        dialog = QFileDialog(window, "Save note", str(Path.home()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.resize(640, 420)
        if dialog.exec() and dialog.selectedFiles():
            saved = Path(dialog.selectedFiles()[0])
            saved.write_text(text)
            window.setWindowTitle(titled(saved))

    button.clicked.connect(save_as)
    window.show()
    app.exec()


if __name__ == "__main__":
    {"gtk": gtk, "qt": qt}[sys.argv[1]](sys.argv[2])
