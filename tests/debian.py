"""Installing the Debian packages some tests need (Chromium, Virtuoso) when they are missing.

Root with apt-get installs them (after one ``apt-get update`` if the first attempt fails); anywhere
else the caller skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess


class Unavailable(RuntimeError):
    pass


def ensure(package: str, *commands: str) -> None:
    """Make sure ``commands`` exist, installing Debian ``package`` if needed; raise :class:`Unavailable`."""
    if all(shutil.which(c) for c in commands):
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise Unavailable(f"{package} is not installed and cannot be installed here (needs root apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package]
    if subprocess.run(install, env=env, capture_output=True, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=900)
        done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise Unavailable(f"apt-get could not install {package}: {done.stderr[-300:]}")
    if not all(shutil.which(c) for c in commands):
        raise Unavailable(f"{package} installed but {', '.join(commands)} not found")
