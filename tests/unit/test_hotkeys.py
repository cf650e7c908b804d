"""Hotkeys: parsing pynput's combination strings, the settings' check, and which binding fires."""

from __future__ import annotations

import pytest

from app.services.settings import Settings, hotkeys, load_settings, settings_file
from automation.errors import EnvironmentProblem
from automation.hotkeys import Binding, Chords, HotkeyError, parse_hotkey

CTRL, ALT, SHIFT, D, ESC, X = 37, 64, 50, 40, 9, 53  # keycodes as X reports them


@pytest.mark.parametrize(
    ("text", "modifiers", "key"),
    [
        ("<ctrl>+<alt>+<shift>+d", {"ctrl", "alt", "shift"}, "d"),
        ("<ctrl>+<alt>+D", {"ctrl", "alt"}, "d"),
        ("<Ctrl>+<Alt>+<Esc>", {"ctrl", "alt"}, "esc"),
        ("<cmd>+<f5>", {"super"}, "f5"),
        ("<f9>", set(), "f9"),  # a function key is never typed text
        ("<ctrl>++", {"ctrl"}, "+"),
        (" <alt>+1 ", {"alt"}, "1"),
    ],
)
def test_combinations_in_pynputs_form_parse(text: str, modifiers: set[str], key: str) -> None:
    hotkey = parse_hotkey(text)
    assert (hotkey.modifiers, hotkey.key) == (modifiers, key)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<ctrl>+<alt>+<foo>", "unknown key <foo>"),
        ("ctrl+alt+d", "'ctrl' in 'ctrl+alt+d' must be written <ctrl>"),
        ("<ctrl>+ab", "unknown key 'ab'"),
        ("<ctrl>+<alt>", "has 0 keys"),
        ("<ctrl>+a+b", "has 2 keys"),
        ("<shift>+d", "needs <ctrl>, <alt> or <cmd>"),
        ("d", "needs <ctrl>, <alt> or <cmd>"),
        ("<ctrl>+<shift>+1", "use a letter"),
        ("<ctrl>+", "an empty key"),
        ("", "an empty key"),
    ],
)
def test_a_bad_combination_names_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(HotkeyError, match=says.replace("+", r"\+").replace("<", "<")):
        parse_hotkey(text)


def test_the_default_hotkeys_parse_and_differ() -> None:
    parsed = hotkeys(Settings())
    assert parsed["hotkey_show"] != parsed["hotkey_abort"]
    for hotkey in parsed.values():  # ctrl+alt+shift: no common window manager binds these
        assert hotkey.modifiers == {"ctrl", "alt", "shift"}


def test_a_bad_hotkey_in_the_settings_file_names_the_setting_the_key_and_the_file() -> None:
    settings_file().write_text('[deskhand]\nhotkey_abort = "<ctrl>+<alt>+<escape>"\n')
    with pytest.raises(EnvironmentProblem) as err:
        load_settings()
    assert "hotkey_abort" in err.value.message and "<escape>" in err.value.message
    assert str(settings_file()) in err.value.message
    assert "<ctrl>+<alt>+<shift>+<esc>" in err.value.fix  # the default, as an example


def test_two_settings_with_one_combination_are_refused() -> None:
    settings_file().write_text('[deskhand]\nhotkey_show = "<alt>+<ctrl>+q"\nhotkey_abort = "<ctrl>+<alt>+Q"\n')
    with pytest.raises(EnvironmentProblem, match="same combination"):
        load_settings()


def bound() -> tuple[Chords, list[str]]:
    calls: list[str] = []
    chords = Chords(
        [
            Binding(parse_hotkey("<ctrl>+<alt>+d"), lambda: calls.append("show"), lambda: calls.append("show up")),
            Binding(parse_hotkey("<ctrl>+<alt>+<esc>"), lambda: calls.append("abort")),
        ]
    )
    return chords, calls


def play(chords: Chords, *events: tuple[str, str, int]) -> None:
    for kind, name, code in events:
        for callback in chords.down(name, code) if kind == "down" else chords.up(name, code):
            callback()


def test_a_combination_fires_its_press_once_and_its_release_when_a_key_comes_up() -> None:
    chords, calls = bound()
    play(chords, ("down", "ctrl", CTRL), ("down", "alt", ALT), ("down", "d", D))
    assert calls == ["show"]
    play(chords, ("down", "d", D), ("down", "d", D))  # auto-repeat
    assert calls == ["show"]
    play(chords, ("up", "d", D))
    assert calls == ["show", "show up"]
    play(chords, ("up", "alt", ALT), ("up", "ctrl", CTRL))
    assert calls == ["show", "show up"]


def test_letting_go_of_a_modifier_first_also_releases() -> None:
    chords, calls = bound()
    play(chords, ("down", "ctrl", CTRL), ("down", "alt", ALT), ("down", "d", D), ("up", "ctrl", CTRL), ("up", "d", D))
    assert calls == ["show", "show up"]


def test_names_as_the_hook_reports_them_match() -> None:
    chords, calls = bound()
    play(chords, ("down", "ctrl", CTRL), ("down", "alt", ALT), ("down", "Escape", ESC), ("up", "Escape", ESC))
    play(chords, ("down", "D", D))  # a shifted letter still names its key, but shift is not bound here
    assert calls == ["abort", "show"]


@pytest.mark.parametrize(
    "events",
    [
        [("down", "d", D)],  # no modifiers: typing
        [("down", "ctrl", CTRL), ("down", "d", D)],  # not all of them
        [("down", "ctrl", CTRL), ("down", "alt", ALT), ("down", "shift", SHIFT), ("down", "d", D)],  # one too many
        [("down", "ctrl", CTRL), ("down", "alt", ALT), ("down", "x", X)],  # another key
        [("down", "ctrl", CTRL), ("down", "alt", ALT), ("up", "alt", ALT), ("down", "d", D)],  # alt let go
    ],
)
def test_other_combinations_fire_nothing(events: list[tuple[str, str, int]]) -> None:
    chords, calls = bound()
    play(chords, *events)
    assert calls == []


def test_is_hotkey_says_whether_a_key_completes_a_binding_now() -> None:
    chords, _ = bound()
    assert not chords.is_hotkey("Escape")
    play(chords, ("down", "ctrl", CTRL), ("down", "alt", ALT))
    assert chords.is_hotkey("Escape") and chords.is_hotkey("d") and not chords.is_hotkey("x")
