"""Model servers on loopback for the HTTP backend's tests: the real llama-cpp-python
server, one that never answers, and one that answers whatever a test scripts."""

from __future__ import annotations

import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from automation.timings import wait_until

SERVER_START_TIMEOUT = 60.0  # ~2.5 s on a quiet 2-core machine; generous for a busy one
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now (the kernel's pick, released at once)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


@dataclass
class LlamaServer:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_llama_server(model: Path, log: Path, *, api_key: str = "") -> LlamaServer:
    """``python -m llama_cpp.server`` on a free loopback port, one thread, ready to answer."""
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model)]
    command += ["--host", LOOPBACK, "--port", str(port), "--n_threads", "1", "--n_threads_batch", "1"]
    command += ["--n_ctx", "2048", "--verbose", "False"]
    if api_key:
        command += ["--api_key", api_key]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = LlamaServer(process, f"http://{LOOPBACK}:{port}", log)

    def ready() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {process.returncode}: {log.read_text()[-2000:]}")
        request = urllib.request.Request(server.url + "/v1/models", headers={"Authorization": f"Bearer {api_key}"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    try:
        wait_until(ready, name="llama_cpp.server to list its models", timeout=SERVER_START_TIMEOUT, interval=0.1)
    except BaseException:
        server.stop()
        raise
    return server


@contextmanager
def silent_server() -> Iterator[str]:
    """A loopback port that accepts connections and never says a word; yields its URL."""
    listener = socket.socket()
    listener.bind((LOOPBACK, 0))
    listener.listen()
    listener.settimeout(0.05)
    held: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
                held.append(connection)
            except TimeoutError:
                continue

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


@contextmanager
def scripted_server(status: int, body: bytes, content_type: str = "application/json") -> Iterator[str]:
    """A loopback HTTP server that answers every POST with ``status`` and ``body``."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    with serving(Handler) as url:
        yield url


def error_body(message: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": "server_error"}}).encode()


@contextmanager
def choosing_server(choose: Callable[[str], str], bodies: list[str] | None = None) -> Iterator[str]:
    """An OpenAI-compatible chat server on loopback standing for a model: asked to pick from a
    numbered list of options, it answers ``choose(prompt)``'s line of it (or the first), and
    ``{}`` to anything else; ``bodies`` keeps every request as sent (what a remote model sees)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.reply({"data": [{"id": "scripted"}]})

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            if bodies is not None:
                bodies.append(body)
            prompt = json.loads(body)["messages"][-1]["content"]
            wanted = choose(prompt)
            options = re.findall(r"^(\d+)\. (.*)$", prompt, re.M)
            number = next((n for n, text in options if wanted in text), "1")
            content = number if "Options:" in prompt else "{}"
            self.reply({"choices": [{"message": {"role": "assistant", "content": content}}], "usage": {}})

        def reply(self, data: object) -> None:
            out = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    with serving(Handler) as url:
        yield url


@contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` served on a free loopback port in a thread, for as long as the block runs."""
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
