"""A small Tk form with labels above its entries, a check box and a status line.

python tk_form.py --out values.json
"""

from __future__ import annotations

import argparse
import json
import tkinter as tk
from pathlib import Path

FIELDS = ["Supplier", "Order Amount", "Delivery Date", "Contact"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--redirect", metavar="FROM=TO", help="a faulty form: focus on FROM jumps to TO")
    args = parser.parse_args()
    root = tk.Tk()
    root.title("Quick Tk Form")
    root.geometry("+80+80")
    entries: dict[str, tk.Entry] = {}
    for i, name in enumerate(FIELDS):
        tk.Label(root, text=name).grid(row=(i // 2) * 2, column=i % 2, sticky="w", padx=10, pady=(8, 0))
        entry = tk.Entry(root, width=24)
        entry.grid(row=(i // 2) * 2 + 1, column=i % 2, sticky="w", padx=10)
        entries[name] = entry
    if args.redirect:
        source, target = args.redirect.split("=")
        entries[source].bind("<FocusIn>", lambda e: entries[target].focus_set())
    rush = tk.BooleanVar()
    tk.Checkbutton(root, text="Rush order", variable=rush).grid(row=4, column=0, sticky="w", padx=10, pady=6)
    status = tk.StringVar(value="Nothing saved")

    def save() -> None:
        args.out.write_text(json.dumps({k: e.get() for k, e in entries.items()} | {"Rush order": rush.get()}))
        status.set("Saved")

    tk.Button(root, text="Submit", command=save).grid(row=5, column=0, sticky="w", padx=10)
    tk.Label(root, textvariable=status).grid(row=6, column=0, columnspan=2, sticky="w", padx=10, pady=6)
    root.mainloop()


if __name__ == "__main__":
    main()
