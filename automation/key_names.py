"""One spelling per key: what pynput, X keysyms, xdotool and settings call a key, folded to one name.

Plain data and one pure function, at the bottom of automation: the recorder's reducers,
the commit rule and replay all name keys the same way.
"""

# Spellings of the same key from pynput, X keysyms and xdotool, folded to one name.
KEY_NAMES = {
    "return": "Return",
    "enter": "Return",
    "kp_enter": "Return",
    "tab": "Tab",
    "iso_left_tab": "Tab",
    "backspace": "BackSpace",
    "delete": "Delete",
    "del": "Delete",
    "escape": "Escape",
    "esc": "Escape",
    "left": "Left",
    "right": "Right",
    "up": "Up",
    "down": "Down",
    "home": "Home",
    "end": "End",
    "page_up": "Page_Up",
    "prior": "Page_Up",
    "page_down": "Page_Down",
    "next": "Page_Down",
    "insert": "Insert",
    "menu": "Menu",
}
MODIFIERS = {
    "shift": "shift",
    "shift_l": "shift",
    "shift_r": "shift",
    "ctrl": "ctrl",
    "ctrl_l": "ctrl",
    "ctrl_r": "ctrl",
    "control": "ctrl",
    "control_l": "ctrl",
    "control_r": "ctrl",
    "alt": "alt",
    "alt_l": "alt",
    "alt_r": "alt",
    "meta": "alt",
    "meta_l": "alt",
    "meta_r": "alt",
    "super": "super",
    "super_l": "super",
    "super_r": "super",
    "cmd": "super",
    "cmd_l": "super",
    "cmd_r": "super",
}
# Keys that change nothing by themselves: AltGr only selects which character a key types.
IGNORED = {"alt_gr", "iso_level3_shift", "caps_lock", "num_lock", "scroll_lock"}
COMBO_ORDER = ("ctrl", "alt", "shift", "super")


def key_name(key: str) -> str:
    """A character stays itself; a named key gets its one spelling ("enter" -> "Return")."""
    if len(key) == 1:
        return key
    folded = key.casefold()
    if folded == "space":
        return " "
    if folded in MODIFIERS:
        return MODIFIERS[folded]
    if folded in IGNORED:
        return ""
    if folded in KEY_NAMES:
        return KEY_NAMES[folded]
    if folded[:1] == "f" and folded[1:].isdigit():
        return f"F{folded[1:]}"
    return key
