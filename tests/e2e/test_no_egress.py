"""Nothing leaves the machine, shown by tracing: every connect, sendto and sendmsg of Deskhand's
process tree (strace -f) during `observe`, a `replay`, an `act` and a `deskhand do` with the tiny
GGUF on the Tk client names only AF_UNIX sockets (the X server) or loopback addresses.

The test applications run outside the traced tree: only Deskhand's own processes are judged.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.paths import data_dir
from automation.skill_card import SkillParam
from automation.skills.model import Anchor, Skill, TypeStep, WindowMatch
from automation.skills.store import SkillStore
from tests.support.apps import REPO, RunningApp

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (packaging/apt-packages.txt)"),
]

CALL = re.compile(r"^\d+\s+(connect|sendto|sendmsg)\((.*)$")
FAMILY = re.compile(r"(?:sa|nl)_family=(AF_\w+)")
IPV4 = re.compile(r'sin_addr=inet_addr\("([\d.]+)"\)')
IPV6 = re.compile(r'inet_pton\(AF_INET6, "([0-9a-fA-F:.]+)"')


def traced(log: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """`deskhand ARGS` with every connect/sendto/sendmsg of its whole process tree written to ``log``."""
    script = Path(sys.executable).with_name("deskhand")
    command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log), str(script), *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def destinations(log: Path) -> list[str]:
    """Each traced call's destination: "AF_UNIX", "AF_INET 127.0.0.1", ...; "connected" when the call names none."""
    found = []
    for line in log.read_text(errors="replace").splitlines():
        call = CALL.match(line)
        if call is None:
            continue
        args = call.group(2)
        family = FAMILY.search(args)
        if family is None:
            found.append("connected")  # sendto(fd, ..., NULL, 0) / sendmsg without msg_name: its connect was traced
            continue
        name = family.group(1)
        address = IPV4.search(args) or IPV6.search(args)
        found.append(f"{name} {address.group(1)}" if address else name)
    return found


def local(destination: str) -> bool:
    import ipaddress

    name, _, address = destination.partition(" ")
    if name in ("AF_UNIX", "AF_UNSPEC", "AF_NETLINK", "connected"):
        return True  # a local socket, a disconnect, the kernel's own channel, or an already-judged connection
    if name in ("AF_INET", "AF_INET6") and address:
        ip = ipaddress.ip_address(address)
        mapped = getattr(ip, "ipv4_mapped", None)
        return ip.is_loopback or bool(mapped and mapped.is_loopback)
    return False


def test_the_parser_tells_loopback_from_the_world(tmp_path: Path) -> None:
    log = tmp_path / "trace.txt"
    log.write_text(
        '10 connect(3, {sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X90"}, 21) = 0\n'
        '11 connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0\n'
        '12 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1")'
        ", sin6_scope_id=0}, 28) = 0\n"
        '13 sendto(6, "x", 1, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("8.8.8.8")}, 16) = 1\n'
        '14 connect(7, {sa_family=AF_INET6, sin6_port=htons(443), inet_pton(AF_INET6, "2606:4700::1")}, 28) = -1\n'
        '15 sendto(3, "\\1", 1, MSG_NOSIGNAL, NULL, 0) = 1\n'
    )
    found = destinations(log)
    assert found == [
        "AF_UNIX",
        "AF_INET 127.0.0.1",
        "AF_INET6 ::1",
        "AF_INET 8.8.8.8",
        "AF_INET6 2606:4700::1",
        "connected",
    ]
    assert [d for d in found if not local(d)] == ["AF_INET 8.8.8.8", "AF_INET6 2606:4700::1"]


def typing_skill() -> Skill:
    form = WindowMatch("Tk", "Legacy Expense System")
    return Skill(
        "enter-amount",
        "type an amount into the expense form",
        params=(SkillParam("amount", "How much?", "42.50"),),
        steps=(TypeStep("{amount}", Anchor(form, "Amount", field=True), form),),
    )


def test_observe_replay_and_do_with_a_local_model_connect_nowhere_but_here(
    legacy: RunningApp, tiny_gguf: Path, tmp_path: Path
) -> None:
    with SkillStore(data_dir() / "skills.db") as store:
        store.save(typing_skill())
    runs = {
        "observe": traced(tmp_path / "observe.txt", "observe", "--json"),
        "replay": traced(tmp_path / "replay.txt", "replay", "enter-amount", "--set", "amount=63.20"),
        "act": traced(tmp_path / "act.txt", "act", "key", "Tab", "--window", "Legacy Expense System"),
        "do": traced(
            tmp_path / "do.txt",
            "do",
            "enter 42.50 as the amount",
            "--model",
            str(tiny_gguf),
            "--max-steps",
            "2",
            "--json",
        ),
    }
    assert runs["observe"].returncode == 0, runs["observe"].stderr
    assert "Legacy Expense System" in runs["observe"].stdout
    assert runs["replay"].returncode == 0, runs["replay"].stderr
    assert runs["act"].returncode == 0, runs["act"].stderr
    report = json.loads(runs["do"].stdout)
    assert report["exit_code"] == runs["do"].returncode and report["model_calls"], runs["do"].stderr
    for name in runs:
        found = destinations(tmp_path / f"{name}.txt")
        assert "AF_UNIX" in found, f"{name}: the trace saw not even the X connection: {found}"
        assert [d for d in found if not local(d)] == [], f"{name} reached beyond this machine"
    # Deskhand's own record of the run agrees: every action it sent is in the audit log.
    log = subprocess.run(
        [str(Path(sys.executable).with_name("deskhand")), "log", "--json"], capture_output=True, text=True, cwd=REPO
    )
    entries = [json.loads(line) for line in log.stdout.splitlines()]
    assert any(e["who"] == "replay" and e["value"] == "63.20" and e["result"] == "sent" for e in entries), entries
    assert any(e["who"] == "act" and e["request"] == "press Tab in 'Legacy Expense System'" for e in entries), entries
    assert any(e["who"] == "agent" and e["request"] == "enter 42.50 as the amount" for e in entries) or not any(
        s["stage"] == "act" for s in report["steps"]
    ), entries  # the tiny model may act or not; when it did, the log has it under the request
