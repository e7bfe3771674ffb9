"""The benchmarks still run (tiny sizes): a benchmark that rots is found here, not the next
time someone needs its figures. The figures themselves are not judged here."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize(("script", "args", "expect"), [
    ("bench_store.py", ["--tickets", "200", "--calls", "5"], "4 writer process(es)"),
    ("bench_print.py", ["--tickets", "10", "--warmup", "1"], "issue -> last byte accepted"),
    ("bench_display.py", ["--calls", "3", "--uncached", "1"], "commit -> tile painted"),
])
def test_benchmark_runs(script: str, args: list[str], expect: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True,
                       timeout=300, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stdout[-1500:] + r.stderr[-1500:]
    assert expect in r.stdout
