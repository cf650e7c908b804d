"""A scripted model behind an OpenAI-compatible server on loopback, for end-to-end tests
where the model's choice is not what is under test: `deskhand do --server URL` runs the
real loop (screen, options, grounding, the goal check) and this answers like a model
that makes a given choice.

``choose(options)`` gets the numbered option texts of a choice prompt and returns the
1-based number to answer; ``fill(option, keys)`` gets the option being filled and the
JSON keys asked for and returns their values. Every prompt is kept for the test to read.
"""

from __future__ import annotations

import http.server
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.support.model_server import serving

Choose = Callable[[list[str]], int]
Fill = Callable[[str, list[str]], dict[str, str]]
OPTION = re.compile(r"^(\d+)\. (.*)$", re.MULTILINE)
FILL = re.compile(r"Fill in option \d+: (.*)\n")


@dataclass
class Script:
    choose: Choose
    fill: Fill
    seen: list[list[str]] = field(default_factory=list)  # the options of every choice, in order


def first_with(*wanted: str) -> Choose:
    """Pick the first option holding any of ``wanted`` (in the order given), else option 1."""

    def choose(options: list[str]) -> int:
        for want in wanted:
            for i, text in enumerate(options, 1):
                if want in text:
                    return i
        return 1

    return choose


def copy(values: dict[str, str]) -> Fill:
    """Fill each key with the value given for the first of ``values``' names found in the option."""

    def fill(option: str, keys: list[str]) -> dict[str, str]:
        return {k: next((v for name, v in values.items() if name.casefold() in option.casefold()), "") for k in keys}

    return fill


def answer(script: Script, body: dict) -> str:
    last = body["messages"][-1]["content"]
    filling = FILL.search(last)
    if filling is not None:
        keys = list(body["response_format"]["schema"]["properties"])
        return json.dumps(script.fill(filling.group(1), keys), ensure_ascii=False)
    options = [text for _, text in OPTION.findall(last.split("\n\n")[0])]
    script.seen.append(options)
    return str(script.choose(options))


@contextmanager
def chooser(script: Script) -> Iterator[str]:
    """Serve ``script`` on a loopback port; yields the URL for ``--server``."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            text = answer(script, body)
            reply = {
                "model": "scripted",
                "choices": [{"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1},
            }
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    with serving(Handler) as url:
        yield url
