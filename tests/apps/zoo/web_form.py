"""The zoo form as a web page in Chromium's app mode, served and judged on loopback.

    python web_form.py RUN.json

Serves the page on 127.0.0.1 (a free port), starts Chromium with `--app=` on it, and
turns what the page posts into the same files the other renderers write: the dump
(/dump), the output (/save), the refusal reason (/check). The page polls /command for
the run's command file and posts /done when it has obeyed it. Chromium is this
process's child and is stopped with it, by PID. Nothing listens beyond loopback, and
Chromium runs with its background networking, sync and component updates off.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runfile import Run
from spec import THEMES

HERE = Path(__file__).resolve().parent


def page(run_json: str) -> bytes:
    run = json.loads(run_json)
    html = (HERE / "web_form.html").read_text()
    html = html.replace("TITLE", run["spec"]["title"]).replace("RUN_JSON", run_json)
    return html.replace("THEMES_JSON", json.dumps(THEMES)).encode()


def serve(run: Run, run_json: str) -> ThreadingHTTPServer:
    body = page(run_json)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def reply(self, data: bytes, kind: str = "text/plain") -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/command":
                self.reply((run.next_command() or "").encode())
            else:
                self.reply(body, "text/html; charset=utf-8")

        def do_POST(self) -> None:
            data = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if self.path == "/dump":
                boxes = data["boxes"]
                run.write_dump(lambda key: tuple(boxes[key]) if key in boxes else None, data["values"], data["status"])
            elif self.path == "/save":
                run.save(data)
            elif self.path == "/check":
                self.reply((run.submit_problem(data) or "").encode())
                return
            elif self.path == "/done":
                run.done_command()
            self.reply(b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium_command(url: str, profile: Path, spec_width: int, spec_height: int) -> list[str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    return [
        browser,
        f"--app={url}",
        "--no-sandbox",  # needed as root; --test-type drops the bar that warns about it
        "--test-type",
        "--force-renderer-accessibility",  # its tree reaches AT-SPI when a session bus is there
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-features=Translate,MediaRouter,OptimizationHints",
        "--password-store=basic",
        f"--user-data-dir={profile}",
        f"--window-size={spec_width + 20},{spec_height + 60}",
        "--window-position=40,40",
    ]


def main() -> None:
    run_path = Path(sys.argv[1])
    run_json = run_path.read_text()
    run = Run.load(str(run_path))
    server = serve(run, run_json)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    profile = run_path.parent / "chromium-profile"
    browser = subprocess.Popen(chromium_command(url, profile, run.spec.width, run.spec.height))

    def stop(*_args: object) -> None:
        if browser.poll() is None:
            browser.terminate()
            try:
                browser.wait(timeout=5)
            except subprocess.TimeoutExpired:
                browser.kill()
        server.shutdown()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    code = browser.wait()
    server.shutdown()
    sys.exit(code)


if __name__ == "__main__":
    main()
