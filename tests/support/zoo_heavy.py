"""Zoo toolkits that need a build, a browser or a Java start: Chromium, Swing, Win32 under Wine.

Win32: form.c is built with mingw-w64 and run under Wine in a prefix of its own; both
the exe and the prefix live in the cache folder the caller hands in, so a test session
builds and boots once (the first `wineboot` takes the longest; see docs/zoo.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytesseract

from automation.backends.mss_screen import MssScreen
from automation.timings import wait_until
from automation.types import Box, Window
from tests.apps.zoo.runfile import dump_items
from tests.apps.zoo.spec import Spec, spec_from_json
from tests.support import xserver, zoo
from tests.support.zoo import ZOO, Starter, ZooForm

WINE_ENV = {"WINEDLLOVERRIDES": "mscoree,mshtml=", "WINEDEBUG": "-all"}
BUILD_TIMEOUT = 120.0
BOOT_TIMEOUT = 180.0


def web(run: Path, _cache: Path) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, str(ZOO / "web_form.py"), str(run)], {}


def swing(run: Path, _cache: Path) -> tuple[list[str], dict[str, str]]:
    # Single-file source launch, compiled in memory at each start (~10 s on 2 cores).
    tree = ATK_WRAPPER if os.environ.get("DBUS_SESSION_BUS_ADDRESS") else []
    return ["java", *tree, str(ZOO / "Form.java"), str(run)], {}


# With a session bus (the merged view), Swing's tree reaches AT-SPI through Debian's ATK
# wrapper (libatk-wrapper-java{,-jni}); Debian's accessibility.properties leaves it off.
ATK_WRAPPER = [
    "-cp",
    "/usr/share/java/java-atk-wrapper.jar",
    "-Djava.library.path=/usr/lib/x86_64-linux-gnu/jni",
    "-Djavax.accessibility.assistive_technologies=org.GNOME.Accessibility.AtkWrapper",
]


def win32(run: Path, cache: Path) -> tuple[list[str], dict[str, str]]:
    exe = built_exe(cache)
    env = {**WINE_ENV, "WINEPREFIX": str(wine_prefix(cache))}
    raw = json.loads(run.read_text())
    flat = run.with_suffix(".txt")
    flat.write_text(win32_lines(spec_from_json(json.dumps(raw["spec"])), raw))
    return ["wine", str(exe), windows_path(flat)], env


def built_exe(cache: Path) -> Path:
    source = ZOO / "form.c"
    exe = cache / "form.exe"
    if not exe.exists() or exe.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(
            ["x86_64-w64-mingw32-gcc", "-O1", "-mwindows", "-o", str(exe), str(source)],
            check=True,
            capture_output=True,
            timeout=BUILD_TIMEOUT,
        )
    return exe


def wine_prefix(cache: Path) -> Path:
    prefix = cache / "wineprefix"
    if not (prefix / "system.reg").exists():
        env = {**os.environ, **WINE_ENV, "WINEPREFIX": str(prefix)}
        subprocess.run(["wineboot", "-i"], env=env, check=True, capture_output=True, timeout=BOOT_TIMEOUT)
        subprocess.run(["wineserver", "-w"], env=env, check=True, capture_output=True, timeout=BOOT_TIMEOUT)
    return prefix


def windows_path(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


WIN32_CLASSES = {"text": "edit", "number": "edit", "date": "edit", "combo": "combo", "note": "note", "check": "check"}


def win32_lines(spec: Spec, raw: dict[str, object]) -> str:
    """The run flattened for form.c: one tab-separated line per setting, widget and value."""
    theme = raw["theme"]
    assert isinstance(theme, dict)
    lines = [
        f"title\t{spec.title}",
        f"size\t{spec.width}\t{spec.height}",
        f"font\t{spec.font}\t{spec.font_px}",
        f"theme\t{theme['bg'] or '-'}\t{theme['fg'] or '-'}",
        "\t".join(["words", spec.primary, spec.confirm, spec.cancel, spec.confirm_title, spec.question]),
        f"status\t{spec.ready}\t{spec.saved}",
        "\t".join(["paths", *(windows_path(Path(str(raw[k]))) for k in ("out", "dump", "command"))]),
    ]
    fragments: dict[str, list[str]] = {}
    for key, item in dump_items(spec, ""):
        if key == "status:value":
            item = {k: v for k, v in item.items() if k != "text"}  # form.c adds the live text
        fragments.setdefault(key, []).append(json.dumps(item))
    kinds = {f.label: f.kind for f in spec.fields}
    for key, parts in fragments.items():
        kind, _, rest = key.partition(":")
        label = rest.split(":")[0]
        text = label
        items = ""
        if kind == "field":
            cls = WIN32_CLASSES[kinds[label]]
            text = label if cls == "check" else ""
            items = "|".join(spec.field(label).items)
        elif kind == "cell":
            cls, text = "cell", ""
        elif kind == "header":
            cls, text = "label", rest.split(":")[1]
        elif key == "button:primary":
            cls, text = "button", spec.primary
        elif key == "status:label":
            cls, text = "label", spec.status_label
        elif key == "status:value":
            cls, text = "status", spec.ready
        else:
            cls = "label"
        p = spec.places[key]
        box = [str(p.x), str(p.y), str(p.w), str(p.h)]
        lines.append("\t".join(["w", key, cls, text, *box, items, "\x1f".join(parts)]))
    for f in spec.fields:
        lines.append("\t".join(["v", f.label, f.kind, str(int(f.required)), str(f.rows), "|".join(f.columns)]))
    return "\n".join(lines) + "\n"


STARTERS: dict[str, Starter] = {"html": web, "swing": swing, "win32": win32}


VNC_SIZE = (900, 720)  # the remote desktop; the viewer shows it 1:1 on the suite's 1280x800 screen
VNC_TIMEOUT = 40.0


def launch_vnc(seed: int, folder: Path, toolkit: str = "tk") -> ZooForm:
    """``toolkit``'s form on a TigerVNC server of its own, seen through a TigerVNC viewer on $DISPLAY.

    Deskhand sees only the viewer's pixels (no window list, no accessibility inside). The
    form's dump is in the remote desktop's coordinates; ``ZooForm.offset`` moves it to
    where the viewer shows it. Server and viewer talk over loopback only, without a password.
    """
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    n = xserver.first_free_from(150)
    while xserver.display_taken(n):
        n += 1
    port = 5900 + n
    remote = f":{n}"
    logs = [open(folder / f"{name}.log", "wb") for name in ("xvnc", "viewer")]  # noqa: SIM115
    server = subprocess.Popen(
        [
            "Xvnc",
            remote,
            "-geometry",
            "x".join(map(str, VNC_SIZE)),
            "-depth",
            "24",
            "-rfbport",
            str(port),
            "-localhost",
            "-SecurityTypes",
            "None",
            "-desktop",
            "Zoo remote",
            "-nolisten",
            "tcp",
            "-AlwaysShared",
        ],
        stdout=logs[0],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started: list[subprocess.Popen[bytes]] = [server]
    try:
        # python-xlib keeps extension event tables per process: a second server with other
        # extensions (Xvnc beside Xvfb) breaks its connections, so the remote side is probed
        # with X's own tools, and the form there is awaited by its dump.
        xserver.poll(lambda: x_tool_ok(["xdpyinfo"], remote), f"Xvnc {remote}", server)
        wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env={**os.environ, "DISPLAY": remote}, start_new_session=True
        )
        started.insert(0, wm)
        probe = ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"]
        xserver.poll(lambda: "window id" in x_tool_out(probe, remote), "openbox in the VNC session", wm)
        inner = launch_remote(toolkit, seed, folder / "inner", remote)
        started[:0] = inner.processes
        viewer = subprocess.Popen(
            [
                "xtigervncviewer",
                "-SecurityTypes",
                "None",
                "-RemoteResize=0",
                "-Shared",
                "-geometry",
                f"{VNC_SIZE[0]}x{VNC_SIZE[1]}+30+20",
                f"127.0.0.1::{port}",
            ],
            stdout=logs[1],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.insert(0, viewer)
        window = zoo.wait_for("Zoo remote - TigerVNC", inner.dump_path, viewer, VNC_TIMEOUT, folder / "viewer.log")
        wait_for_viewer_notice_gone(window)
    except Exception:
        for proc in started:
            zoo.stop_process(proc)
        raise
    form = ZooForm(
        "vnc",
        inner.spec,
        window.title,
        inner.out,
        inner.dump_path,
        inner.command,
        started,
        window,
        round(time.monotonic() - t0, 2),
    )
    form.offset = (window.box.x, window.box.y)
    form.inner_title = inner.title
    return form


def wait_for_viewer_notice_gone(window: Window) -> None:
    """Poll until the viewer's start-up notice ("Press F8 to open the context menu", drawn over the
    remote screen's top for a few seconds, then faded out) is gone and its top band is still.

    A person waits for the remote screen to settle before working in it; the notice covers the
    form's first rows (a combo's top edge, the grid's caption), which no reading can see through.
    """
    screen = MssScreen()
    top = Box(window.box.x, window.box.y, window.box.w, min(window.box.h, 160))
    last: list[bytes] = []

    def settled() -> bool:
        image = screen.grab(top)
        words = pytesseract.image_to_string(image.convert("L"))
        pixels = image.tobytes()
        still = bool(last) and last[-1] == pixels
        last[:] = [pixels]
        return still and "F8" not in words and "context menu" not in words

    wait_until(settled, name="the VNC viewer's start-up notice to fade", timeout=VNC_TIMEOUT, interval=0.5)


def x_tool_out(command: list[str], display: str) -> str:
    env = {**os.environ, "DISPLAY": display}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=10, check=False)
    return result.stdout if result.returncode == 0 else ""


def x_tool_ok(command: list[str], display: str) -> bool:
    return bool(x_tool_out(command, display))


def launch_remote(toolkit: str, seed: int, folder: Path, display: str) -> ZooForm:
    """The form on another X display, ready once it has dumped its geometry."""
    spec = zoo.spec_for(seed, title=zoo.title_for(toolkit))
    run = zoo.write_run(folder, toolkit, spec)
    command, env = zoo.STARTERS[toolkit](run, folder)
    log = open(folder / f"{toolkit}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        command,
        env={**os.environ, **env, "DISPLAY": display},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=folder,
    )
    dump = folder / "dump.json"
    xserver.poll(dump.exists, f"the {toolkit} form on {display}", proc)
    return ZooForm(toolkit, spec, spec.title, folder / "out.json", dump, folder / "command", [proc], None, 0.0)  # type: ignore[arg-type]


def running_vnc(seed: int, folder: Path) -> Iterator[ZooForm]:
    form = launch_vnc(seed, folder)
    try:
        yield form
    finally:
        form.stop()
