"""A progress bar on standard error for long runs: articles, articles/s and ETA.

Silent when standard error is not a terminal or when asked to be quiet.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

import click

from kg.document import Document
from kg.record import Attribution


class Progress:
    """Counts documents as they are extracted; use as a context manager and pass :meth:`step` on."""

    def __init__(self, total: int, *, quiet: bool = False, label: str = "extracting") -> None:
        self.enabled = not quiet and sys.stderr.isatty() and total > 1
        self.total = total
        self.done = 0
        self.records = 0
        self.started = time.monotonic()
        self._bar = (
            click.progressbar(
                length=total, label=label, file=sys.stderr, show_eta=True, item_show_func=self._rate
            )
            if self.enabled
            else None
        )

    def _rate(self, _: object) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return f"{self.done / elapsed:.1f} articles/s, {self.records} attributions"

    def step(self, document: Document, records: list[Attribution]) -> None:
        self.done += 1
        self.records += len(records)
        if self._bar is not None:
            self._bar.update(1, document.id)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, exc, tb)
