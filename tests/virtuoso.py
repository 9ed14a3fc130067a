"""A throw-away Virtuoso server on 127.0.0.1 for tests (Debian ``virtuoso-opensource``).

Installed with apt-get when missing (root only), configured in a temporary directory from the
package's own virtuoso.ini with every port bound to loopback, and shut down afterwards.
"""

from __future__ import annotations

import configparser
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.debian import Unavailable, ensure

PACKAGE_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def ensure_installed() -> None:
    ensure("virtuoso-opensource", "virtuoso-t", "isql-vt")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Virtuoso:
    def __init__(self, root: Path, data: Path) -> None:
        self.root, self.data = root, data
        self.port, self.http = free_port(), free_port()
        ini = configparser.RawConfigParser(strict=False, interpolation=None)
        ini.optionxform = str  # type: ignore[assignment,method-assign]
        ini.read(PACKAGE_INI)
        db = root / "db"
        db.mkdir(parents=True)
        for key, name in [
            ("DatabaseFile", "virtuoso.db"),
            ("ErrorLogFile", "virtuoso.log"),
            ("LockFile", "virtuoso.lck"),
            ("TransactionFile", "virtuoso.trx"),
            ("xa_persistent_file", "virtuoso.pxa"),
        ]:
            ini.set("Database", key, str(db / name))
        ini.set("TempDatabase", "DatabaseFile", str(db / "virtuoso-temp.db"))
        ini.set("TempDatabase", "TransactionFile", str(db / "virtuoso-temp.trx"))
        ini.set("Parameters", "ServerPort", f"127.0.0.1:{self.port}")
        ini.set("Parameters", "DirsAllowed", f"., /usr/share/virtuoso-opensource-7/vad, {data}")
        ini.set("Parameters", "NumberOfBuffers", "10000")
        ini.set("Parameters", "MaxDirtyBuffers", "6000")
        ini.set("HTTPServer", "ServerPort", f"127.0.0.1:{self.http}")
        self.ini = root / "virtuoso.ini"
        with self.ini.open("w") as fh:
            ini.write(fh)

    def start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            ["virtuoso-t", "+configfile", str(self.ini), "+foreground"],
            cwd=self.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise Unavailable(f"virtuoso-t exited with {proc.returncode}")
            if self.isql("select 1;", check=False).returncode == 0:
                return proc
            time.sleep(0.5)
        proc.terminate()
        raise Unavailable("virtuoso did not start within 60 s")

    def isql(self, sql: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.port}", "dba", "dba", f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and done.returncode != 0:
            raise RuntimeError(done.stdout + done.stderr)
        return done

    def sparql(self, query: str, graph: str) -> bytes:
        params = urllib.parse.urlencode(
            {"query": query, "default-graph-uri": graph, "format": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{self.http}/sparql?{params}", timeout=60) as r:
            return bytes(r.read())


@contextmanager
def running(root: Path, data: Path) -> Iterator[Virtuoso]:
    ensure_installed()
    server = Virtuoso(root, data)
    proc = server.start()
    try:
        yield server
    finally:
        server.isql("shutdown;", check=False)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
