"""Queue commands: issue, call, recall, serve, done, skip, requeue, transfer, cancel, counter,
service, quota, status, estimate, ticket, reset, events, config, simulate."""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import time
from typing import Any

from core import schedule, stats
from core.config import check_pin, hash_pin
from core.errors import AntreError
from core.model import COUNTER_CLOSED, COUNTER_OPEN, COUNTER_PAUSED, Ticket


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    def cmd(name: str, handler: Any, help: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    p = cmd("issue", do_issue, "issue a ticket / ambil nomor antrean")
    p.add_argument("service", help="service code or prefix (e.g. ktp or A)")
    p.add_argument("--priority", action="store_true", help="priority ticket (lansia, disabilitas, ibu hamil, anak)")
    p.add_argument("--kiosk", default="cli", help="issuing kiosk's name")
    p = cmd("call", do_call, "call the next ticket (or --ticket LABEL) to a counter")
    p.add_argument("counter")
    p.add_argument("--ticket", help="call this waiting ticket instead of the next one")
    for name, fn, text in (("recall", do_recall, "call the counter's ticket again"),
                           ("serve", do_serve, "start serving the counter's ticket"),
                           ("skip", do_skip, "mark the counter's called ticket as no-show")):
        cmd(name, fn, text).add_argument("counter")
    p = cmd("done", do_done, "finish the counter's ticket")
    p.add_argument("counter")
    p.add_argument("--next", action="store_true", help="and call the next one")
    p = cmd("requeue", do_requeue, "put a no-show back in the queue (within the window)")
    p.add_argument("label")
    p = cmd("transfer", do_transfer, "send the counter's ticket to another service, keeping its label")
    p.add_argument("counter")
    p.add_argument("service")
    p = cmd("cancel", do_cancel, "cancel a ticket")
    p.add_argument("label")
    p.add_argument("--reason", required=True)
    p = cmd("counter", do_counter, "open the counter console, or set a counter open/pause/close")
    p.add_argument("counter", nargs="?", help="counter id (the console asks when omitted)")
    p.add_argument("state", nargs="?", choices=("open", "pause", "close", "show"),
                   help="set or show the counter's state; omitted: open the console window")
    p = cmd("service", do_service, "open or close a service for today")
    p.add_argument("service")
    p.add_argument("state", choices=("open", "close"))
    p.add_argument("--reason", default="")
    p = cmd("quota", do_quota, "change today's quota of a service")
    p.add_argument("service")
    p.add_argument("quota", type=int)
    p.add_argument("--priority-quota", type=int)
    cmd("status", do_status, "today's queue: services and counters")
    p = cmd("estimate", do_estimate, "people ahead and estimated wait for a service")
    p.add_argument("service")
    p.add_argument("--priority", action="store_true")
    p = cmd("ticket", do_ticket, "show a ticket by label or token")
    p.add_argument("label")
    p = cmd("reset", do_reset, "reset today's numbering (floor staff; needs the PIN)")
    p.add_argument("--service", help="one service (default: all)")
    p.add_argument("--pin", help="floor-staff PIN (asked for when omitted)")
    p.add_argument("--reason", required=True)
    p = cmd("events", do_events, "the event log; --follow prints events as they are committed")
    p.add_argument("--since", type=int, default=None, help="events after this id (default: today's)")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--follow", action="store_true")
    p = cmd("config", do_config, "check the config, or make a PIN hash")
    p.add_argument("action", choices=("check", "hash-pin"))
    p.add_argument("--pin", help="with hash-pin: the PIN (asked for when omitted)")
    p = cmd("simulate", do_simulate, "a headless service day at accelerated speed")
    p.add_argument("--hours", type=float, default=8.0)
    p.add_argument("--speed", type=float, default=0.0,
                   help="simulated seconds per real second (0: as fast as possible)")
    p.add_argument("--visitors", type=int, default=400, help="arrivals over the day")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start", help="site-local ISO start (default: the next opening)")
    p.add_argument("--out", help="folder for the simulated day's database (default: a new temp folder)")
    p.add_argument("--processes", action="store_true",
                   help="kiosks and counters as separate processes on one file, in accelerated real time")
    p.add_argument("--kiosks", type=int, default=2, help="with --processes: kiosk processes")
    p.add_argument("--watch-display", action="store_true",
                   help="with --processes: run the hall display too and report its memory and CPU")


def _line(t: Ticket, extra: str = "") -> str:
    star = " PRIORITAS" if t.priority else ""
    where = f" -> loket {t.counter}" if t.counter else ""
    return f"{t.label}{star} [{t.service}] {t.status}{where}{extra}"


def _ticket_json(ctx: Any, t: Ticket) -> dict[str, Any]:
    d = t.to_json()
    ctr = ctx.config.counter(t.counter) if t.counter else None
    d["counter_name"] = ctr.label if ctr else None
    return d


def _show(ctx: Any, t: Ticket, extra: str = "", **more: Any) -> None:
    ctx.out({"ticket": _ticket_json(ctx, t), **more}, _line(t, extra))


def do_issue(ctx: Any) -> None:
    eng = ctx.engine
    printer = _printer_or_none(ctx)
    t = eng.issue(ctx.args.service, ctx.args.priority, kiosk=ctx.args.kiosk, printing=printer is not None)
    if printer is not None:
        t = printer(ctx, t)
    est = stats.estimate(eng, t.service, ticket=t)
    _show(ctx, t, f"  ({est.ahead} di depan, ~{est.minutes} menit)", estimate=est.to_json())


def _printer_or_none(ctx: Any) -> Any:
    """The printing flow, when the printer package provides one (cli.printer_cmds)."""
    try:
        from cli.printer_cmds import print_issued
    except ModuleNotFoundError:
        return None
    return print_issued if ctx.config.printer.transport != "none" else None


def do_call(ctx: Any) -> None:
    a = ctx.args
    t = ctx.engine.call_ticket(a.counter, a.ticket) if a.ticket else ctx.engine.call_next(a.counter)
    _show(ctx, t)


def do_recall(ctx: Any) -> None:
    _show(ctx, ctx.engine.recall(ctx.args.counter))


def do_serve(ctx: Any) -> None:
    _show(ctx, ctx.engine.start_serving(ctx.args.counter))


def do_skip(ctx: Any) -> None:
    _show(ctx, ctx.engine.no_show(ctx.args.counter))


def do_done(ctx: Any) -> None:
    if not ctx.args.next:
        _show(ctx, ctx.engine.finish(ctx.args.counter))
        return
    done, nxt = ctx.engine.finish_and_call(ctx.args.counter)
    ctx.out({"ticket": _ticket_json(ctx, done), "next": _ticket_json(ctx, nxt) if nxt else None},
            [_line(done), _line(nxt) if nxt else "Tidak ada antrean menunggu."])


def do_requeue(ctx: Any) -> None:
    _show(ctx, ctx.engine.requeue(ctx.args.label))


def do_transfer(ctx: Any) -> None:
    _show(ctx, ctx.engine.transfer(ctx.args.counter, ctx.args.service))


def do_cancel(ctx: Any) -> None:
    _show(ctx, ctx.engine.cancel(ctx.args.label, ctx.args.reason))


def do_counter(ctx: Any) -> int | None:
    a = ctx.args
    if a.state is None:
        from cli.window_cmds import run_window

        return run_window(ctx, "counter", a.counter)
    if a.counter is None:
        raise AntreError("Sebutkan nomor loket.", "Name the counter.")
    state = {"open": COUNTER_OPEN, "pause": COUNTER_PAUSED, "close": COUNTER_CLOSED}.get(a.state)
    cs = ctx.engine.counter_state(a.counter) if state is None else ctx.engine.set_counter(a.counter, state)
    ctx.out({"counter": cs.id, "state": cs.state, "ticket": _ticket_json(ctx, cs.ticket) if cs.ticket else None},
            f"loket {cs.id}: {cs.state}" + (f" ({cs.ticket.label})" if cs.ticket else ""))
    return None


def do_service(ctx: Any) -> None:
    a = ctx.args
    ctx.engine.set_service_open(a.service, a.state == "open", a.reason)
    svc = ctx.engine.service(a.service)
    ctx.out({"service": svc.code, "open": a.state == "open", "reason": a.reason},
            f"{svc.code}: {'dibuka' if a.state == 'open' else 'ditutup'} hari ini")


def do_quota(ctx: Any) -> None:
    a = ctx.args
    ctx.engine.set_quota(a.service, a.quota, a.priority_quota)
    sd = ctx.engine.store.service_day(ctx.engine.today(), ctx.engine.service(a.service).code)
    ctx.out({"service": sd.service, "quota": sd.quota, "priority_quota": sd.priority_quota},
            f"{sd.service}: kuota {sd.quota}, prioritas {sd.priority_quota}")


def do_status(ctx: Any) -> None:
    st = stats.status(ctx.engine)
    lines = [f"{st['site']} — {st['day']} ({st['now']})",
             f"{'layanan':<10}{'status':<16}{'tunggu':>7}{'selesai':>8}{'kuota':>7}{'estimasi':>9}"]
    for s in st["services"]:
        lines.append(f"{s['prefix'] + ' ' + s['service']:<10}{s['state']:<16}{s['waiting']:>7}"
                     f"{s['served']:>8}{s['quota_left']:>7}{s['estimate_minutes']:>8}m")
    lines.append("")
    for c in st["counters"]:
        lines.append(f"{c['name']:<10}{c['state']:<8}{c['ticket'] or '-':<8}{','.join(c['services'])}")
    ctx.out(st, lines)


def do_estimate(ctx: Any) -> None:
    est = stats.estimate(ctx.engine, ctx.args.service, ctx.args.priority)
    ctx.out(est.to_json(), f"{est.service}: {est.ahead} orang di depan, sekitar {est.minutes} menit "
            f"({est.open_counters} loket buka, {est.median_minutes} menit/orang, {est.basis})")


def do_ticket(ctx: Any) -> None:
    t = ctx.engine.ticket(ctx.args.label)
    est = stats.estimate(ctx.engine, t.service, ticket=t) if t.status == "waiting" else None
    _show(ctx, t, f"  ({est.ahead} di depan)" if est else "",
          estimate=est.to_json() if est else None)


def _ask_pin(ctx: Any, pin: str | None) -> str:
    if pin is not None:
        return pin
    if not sys.stdin.isatty():
        raise AntreError("PIN wajib: gunakan --pin.", "A PIN is required: use --pin.")
    return getpass.getpass("PIN petugas: ")


def do_reset(ctx: Any) -> None:
    a = ctx.args
    out = ctx.engine.reset(a.service, _ask_pin(ctx, a.pin), a.reason, actor="cli")
    ctx.out({"reset": out, "reason": a.reason},
            [f"{r['service']}: nomor mulai lagi dari 1 (epoch {r['epoch']}), "
             f"{r['cancelled']} tiket menunggu dibatalkan" for r in out])


def do_events(ctx: Any) -> None:
    a = ctx.args
    store = ctx.store
    if a.since is None:  # today's latest `limit`, in order
        start = schedule.day_start(ctx.engine.now(), ctx.config)
        events = store.events(0, a.limit, since_at=start, newest_first=True)[::-1]
    else:
        events = store.events(a.since, a.limit)
    if not a.follow:
        ctx.out({"events": [e.to_json() for e in events]}, [_event_line(e, ctx.config.tz) for e in events])
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    watcher = store.watcher()
    watcher.last_id = events[-1].id if events else (a.since if a.since is not None else store.last_event_id())
    for e in events:
        _emit(ctx, e)
    while True:
        if watcher.changed():
            for e in watcher.new_events():
                _emit(ctx, e)
        time.sleep(0.02)


def _emit(ctx: Any, e: Any) -> None:
    print(json.dumps(e.to_json(), ensure_ascii=False) if ctx.json else _event_line(e, ctx.config.tz), flush=True)


def _event_line(e: Any, tz: Any) -> str:
    """One event in the site's time (not the server's: a server may well run on UTC)."""
    parts = [f"#{e.id}", e.at.astimezone(tz).strftime("%H:%M:%S"), e.kind]
    if e.label:
        parts.append(e.label)
    if e.counter:
        parts.append(f"loket {e.counter}")
    if e.service and not e.label:
        parts.append(e.service)
    if e.actor:
        parts.append(f"oleh {e.actor}")
    if e.data:
        parts.append(json.dumps(e.data, ensure_ascii=False))
    return " ".join(parts)


def do_config(ctx: Any) -> None:
    if ctx.args.action == "hash-pin":
        pin = _ask_pin(ctx, ctx.args.pin)
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise AntreError("PIN harus 4–12 angka.", "The PIN must be 4–12 digits.")
        h = hash_pin(pin)
        assert check_pin(pin, h)
        ctx.out({"staff_pin_hash": h}, f'staff_pin_hash = "{h}"')
        return
    cfg = ctx.config
    summary = {
        "file": str(cfg.path), "site": cfg.site.name, "timezone": cfg.site.timezone,
        "agencies": len(cfg.agencies), "services": len(cfg.services), "counters": len(cfg.counters),
        "holidays": len(cfg.holidays), "printer": cfg.printer.transport, "database": str(ctx.db_path),
    }
    lines = [f"OK: {cfg.path}", f"  {cfg.site.name} ({cfg.site.timezone})",
             f"  {len(cfg.agencies)} instansi, {len(cfg.services)} layanan, {len(cfg.counters)} loket, "
             f"{len(cfg.holidays)} hari libur", f"  printer: {cfg.printer.transport}",
             f"  database: {ctx.db_path}"]
    for a in cfg.agencies:
        svcs = [f"{s.prefix}={s.code}" for s in cfg.services if s.agency == a.code]
        lines.append(f"    {a.name}: {', '.join(svcs)}")
    ctx.out(summary, lines)


def do_simulate(ctx: Any) -> int:
    from core.clock import parse_local
    from core.simulate import first_opening, run_simulation

    a = ctx.args
    start = parse_local(a.start, ctx.config.tz) if a.start else first_opening(ctx.config, ctx.clock.now())
    if a.processes:
        from cli.simwatch import simulate_processes

        report = simulate_processes(ctx, start)
        ctx.out(report, report["text"])
        return 0 if report["ok"] else 1
    report = run_simulation(ctx.config, start, hours=a.hours, visitors=a.visitors, seed=a.seed,
                            speed=a.speed, out=a.out, db=ctx.args.db)
    ctx.out(report, report["text"])
    return 0 if report["ok"] else 1
