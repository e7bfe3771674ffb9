"""The outcome of a staff action or an engine notice, in plain words: what presenters hand to
their views. Plain data (no Qt), so presenters stay testable without pixels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    level: str  # ok | error | warn
    id_text: str
    en_text: str = ""

    @property
    def ok(self) -> bool:
        """The action went through (a warning, e.g. paper low, still did)."""
        return self.level in ("ok", "warn")

    @property
    def text(self) -> str:
        return f"{self.id_text}\n{self.en_text}" if self.en_text else self.id_text
