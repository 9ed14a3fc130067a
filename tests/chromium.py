"""Headless Debian Chromium for the view tests and bench/view_speed.py: DOM dumps, screenshots, console
messages, and the wall-clock time until a view page reports that its layout settled.

Pages are opened from ``file://`` with networking switched off where Chromium allows it, a throw-away
profile per run, and ``--enable-logging=stderr --v=0`` so that console messages and uncaught exceptions
appear on stderr as ``...:CONSOLE...`` lines.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
)
WINDOW = "--window-size=1280,900"


@dataclass(frozen=True)
class Run:
    """What one Chromium run left: its stdout (the DOM for ``--dump-dom``) and the console lines."""

    stdout: str
    console: list[str]


def console_lines(stderr: str) -> list[str]:
    """Chromium's log lines that carry a page console message or an uncaught exception."""
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE[:(]", line)]


def run(page: Path, *args: str, budget_ms: int = 10_000, timeout: float = 180) -> Run:
    """Open ``page`` in headless Chromium with virtual time (``budget_ms``) and ``args`` (``--dump-dom``…)."""
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        command = [
            "chromium",
            *FLAGS,
            f"--user-data-dir={profile}",
            WINDOW,
            f"--virtual-time-budget={budget_ms}",
            *args,
            page.resolve().as_uri(),
        ]
        # its own process group, so that a timeout ends the renderer and helper processes too
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        ) as proc:
            try:
                stdout, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise
    if proc.returncode != 0:
        raise RuntimeError(f"chromium failed on {page} ({proc.returncode}): {stderr[-2000:]}")
    return Run(stdout, console_lines(stderr))


def dump_dom(page: Path, budget_ms: int = 10_000) -> Run:
    """The DOM after the page's scripts ran (and the console lines)."""
    result = run(page, "--dump-dom", budget_ms=budget_ms)
    if "<html" not in result.stdout:
        raise RuntimeError(f"chromium printed no DOM for {page}")
    return result


def screenshot(page: Path, png: Path, budget_ms: int = 10_000) -> Run:
    """A 1280x900 PNG of ``page`` once its scripts ran."""
    result = run(page, f"--screenshot={png}", budget_ms=budget_ms)
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot of {page}")
    return result


def body_data(dom: str) -> dict[str, str]:
    """The ``data-*`` attributes of ``<body>`` in a dumped DOM (the view page reports its state there)."""
    tag = re.search(r"<body([^>]*)>", dom)
    assert tag, "no <body> in the DOM"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', tag.group(1)))


def pixel_spread(png: Path, box: tuple[int, int, int, int] | None = None) -> tuple[float, int]:
    """The variance of the grey levels of a PNG, or of the ``box`` (left, top, right, bottom) in it, and
    its number of distinct colours: 0 and 1 for a blank area."""
    from PIL import Image, ImageStat

    with Image.open(png) as image:
        rgb = image.convert("RGB").crop(box) if box else image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        return float(ImageStat.Stat(rgb.convert("L")).var[0]), len(colours)


# ---------------------------------------------------------------------------------------------------
# real time to settle, through the DevTools protocol on a pipe (no virtual time, no extra packages)


class _Pipe:
    """The DevTools protocol over ``--remote-debugging-pipe`` (fd 3 to Chromium, fd 4 back), NUL-framed."""

    def __init__(self, profile: str) -> None:
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def fds() -> None:  # in the child: fd 3 reads our commands, fd 4 carries its answers
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)  # dup2 clears close-on-exec on 3 and 4; the pipes' own fds keep it
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [
                "chromium",
                *FLAGS,
                f"--user-data-dir={profile}",
                WINDOW,
                "--remote-debugging-pipe",
                "about:blank",
            ],
            close_fds=False,
            preexec_fn=fds,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close")
        os.close(self._write)
        os.close(self._read)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def settle_time(page: Path, timeout: float = 120) -> tuple[float, dict[str, str]]:
    """Seconds (wall clock) from navigating to ``page`` until ``<body data-state="stable">``, and the
    body's ``data-*`` attributes then. Raises ``TimeoutError`` after ``timeout`` seconds."""
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        pipe = _Pipe(profile)
        try:
            target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
            session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            read = "JSON.stringify(Object.assign({}, document.body ? document.body.dataset : {}))"
            start = time.perf_counter()
            pipe.call("Page.navigate", session, url=page.resolve().as_uri())
            while time.perf_counter() - start < timeout:
                answer = pipe.call("Runtime.evaluate", session, expression=read, returnByValue=True)
                data: dict[str, str] = json.loads(answer["result"].get("value") or "{}")
                if data.get("state") == "stable":
                    return time.perf_counter() - start, data
                time.sleep(0.05)
            raise TimeoutError(f"{page} did not settle within {timeout} s")
        finally:
            pipe.close()
