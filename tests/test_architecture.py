"""The dependency rule: core/ imports no Qt, escpos, pyttsx3 or other project folder; a window
package never imports another window package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

WINDOWS = ("kiosk", "display", "counter", "admin")


def imports(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_core_is_pure() -> None:
    banned = {"PySide6", "escpos", "pyttsx3", "qrcode", "PIL", "printer", "ui", "cli", *WINDOWS}
    bad = {f: sorted(n & banned) for f, n in imports(ROOT / "core").items() if n & banned}
    assert not bad, bad


@pytest.mark.parametrize("window", WINDOWS)
def test_windows_do_not_import_each_other(window: str) -> None:
    if not (ROOT / window).exists():
        pytest.skip(f"{window}/ not present")
    others = set(WINDOWS) - {window}
    bad = {f: sorted(n & others) for f, n in imports(ROOT / window).items() if n & others}
    assert not bad, bad
