"""What the Python renderers share: the run file, the command file, the dump and the output.

A run file is JSON: {"spec": <Spec>, "toolkit": "...", "out": path, "dump": path,
"command": path, "trap": label-or-""}. Every renderer (Python, Java, C, HTML) reads
the same keys. The test process writes "dump" or "reset" into the command file; the
renderer polls it, does it, rewrites the dump, then deletes the command file, so the
test knows it is done by polling for the file to go away.

``trap`` names a field whose focus the form hands on to the next text field the moment
it gets it: a form where typing "into" that field lands in another one, the
wrong-field case Deskhand must catch.

Standard library only (the GTK renderer runs under Debian's python3).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spec import Spec, output_for, problem, spec_from_json

Box = tuple[int, int, int, int]


@dataclass
class Run:
    spec: Spec
    toolkit: str
    out: Path
    dump: Path
    command: Path
    trap: str

    @classmethod
    def load(cls, path: str) -> Run:
        raw = json.loads(Path(path).read_text())
        return cls(
            spec_from_json(json.dumps(raw["spec"])),
            raw["toolkit"],
            Path(raw["out"]),
            Path(raw["dump"]),
            Path(raw["command"]),
            raw.get("trap", ""),
        )

    def next_command(self) -> str | None:
        try:
            return self.command.read_text().strip()
        except FileNotFoundError:
            return None

    def obey(self, command: str) -> bool:
        """Take a command's own part (a trap); True when the form must reset itself."""
        if command.startswith("trap "):
            self.trap = command[5:].strip()
        if command == "reset":
            self.trap = ""
        return command == "reset"

    def done_command(self) -> None:
        self.command.unlink(missing_ok=True)

    def write_dump(self, box_of: Callable[[str], Box | None], values: dict[str, object], status: str) -> None:
        write_json(self.dump, dump(self.spec, self.toolkit, box_of, values, status))

    def submit_problem(self, values: dict[str, object]) -> str | None:
        return problem(self.spec, values)

    def save(self, values: dict[str, object]) -> None:
        write_json(self.out, output_for(self.spec, values))

    def text_after(self, label: str) -> str | None:
        """The text-like field after ``label`` in the form's order (where a trap sends focus)."""
        labels = [f.label for f in self.spec.fields if f.kind in ("text", "number", "date")]
        if label not in labels or len(labels) < 2:
            return None
        return labels[(labels.index(label) + 1) % len(labels)]


def write_json(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    os.replace(tmp, path)


def dump(
    spec: Spec, toolkit: str, box_of: Callable[[str], Box | None], values: dict[str, object], status: str
) -> dict[str, object]:
    """The ground truth: every label, field, header, button and read-out with its screen box.

    ``box_of`` maps a plan key (see Spec.places) to the toolkit's real screen box, or
    None when the widget is not shown.
    """
    items: list[dict[str, object]] = []
    for key, item in dump_items(spec, status):
        box = box_of(key)
        if box is not None:
            items.append({**item, "box": list(box)})
    return {"toolkit": toolkit, "title": spec.title, "items": items, "values": values, "status": status}


def dump_items(spec: Spec, status: str) -> list[tuple[str, dict[str, object]]]:
    """(plan key, dump item without its box) for every widget, in the form's order."""
    items: list[tuple[str, dict[str, object]]] = []
    for f in spec.fields:
        if f.kind == "check":
            items.append((f"field:{f.label}", {"role": "label", "text": f.label, "of": f.label}))
            items.append((f"field:{f.label}", {"role": "field", "kind": "check", "label": f.label}))
        elif f.kind == "grid":
            items.append((f"label:{f.label}", {"role": "label", "text": f.label, "of": f.label}))
            for c in f.columns:
                items.append((f"header:{f.label}:{c}", {"role": "label", "text": c, "of": f"{f.label}/{c}"}))
                for r in range(f.rows):
                    cell = {"role": "field", "kind": "cell", "label": f"{f.label}/{c}", "row": r}
                    items.append((f"cell:{f.label}:{c}:{r}", cell))
        else:
            label = {"role": "label", "text": f.label, "of": f.label, "position": f.position}
            items.append((f"label:{f.label}", label))
            items.append((f"field:{f.label}", {"role": "field", "kind": f.kind, "label": f.label}))
    items.append(("button:primary", {"role": "button", "text": spec.primary}))
    items.append(("status:label", {"role": "label", "text": spec.status_label, "of": "status"}))
    items.append(("status:value", {"role": "readout", "text": status, "label": "status"}))
    return items


def empty_values(spec: Spec) -> dict[str, object]:
    values: dict[str, object] = {}
    for f in spec.fields:
        if f.kind == "grid":
            values[f.label] = [dict.fromkeys(f.columns, "") for _ in range(f.rows)]
        elif f.kind == "check":
            values[f.label] = False
        else:
            values[f.label] = ""
    return values
