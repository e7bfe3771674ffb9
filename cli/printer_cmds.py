"""Printer commands: print-test, printer status, reprint LABEL; and `print_issued`, which the
`issue` command calls to print through the configured printer."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from core import stats
from core.config import Config
from core.errors import AntreError
from core.model import WAITING, Ticket, make_label
from printer.faults import describe
from printer.preview import save_preview
from printer.service import (
    TicketPrinter,
    checked_status,
    estimate_for,
    print_job,
    recorded_test_print,
    reprint_ticket,
    resolve_left_printing,
)
from printer.transports import Transport


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    def cmd(name: str, handler: Any, help: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    cmd("print-test", do_print_test, "print a test page / cetak halaman uji printer")
    p = cmd("printer", do_printer, "printer status (paper, cover, connection), or a ticket's preview PNG")
    p.add_argument("action", choices=("status", "preview"))
    p.add_argument("--out", help="preview: the PNG file to write")
    p.add_argument("--label", help="preview: today's ticket (default: a sample ticket, not stored)")
    p.add_argument("--paper-width", type=int, choices=(58, 80), help="preview: paper width (default: config)")
    p.add_argument("--priority", action="store_true", help="preview: the sample is a priority ticket")
    p = cmd("reprint", do_reprint, "print a ticket again (floor staff) / cetak ulang tiket")
    p.add_argument("label", help="ticket label (e.g. A-001) or token")


def _printer(ctx: Any) -> TicketPrinter:
    return TicketPrinter.from_config(ctx.config, ctx.data_dir, ctx.clock)


def _say(text: str) -> None:
    print(f"antre: {text}", file=sys.stderr)


def print_issued(ctx: Any, ticket: Ticket) -> Ticket:
    """Print a ticket just issued in `printing`; returns it as `waiting` or as the failure policy
    left it. Never raises for a printer problem: the number is already the citizen's."""
    eng = ctx.engine
    policy = ctx.config.printer.on_failure
    try:
        printer = _printer(ctx)
    except AntreError as e:  # missing package, bad profile, incomplete [printer]
        reason = str(getattr(e, "reason", "not_configured"))
        t = eng.print_failed(ticket.id, reason, policy)
        _say(f"{e}")
        _say(_policy_words(t))
        return t
    # A crash of an earlier `issue` must not leave a ghost number; spare jobs still in flight.
    resolve_left_printing(eng, kiosk=ticket.kiosk, older_than=2 * ctx.config.printer.timeout_seconds + 5,
                          exclude=(ticket.id,))
    out = print_job(eng, printer, ticket)
    if not out.result.ok:
        _say(f"printer: {out.result.text}")
        _say(_policy_words(out.ticket))
    elif out.result.warning:
        _say(f"printer: {out.result.text}")
    return out.ticket


def _policy_words(t: Ticket) -> str:
    if t.status == "cancelled":
        return f"tiket {t.label} dibatalkan (printer.on_failure = cancel) / ticket {t.label} was cancelled"
    return f"tiket {t.label} tetap masuk antrean; tunjukkan nomornya di layar / {t.label} stays in the queue"


def do_print_test(ctx: Any) -> int:
    printer = _printer(ctx)
    r = recorded_test_print(ctx.engine, printer, "cli")
    where = f" ({r.preview})" if r.preview else ""
    ctx.out({"printer": printer.transport.kind, "target": printer.transport.target, **r.to_json()},
            f"{'OK' if r.ok else 'GAGAL / FAILED'}: {printer.transport.kind} {printer.transport.target}"
            f" — {r.text}{where}")
    return 0 if r.ok else 1


def do_printer(ctx: Any) -> int:
    if ctx.args.action == "preview":
        return do_preview(ctx)
    st = checked_status(ctx.engine, _printer(ctx), "cli")
    lines = [f"printer: {st.transport} {st.target}", f"status: {st.state} — {st.text}", *st.notes]
    ctx.out(st.to_json(), lines)
    return 0 if st.ok else 1


def do_reprint(ctx: Any) -> int:
    eng = ctx.engine
    t, r = reprint_ticket(eng, _printer(ctx), eng.ticket(ctx.args.label), "cli")
    id_text, en_text = describe(r.reason or r.warning or "ok")
    ctx.out({"ticket": t.to_json(), "print": r.to_json()},
            f"{t.label}: {'dicetak ulang / reprinted' if r.ok else 'GAGAL / FAILED'} — {id_text} / {en_text}")
    return 0 if r.ok else 1


def do_preview(ctx: Any) -> int:
    """The ticket as it would print, to a PNG (docs, support), without touching the printer."""
    a = ctx.args
    if not a.out:
        raise AntreError("Sebutkan berkas PNG dengan --out.", "Name the PNG file with --out.")
    cfg = ctx.config
    if a.paper_width:
        cfg = replace(cfg, printer=replace(cfg.printer, paper_width_mm=a.paper_width,
                                           columns=0 if a.paper_width != cfg.printer.paper_width_mm
                                           else cfg.printer.columns))
    printer = TicketPrinter(cfg, Transport("none"), ctx.clock)
    if a.label:
        t = ctx.engine.ticket(a.label)
        est = estimate_for(ctx.engine, t)
    else:
        t, est = _sample(cfg, ctx.clock.now(), a.priority)
    path = save_preview(printer.layout(t, est), Path(a.out))
    ctx.out({"file": str(path), "label": t.label, "columns": printer.columns}, str(path))
    return 0


def _sample(cfg: Config, now: datetime, priority: bool) -> tuple[Ticket, stats.Estimate]:
    svc = cfg.services[0]
    day = now.astimezone(cfg.tz).date().isoformat()
    t = Ticket(0, day, svc.code, svc.code, 1, 23, make_label(svc.prefix, 23), priority, WAITING,
               "contohToken12", now, now, kiosk="contoh")
    return t, stats.Estimate(svc.code, 4, 32, 2, svc.service_minutes, "default")
