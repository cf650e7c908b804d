"""The zoo form in GTK 3 (Debian's python3-gi).  /usr/bin/python3 gtk_form.py RUN.json"""

from __future__ import annotations

import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runfile import Box, Run, empty_values  # noqa: E402
from spec import THEMES  # noqa: E402


class GtkForm:
    def __init__(self, run: Run) -> None:
        self.run, spec = run, run.spec
        self.saves = 0
        self.dialog: Gtk.Dialog | None = None
        theme = THEMES[spec.theme]
        css = f"* {{ font-family: '{spec.font}'; font-size: {spec.font_px}px; }}\n"
        if theme["bg"]:
            css += f"window.zoo, window.zoo > fixed {{ background-color: {theme['bg']}; }}\n"
            css += f"window.zoo label {{ color: {theme['fg']}; }}\n"
        provider = Gtk.CssProvider()
        provider.load_from_data(css.encode())
        Gtk.StyleContext.add_provider_for_screen(
            Gtk.Window().get_screen(), provider, Gtk.STYLE_PROVIDER_PRIORITY_APPLICATION
        )
        self.window = w = Gtk.Window(title=spec.title)
        w.get_style_context().add_class("zoo")
        w.set_default_size(spec.width, spec.height)
        w.move(40, 40)
        w.connect("destroy", Gtk.main_quit)
        self.fixed = Gtk.Fixed()
        w.add(self.fixed)
        self.widgets: dict[str, Gtk.Widget] = {}
        self.entries: dict[str, Gtk.Entry] = {}
        self.combos: dict[str, Gtk.ComboBoxText] = {}
        self.notes: dict[str, Gtk.TextView] = {}
        self.checks: dict[str, Gtk.CheckButton] = {}
        self.cells: dict[tuple[str, str, int], Gtk.Entry] = {}
        for f in spec.fields:
            if f.kind == "check":
                self.checks[f.label] = box = Gtk.CheckButton.new_with_label(f.label)
                self.put(f"field:{f.label}", box)
                continue
            self.put(f"label:{f.label}", self.label(f.label))
            if f.kind == "grid":
                for c in f.columns:
                    self.put(f"header:{f.label}:{c}", self.label(c))
                    for r in range(f.rows):
                        self.cells[(f.label, c, r)] = cell = Gtk.Entry()
                        cell.set_width_chars(1)
                        self.put(f"cell:{f.label}:{c}:{r}", cell)
            elif f.kind == "combo":
                self.combos[f.label] = combo = Gtk.ComboBoxText()
                for item in f.items:
                    combo.append_text(item)
                self.put(f"field:{f.label}", combo)
            elif f.kind == "note":
                self.notes[f.label] = view = Gtk.TextView()
                view.set_wrap_mode(Gtk.WrapMode.WORD)
                scroll = Gtk.ScrolledWindow()
                scroll.set_shadow_type(Gtk.ShadowType.IN)
                scroll.add(view)
                self.put(f"field:{f.label}", scroll)
            else:
                self.entries[f.label] = entry = Gtk.Entry()
                entry.set_width_chars(1)
                entry.connect("focus-in-event", lambda *_a, label=f.label: self.spring_trap(label))
                self.put(f"field:{f.label}", entry)
        button = Gtk.Button(label=spec.primary)
        button.connect("clicked", lambda _b: self.submit())
        self.put("button:primary", button)
        self.put("status:label", self.label(spec.status_label))
        self.status = self.label(spec.ready)
        self.put("status:value", self.status)
        w.show_all()
        GLib.timeout_add(300, self.first_dump)

    def label(self, text: str) -> Gtk.Label:
        label = Gtk.Label(label=text)
        label.set_xalign(0.0)
        return label

    def put(self, key: str, widget: Gtk.Widget) -> None:
        p = self.run.spec.places[key]
        widget.set_size_request(p.w, p.h)
        self.fixed.put(widget, p.x, p.y)
        self.widgets[key] = widget

    def spring_trap(self, label: str) -> bool:
        if label != self.run.trap:
            return False
        target = self.run.text_after(label)
        if target:
            GLib.idle_add(self.entries[target].grab_focus)
        return False

    def values(self) -> dict[str, object]:
        values = empty_values(self.run.spec)
        for label, entry in self.entries.items():
            values[label] = entry.get_text()
        for label, combo in self.combos.items():
            values[label] = combo.get_active_text() or ""
        for label, view in self.notes.items():
            buf = view.get_buffer()
            values[label] = buf.get_text(buf.get_start_iter(), buf.get_end_iter(), False)
        for label, check in self.checks.items():
            values[label] = check.get_active()
        for (label, c, r), cell in self.cells.items():
            values[label][r][c] = cell.get_text()  # type: ignore[index]
        return values

    def box_of(self, key: str) -> Box | None:
        widget = self.widgets.get(key)
        gdk_window = self.window.get_window()
        if widget is None or not widget.get_mapped() or gdk_window is None:
            return None
        _, ox, oy = gdk_window.get_origin()
        x, y = widget.translate_coordinates(self.window, 0, 0)
        a = widget.get_allocation()
        return (ox + x, oy + y, a.width, a.height)

    def write_dump(self) -> None:
        self.run.write_dump(self.box_of, self.values(), self.status.get_text())

    def first_dump(self) -> bool:
        self.window.set_focus(None)
        self.write_dump()
        GLib.timeout_add(100, self.poll)
        return False

    def poll(self) -> bool:
        command = self.run.next_command()
        if command is not None and self.run.obey(command):
            self.reset()
        if command is not None:
            self.write_dump()
            self.run.done_command()
        return True

    def reset(self) -> None:
        if self.dialog is not None:
            self.dialog.destroy()
            self.dialog = None
        for entry in [*self.entries.values(), *self.cells.values()]:
            entry.set_text("")
        for combo in self.combos.values():
            combo.set_active(-1)
        for view in self.notes.values():
            view.get_buffer().set_text("")
        for check in self.checks.values():
            check.set_active(False)
        self.status.set_text(self.run.spec.ready)
        self.window.set_focus(None)  # no field has the focus: every test starts from the same screen

    def submit(self) -> None:
        why = self.run.submit_problem(self.values())
        if why:
            self.status.set_text(why)
            return
        spec = self.run.spec
        d = Gtk.MessageDialog(
            transient_for=self.window, modal=True, message_type=Gtk.MessageType.QUESTION, text=spec.question
        )
        d.set_title(spec.confirm_title)
        d.add_button(spec.cancel, Gtk.ResponseType.NO)
        d.add_button(spec.confirm, Gtk.ResponseType.YES)
        d.connect("response", self.answer)
        self.dialog = d
        d.show_all()

    def answer(self, dialog: Gtk.Dialog, response: int) -> None:
        dialog.destroy()
        self.dialog = None
        if response == Gtk.ResponseType.YES:
            self.saves += 1
            self.run.save(self.values())
            self.status.set_text(self.run.spec.status_after(self.saves))
        GLib.idle_add(lambda: self.write_dump() and False)


def main() -> None:
    GtkForm(Run.load(sys.argv[1]))
    Gtk.main()


if __name__ == "__main__":
    main()
