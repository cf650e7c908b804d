"""A small "legacy" expense client in plain Tk, for end-to-end tests.

It has what old enterprise forms have: a menu bar with a submenu, labelled entry
fields, a read-only combo box, a modal confirmation dialog and a status line,
all in Tk's default fonts. Everything it accepts is written to files the tests
read back, so a test checks the application's own result, not Deskhand's report.

    python legacy_expense.py --out claims.jsonl [--geometry +X+Y] [--quit-after-chars N] [--slow-dialog SECONDS]
                             [--check-amount] [--title TEXT] [--submit-label TEXT] [--no-confirm]
                             [--class-name NAME]

Ctrl+S saves the claim at once, as many old forms do; ``--no-confirm`` makes Submit do so
too (no dialog), so a click on it alone commits.
"""

from __future__ import annotations

import argparse
import json
import tkinter as tk
from pathlib import Path
from tkinter import ttk

FIELDS = ["Employee", "Amount", "Date", "Attendees", "Notes"]
CATEGORIES = ["Meals", "Travel", "Lodging", "Supplies"]


class ExpenseApp:
    def __init__(
        self,
        root: tk.Tk,
        out: Path,
        quit_after: int | None,
        slow_dialog: float = 0.0,
        check_amount: bool = False,
        title: str = "Legacy Expense System",
        submit_label: str = "Submit",
        confirm: bool = True,
    ) -> None:
        self.root = root
        self.out = out
        self.slow_dialog = slow_dialog  # seconds before the confirmation opens, like a server round trip
        self.check_amount = check_amount  # Submit refuses an amount that is not a number, on the status line
        self.saved = 0
        self.asks = confirm  # False: Submit saves at once, with no dialog
        root.title(title)
        root.bind("<Control-s>", lambda e: self.submit())
        self.entries: dict[str, tk.Entry] = {}
        self.category = tk.StringVar(value="")
        self.status = tk.StringVar(value="Ready")
        self._menus()

        form = tk.Frame(root, padx=16, pady=12)
        form.pack(fill="both", expand=True)
        for row, name in enumerate(FIELDS):
            tk.Label(form, text=name).grid(row=row, column=0, sticky="w", pady=4)
            entry = tk.Entry(form, width=28)
            entry.grid(row=row, column=1, sticky="w", padx=12, pady=4)
            self.entries[name] = entry
        tk.Label(form, text="Category").grid(row=len(FIELDS), column=0, sticky="w", pady=4)
        combo = ttk.Combobox(form, textvariable=self.category, values=CATEGORIES, state="readonly", width=26)
        combo.grid(row=len(FIELDS), column=1, sticky="w", padx=12, pady=4)
        tk.Label(form, text="PIN").grid(row=len(FIELDS) + 1, column=0, sticky="w", pady=4)
        self.pin = tk.Entry(form, width=12, show="*")
        self.pin.grid(row=len(FIELDS) + 1, column=1, sticky="w", padx=12, pady=4)

        buttons = tk.Frame(root, pady=8)
        buttons.pack()
        tk.Button(buttons, text=submit_label, width=10, command=self.submit_pressed).pack(side="left", padx=8)
        tk.Button(buttons, text="Clear", width=10, command=self.clear).pack(side="left", padx=8)
        tk.Label(root, textvariable=self.status, anchor="w", relief="sunken", padx=6).pack(fill="x", side="bottom")

        if quit_after is not None:
            # A legacy client that falls over when a field gets too long: the window
            # vanishes part-way through typing, as a crashing application's would.
            notes = self.entries["Notes"]
            notes.bind("<KeyRelease>", lambda e: root.destroy() if len(notes.get()) >= quit_after else None)

    def _menus(self) -> None:
        bar = tk.Menu(self.root)
        file = tk.Menu(bar, tearoff=False)
        export = tk.Menu(file, tearoff=False)
        export.add_command(label="As Text", command=lambda: self.export("txt"))
        export.add_command(label="As JSON", command=lambda: self.export("json"))
        file.add_command(label="New Claim", command=self.clear)
        file.add_cascade(label="Export", menu=export)
        file.add_separator()
        file.add_command(label="Exit", command=self.root.destroy)
        tools = tk.Menu(bar, tearoff=False)
        tools.add_command(label="Reset Form", command=self.clear)
        bar.add_cascade(label="File", menu=file)
        bar.add_cascade(label="Tools", menu=tools)
        self.root.config(menu=bar)

    def values(self) -> dict[str, str]:
        record = {name.lower(): entry.get() for name, entry in self.entries.items()}
        record["category"] = self.category.get()
        record["pin"] = self.pin.get()
        return record

    def submit_pressed(self) -> None:
        if self.check_amount and not is_amount(self.entries["Amount"].get()):
            self.status.set("Amount must be a number")
            return
        if not self.asks:
            self.submit()
        elif self.slow_dialog:
            self.root.after(int(self.slow_dialog * 1000), self.confirm)
        else:
            self.confirm()

    def confirm(self) -> None:
        dialog = tk.Toplevel(self.root)
        dialog.title("Confirm")
        dialog.transient(self.root)
        tk.Label(dialog, text="Submit this claim?", padx=20, pady=12).pack()
        row = tk.Frame(dialog, pady=8)
        row.pack()
        tk.Button(row, text="Yes", width=8, command=lambda: (dialog.destroy(), self.submit())).pack(side="left", padx=6)
        tk.Button(row, text="No", width=8, command=dialog.destroy).pack(side="left", padx=6)
        dialog.wait_visibility()
        dialog.grab_set()  # modal: the form ignores clicks until it is answered

    def submit(self) -> None:
        self.saved += 1
        with self.out.open("a", encoding="utf-8") as f:
            f.write(json.dumps(self.values(), ensure_ascii=False) + "\n")
        self.status.set(f"Saved claim {self.saved}")
        self.clear(keep_status=True)

    def export(self, kind: str) -> None:
        path = self.out.with_suffix(f".export.{kind}")
        record = self.values()
        text = json.dumps(record) if kind == "json" else "\n".join(f"{k}: {v}" for k, v in record.items())
        path.write_text(text + "\n", encoding="utf-8")
        self.status.set(f"Exported to {path.name}")

    def clear(self, keep_status: bool = False) -> None:
        for entry in [*self.entries.values(), self.pin]:
            entry.delete(0, "end")
        self.category.set("")
        if not keep_status:
            self.status.set("Ready")


