"""The zoo keypad in GTK 3 (Debian's python3-gi), each key with a tooltip.  /usr/bin/python3 keypad_gtk.py RUN.json"""

from __future__ import annotations

import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keypad import KeypadRun  # noqa: E402


class GtkKeypad:
    def __init__(self, run: KeypadRun) -> None:
        self.run, spec = run, run.spec
        theme = run.theme()
        css = f"* {{ font-family: '{spec.font}'; font-size: {spec.font_px}px; }}\n"
        css += "label.display { background-color: white; padding-right: 8px; }\n"
        if theme["bg"]:
            css += f"window.zoo, window.zoo > fixed {{ background-color: {theme['bg']}; }}\n"
        provider = Gtk.CssProvider()
        provider.load_from_data(css.encode())
        Gtk.StyleContext.add_provider_for_screen(
            Gtk.Window().get_screen(), provider, Gtk.STYLE_PROVIDER_PRIORITY_APPLICATION
        )
        self.window = w = Gtk.Window(title=spec.title)
        w.get_style_context().add_class("zoo")
        w.set_default_size(spec.width, spec.height)
        w.set_resizable(False)
        w.move(60, 60)
        w.connect("destroy", Gtk.main_quit)
        self.fixed = Gtk.Fixed()
        w.add(self.fixed)
        self.widgets: dict[str, Gtk.Widget] = {}
        self.display = Gtk.Label(label=run.calculator.shown)
        self.display.set_xalign(1.0)
        self.display.get_style_context().add_class("display")
        frame = Gtk.Frame()  # GTK's own sunken read-out frame
        frame.set_shadow_type(Gtk.ShadowType.IN)
        frame.add(self.display)
        self.put("display", frame)
        for key in spec.keys:
            button = Gtk.Button(label=key.symbol)
            button.set_tooltip_text(key.name)
            button.set_can_focus(False)
            button.connect("clicked", lambda _b, s=key.symbol: self.press(s))
            self.put(f"key:{key.symbol}", button)
        w.show_all()
        GLib.timeout_add(300, self.first_dump)

    def put(self, name: str, widget: Gtk.Widget) -> None:
        p = self.run.spec.places[name]
        widget.set_size_request(p.w, p.h)
        self.fixed.put(widget, p.x, p.y)
        self.widgets[name] = widget

    def press(self, symbol: str) -> None:
        self.display.set_text(self.run.calculator.press(symbol))
        GLib.idle_add(lambda: self.run.write_dump(self.box_of) and False)

    def box_of(self, name: str) -> tuple[int, int, int, int] | None:
        widget = self.widgets.get(name)
        gdk_window = self.window.get_window()
        if widget is None or not widget.get_mapped() or gdk_window is None:
            return None
        _, ox, oy = gdk_window.get_origin()
        x, y = widget.translate_coordinates(self.window, 0, 0)
        a = widget.get_allocation()
        return (ox + x, oy + y, a.width, a.height)

    def first_dump(self) -> bool:
        self.run.write_dump(self.box_of)
        GLib.timeout_add(100, self.poll)
        return False

    def poll(self) -> bool:
        self.run.poll(self.box_of, self.display.set_text)
        return True


def main() -> None:
    GtkKeypad(KeypadRun.load(sys.argv[1]))
    Gtk.main()


if __name__ == "__main__":
    main()
