"""A small window in a screen corner with a menu bar, menus and sub-menus.

    python edge_menus.py tk|qt OUT CORNER    (CORNER: bottom-right | right)

The window stands against the screen's right edge (and its bottom, for bottom-right),
so its menus and sub-menus cannot open where they would elsewhere: toolkits flip them
up or to the left, or shift them. Choosing a leaf item writes its path
("Recent/Beta report") to OUT: the judge. The window's title is "Edge menus".
"""

from __future__ import annotations

import sys
from pathlib import Path

TITLE = "Edge menus"
# Menu -> items; an item that is itself a dict is a sub-menu. Long enough not to fit below the bar.
MENUS = {
    "Document": {
        "Open": None,
        "Recent": {"Alpha report": None, "Beta report": None, "Gamma report": None},
        "Export": {"Plain text": None, "Rich text": None, "Spreadsheet": None},
        "Print": None,
        "Close": None,
    },
    "Edit": {"Undo": None, "Redo": None},
    "View": {"Zoom": {"Smaller": None, "Larger": None}, "Outline": None},
    "Help": {
        "About": None,
        "Guides": {"Getting started": None, "Keyboard shortcuts": None, "Troubleshooting": None},
        "Licence": None,
    },
}
SIZE = (340, 110)
EDGE = 6  # pixels left between the window and the screen's edge


def place(corner: str, screen: tuple[int, int], frame: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    """The window's top-left corner for ``corner`` of a screen of ``screen`` pixels."""
    x = screen[0] - SIZE[0] - EDGE - frame[0]
    y = screen[1] - SIZE[1] - EDGE - frame[1] if corner == "bottom-right" else 200
    return x, y


def tk_main(out: Path, corner: str) -> None:
    import tkinter as tk

    root = tk.Tk()
    root.title(TITLE)
    x, y = place(corner, (root.winfo_screenwidth(), root.winfo_screenheight()), (0, 24))
    root.geometry(f"{SIZE[0]}x{SIZE[1]}+{x}+{y}")
    bar = tk.Menu(root)

    def fill(menu: tk.Menu, items: dict[str, object], path: str) -> None:
        for label, sub in items.items():
            if isinstance(sub, dict):
                child = tk.Menu(menu, tearoff=False)
                fill(child, sub, f"{path}{label}/")
                menu.add_cascade(label=label, menu=child)
            else:
                menu.add_command(label=label, command=lambda p=f"{path}{label}": out.write_text(p))

    for name, items in MENUS.items():
        menu = tk.Menu(bar, tearoff=False)
        fill(menu, items, "")  # type: ignore[arg-type]
        bar.add_cascade(label=name, menu=menu)
    root.config(menu=bar)
    tk.Label(root, text="Pick an item from a menu").pack(pady=20)
    root.mainloop()


def qt_main(out: Path, corner: str) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle(TITLE)
    window.setCentralWidget(QLabel("Pick an item from a menu"))
    window.resize(*SIZE)
    screen = app.primaryScreen().geometry()
    window.move(*place(corner, (screen.width(), screen.height()), (0, 24)))
    actions: list[QAction] = []

    def fill(menu: QMenu, items: dict[str, object], path: str) -> None:
        for label, sub in items.items():
            if isinstance(sub, dict):
                fill(menu.addMenu(label), sub, f"{path}{label}/")
            else:
                action = menu.addAction(label)
                action.triggered.connect(lambda _=False, p=f"{path}{label}": out.write_text(p))
                actions.append(action)

    for name, items in MENUS.items():
        fill(window.menuBar().addMenu(name), items, "")  # type: ignore[arg-type]
    window.show()
    app.exec()


if __name__ == "__main__":
    toolkit, out, corner = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    tk_main(out, corner) if toolkit == "tk" else qt_main(out, corner)
