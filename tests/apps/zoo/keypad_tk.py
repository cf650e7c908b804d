"""The zoo keypad in Tk (classic buttons; Tk has no tooltips).  python3 keypad_tk.py RUN.json"""

from __future__ import annotations

import sys
import tkinter as tk
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keypad import KeypadRun


class TkKeypad:
    def __init__(self, root: tk.Tk, run: KeypadRun) -> None:
        self.root, self.run, spec = root, run, run.spec
        theme = run.theme()
        root.title(spec.title)
        root.geometry(f"{spec.width}x{spec.height}+60+60")
        if theme["bg"]:
            root.configure(bg=theme["bg"])
        root.option_add("*Font", (spec.font, -spec.font_px))
        self.widgets: dict[str, tk.Widget] = {}
        self.display = tk.StringVar(value=run.calculator.shown)
        shown = tk.Label(root, textvariable=self.display, anchor="e", bg="white", relief="sunken", bd=2, padx=8)
        self.put("display", shown)
        for key in spec.keys:
            button = tk.Button(root, text=key.symbol, command=lambda s=key.symbol: self.press(s))
            self.put(f"key:{key.symbol}", button)
        root.after(300, self.first_dump)

    def put(self, name: str, widget: tk.Widget) -> None:
        p = self.run.spec.places[name]
        widget.place(x=p.x, y=p.y, width=p.w, height=p.h)
        self.widgets[name] = widget

    def press(self, symbol: str) -> None:
        self.display.set(self.run.calculator.press(symbol))
        self.root.update_idletasks()
        self.run.write_dump(self.box_of)

    def box_of(self, name: str) -> tuple[int, int, int, int] | None:
        w = self.widgets.get(name)
        if w is None or not w.winfo_ismapped():
            return None
        return (w.winfo_rootx(), w.winfo_rooty(), w.winfo_width(), w.winfo_height())

    def first_dump(self) -> None:
        self.root.update_idletasks()
        self.run.write_dump(self.box_of)
        self.poll()

    def poll(self) -> None:
        self.run.poll(self.box_of, self.display.set)
        self.root.after(100, self.poll)


def main() -> None:
    root = tk.Tk()
    TkKeypad(root, KeypadRun.load(sys.argv[1]))
    root.mainloop()


if __name__ == "__main__":
    main()
