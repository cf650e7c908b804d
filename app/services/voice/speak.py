"""Spoken replies through espeak-ng, off by default (settings: speak_replies = true).

espeak-ng runs as a child process and is never waited for: the panel's thread goes on
at once. A new reply cuts the one still being spoken, as a person would stop mid-word
to say what is new.
"""

from __future__ import annotations

import shutil
import subprocess

from automation.errors import EnvironmentProblem


class Speaker:
    def __init__(self, program: str = "espeak-ng", voice: str = "en-us") -> None:
        found = shutil.which(program)
        if found is None:
            raise EnvironmentProblem(
                f"spoken replies need {program}, which is not installed", "apt-get install espeak-ng"
            )
        self.command = [found, "-v", voice]
        self.speaking: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        self.hush()
        self.speaking = subprocess.Popen(
            [*self.command, "--", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def hush(self) -> None:
        if self.speaking is not None and self.speaking.poll() is None:
            self.speaking.terminate()
            self.speaking.wait()  # ends at once on SIGTERM; reaped, so no zombie is left
        self.speaking = None
