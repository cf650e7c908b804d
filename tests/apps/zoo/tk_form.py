"""The zoo form in Tk (classic widgets, ttk combo box).  python3 tk_form.py RUN.json"""

from __future__ import annotations

import sys
import tkinter as tk
from pathlib import Path
from tkinter import ttk

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runfile import Box, Run, empty_values
from spec import THEMES


class TkForm:
    def __init__(self, root: tk.Tk, run: Run) -> None:
        self.root, self.run, spec = root, run, run.spec
        self.saves = 0
        self.dialog: tk.Toplevel | None = None
        theme = THEMES[spec.theme]
        self.colours = {"bg": theme["bg"], "fg": theme["fg"]} if theme["bg"] else {}
        font = (spec.font, -spec.font_px)
        root.title(spec.title)
        root.geometry(f"{spec.width}x{spec.height}+40+40")
        root.configure(**({"bg": theme["bg"]} if theme["bg"] else {}))
        root.option_add("*Font", font)
        self.widgets: dict[str, tk.Widget] = {}
        self.entries: dict[str, tk.Entry | tk.Text | ttk.Combobox] = {}
        self.checks: dict[str, tk.BooleanVar] = {}
        self.cells: dict[tuple[str, str, int], tk.Entry] = {}
        for f in spec.fields:
            if f.kind == "check":
                var = tk.BooleanVar(value=False)
                self.checks[f.label] = var
                box = tk.Checkbutton(root, text=f.label, variable=var, anchor="w", **self.colours)
                if self.colours:
                    box.configure(activebackground=theme["bg"], selectcolor="white")
                self.put(f"field:{f.label}", box)
                continue
            self.put(f"label:{f.label}", tk.Label(root, text=f.label, anchor="w", **self.colours))
            if f.kind == "grid":
                for c in f.columns:
                    self.put(f"header:{f.label}:{c}", tk.Label(root, text=c, anchor="w", **self.colours))
                    for r in range(f.rows):
                        cell = tk.Entry(root, bg="white")
                        self.cells[(f.label, c, r)] = cell
                        self.put(f"cell:{f.label}:{c}:{r}", cell)
                continue
            if f.kind == "combo":
                widget: tk.Entry | tk.Text | ttk.Combobox = ttk.Combobox(root, values=f.items, state="readonly")
            elif f.kind == "note":
                widget = tk.Text(root, bg="white", wrap="word")
            else:
                widget = tk.Entry(root, bg="white")
            widget.bind("<FocusIn>", lambda _e, label=f.label: self.spring_trap(label))
            self.entries[f.label] = widget
            self.put(f"field:{f.label}", widget)
        self.put("button:primary", tk.Button(root, text=spec.primary, command=self.submit))
        self.put("status:label", tk.Label(root, text=spec.status_label, anchor="w", **self.colours))
        self.status = tk.StringVar(value=spec.ready)
        self.put("status:value", tk.Label(root, textvariable=self.status, anchor="w", **self.colours))
        root.after(300, self.first_dump)

    def put(self, key: str, widget: tk.Widget) -> None:
        p = self.run.spec.places[key]
        widget.place(x=p.x, y=p.y, width=p.w, height=p.h)
        self.widgets[key] = widget

    def spring_trap(self, label: str) -> None:
        if label != self.run.trap:
            return
        target = self.run.text_after(label)
        if target:
            self.entries[target].focus_set()

    def values(self) -> dict[str, object]:
        values = empty_values(self.run.spec)
        for label, w in self.entries.items():
            values[label] = w.get("1.0", "end-1c") if isinstance(w, tk.Text) else w.get()
        for label, var in self.checks.items():
            values[label] = var.get()
        for (label, c, r), cell in self.cells.items():
            values[label][r][c] = cell.get()  # type: ignore[index]
        return values

    def box_of(self, key: str) -> Box | None:
        w = self.widgets.get(key)
        if w is None or not w.winfo_ismapped():
            return None
        return (w.winfo_rootx(), w.winfo_rooty(), w.winfo_width(), w.winfo_height())

    def write_dump(self) -> None:
        self.run.write_dump(self.box_of, self.values(), self.status.get())

    def first_dump(self) -> None:
        self.root.focus_set()
        self.root.update_idletasks()
        self.write_dump()
        self.poll()

    def poll(self) -> None:
        command = self.run.next_command()
        if command is not None and self.run.obey(command):
            self.reset()
        if command is not None:
            self.root.update_idletasks()
            self.write_dump()
            self.run.done_command()
        self.root.after(100, self.poll)

    def reset(self) -> None:
        if self.dialog is not None:
            self.dialog.destroy()
            self.dialog = None
        for w in self.entries.values():
            if isinstance(w, tk.Text):
                w.delete("1.0", "end")
            elif isinstance(w, ttk.Combobox):
                w.set("")
            else:
                w.delete(0, "end")
        for var in self.checks.values():
            var.set(False)
        for cell in self.cells.values():
            cell.delete(0, "end")
        self.status.set(self.run.spec.ready)
        self.root.focus_set()  # no field has the focus: every test starts from the same screen

    def submit(self) -> None:
        why = self.run.submit_problem(self.values())
        if why:
            self.status.set(why)
            return
        spec = self.run.spec
        d = tk.Toplevel(self.root)
        self.dialog = d
        d.title(spec.confirm_title)
        d.transient(self.root)
        d.geometry(f"+{self.root.winfo_rootx() + 60}+{self.root.winfo_rooty() + 80}")
        tk.Label(d, text=spec.question, padx=20, pady=14).pack()
        row = tk.Frame(d, pady=8)
        row.pack()
        tk.Button(row, text=spec.confirm, width=8, command=lambda: self.answer(True)).pack(side="left", padx=6)
        tk.Button(row, text=spec.cancel, width=8, command=lambda: self.answer(False)).pack(side="left", padx=6)
        d.wait_visibility()
        d.grab_set()

    def answer(self, yes: bool) -> None:
        if self.dialog is not None:
            self.dialog.destroy()
            self.dialog = None
        if yes:
            self.saves += 1
            self.run.save(self.values())
            self.status.set(self.run.spec.status_after(self.saves))
        self.root.update_idletasks()
        self.write_dump()


def main() -> None:
    run = Run.load(sys.argv[1])
    root = tk.Tk()
    TkForm(root, run)
    root.mainloop()


if __name__ == "__main__":
    main()