def is_amount(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--geometry", default="+80+60")
    parser.add_argument("--quit-after-chars", type=int)
    parser.add_argument("--slow-dialog", type=float, default=0.0, help="open the confirmation this late")
    parser.add_argument("--check-amount", action="store_true", help="refuse a non-numeric amount at Submit")
    parser.add_argument("--title", default="Legacy Expense System")
    parser.add_argument("--submit-label", default="Submit", help="the Submit button's text (e.g. 提交)")
    parser.add_argument("--class-name", default="", help="the window class (WM_CLASS), as another application's")
    parser.add_argument("--no-confirm", action="store_true", help="Submit saves at once, without the dialog")
    parser.add_argument("--dump-widgets", type=Path, help="write every label's text and screen box here once shown")
    args = parser.parse_args()
    root = tk.Tk(className=args.class_name) if args.class_name else tk.Tk()
    root.geometry(args.geometry)
    ExpenseApp(
        root,
        args.out,
        args.quit_after_chars,
        args.slow_dialog,
        args.check_amount,
        args.title,
        args.submit_label,
        not args.no_confirm,
    )
    if args.dump_widgets:
        root.after(500, lambda: args.dump_widgets.write_text(json.dumps(widget_boxes(root))))
    root.mainloop()


def widget_boxes(widget: tk.Misc) -> list[dict[str, object]]:
    """Ground truth for the perception benchmark: each text widget's label and screen box, from Tk itself."""
    found: list[dict[str, object]] = []
    for child in widget.winfo_children():
        if isinstance(child, (tk.Label, tk.Button)) and child.cget("text"):
            box = [child.winfo_rootx(), child.winfo_rooty(), child.winfo_width(), child.winfo_height()]
            found.append({"text": child.cget("text"), "box": box})
        found += widget_boxes(child)
    return found


if __name__ == "__main__":
    main()
