"""Deterministic IRIs: a hash of a canonical serialisation of the identifying fields.

Never a bare string join ("ab" + "c" == "a" + "bc"): the fields are serialised as a JSON array, so
re-running on the same input yields the same IRIs and loading a file twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

BASE = "https://w3id.org/claim-kg/id/"


def digest(*fields: Any, length: int = 16) -> str:
    """Hex digest of the JSON serialisation of ``fields`` (sorted keys, no whitespace)."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:length]


def mint(kind: str, *fields: Any) -> str:
    """An IRI string ``BASE + kind + "/" + digest(kind, *fields)``."""
    return f"{BASE}{kind}/{digest(kind, *fields)}"


def text_digest(text: str) -> str:
    """Full SHA-256 of a document text (UTF-8), pinning offsets to the exact text they index."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
