"""giltutor's tracer: runs a Python program and records which thread ran Python code when.

Usage (giltutor record runs it for you):  python3 giltutor_trace.py OUTPUT.json SCRIPT [ARGS...]
                                          python3 giltutor_trace.py OUTPUT.json -m MODULE [ARGS...]

Only the thread that holds the GIL can run Python code, so the order in which threads produce Python events
tells who held the GIL when. The tracer notes each switch from one thread's events to another's (not every
event), and wraps the calls that release the GIL while they block (time.sleep, joins, condition waits, select,
socket and os.read calls) to see the waits. It writes a Chrome Trace Event file with giltutor's state names and a
GIL track, which `giltutor record` turns into a giltutor trace. Standard library only; Python 3.8 and later.
What it infers, and what it cannot see, is in docs/trace-format.md.
"""

import json
import os
import runpy
import sys
import threading
import time
import _thread

_now = time.perf_counter_ns
_ident = _thread.get_ident

# (time, thread, what, extra): "go" (the thread's first event after another thread's), "stop" (its last one
# before another thread's), "block"/"unblock" around a wrapped call (extra: (state, seconds or None)).
_log = []
_state = {"current": None, "last": 0}
_names = {}


def _seen():
    """Called on each Python event: records a switch when the thread differs from the previous event's."""
    tid = _ident()
    now = _now()
    state = _state
    if tid != state["current"]:
        if state["current"] is not None:
            _log.append((state["last"], state["current"], "stop", None))
        _log.append((now, tid, "go", None))
        state["current"] = tid
    if tid not in _names:
        # A new thread's first events come before threading registers it: ask until it has.
        thread = threading._active.get(tid)
        if thread is not None:
            _names[tid] = thread.name
    state["last"] = now


def _install_monitoring():
    """Python 3.12+: sys.monitoring, on function starts and returns and on jumps (so loops are seen)."""
    mon = sys.monitoring
    tool = mon.PROFILER_ID
    mon.use_tool_id(tool, "giltutor")
    events = mon.events
    wanted = events.PY_START | events.PY_RESUME | events.PY_RETURN | events.PY_YIELD | events.JUMP

    def callback(*_args):
        _seen()

    for event in (events.PY_START, events.PY_RESUME, events.PY_RETURN, events.PY_YIELD, events.JUMP):
        mon.register_callback(tool, event, callback)
    mon.set_events(tool, wanted)

    def uninstall():
        mon.set_events(tool, 0)
        mon.free_tool_id(tool)

    return "sys.monitoring", uninstall


def _install_settrace():
    """Before 3.12: sys.settrace and threading.settrace (line events, so loops are seen)."""

    def tracer(_frame, _event, _arg):
        _seen()
        return tracer

    threading.settrace(tracer)
    sys.settrace(tracer)

    def uninstall():
        sys.settrace(None)
        threading.settrace(None)

    return "sys.settrace", uninstall


def _wrap(owner, name, state, seconds=None):
    """Replaces owner.name with a wrapper that logs when the call starts and when it is back (GIL retaken)."""
    real = getattr(owner, name, None)
    if real is None:
        return

    def wrapper(*args, **kwargs):
        tid = _ident()
        duration = seconds(args) if seconds else None
        _log.append((_now(), tid, "block", (state, duration)))
        try:
            return real(*args, **kwargs)
        finally:
            _log.append((_now(), tid, "unblock", (state, None)))

    setattr(owner, name, wrapper)


def _sleep_seconds(args):
    try:
        return float(args[0])
    except (IndexError, TypeError, ValueError):
        return None


def _install_wrappers():
    import select
    import socket

    _wrap(time, "sleep", "sleeping", _sleep_seconds)
    _wrap(threading.Thread, "join", "waiting for lock")
    _wrap(threading.Condition, "wait", "waiting for lock")
    _wrap(select, "select", "I/O")
    for name in ("recv", "recv_into", "recvfrom", "accept", "connect", "send", "sendall"):
        _wrap(socket.socket, name, "I/O")
    _wrap(os, "read", "I/O")


def _interpreter():
    version = sys.version_info[:2]
    if hasattr(sys, "_is_gil_enabled") and not sys._is_gil_enabled():
        return "cpython-3.13t"
    if version <= (3, 11):
        return "cpython-3.11"
    if version == (3, 12):
        return "cpython-3.12"
    return "cpython-3.13"


def _spans(start, end, running, blocked):
    """One thread's states from start to end: running wins, then blocked calls, else waiting for the GIL."""
    cuts = {start, end}
    for a, b in running:
        cuts.update((a, b))
    for a, b, _ in blocked:
        cuts.update((a, b))
    points = sorted(t for t in cuts if start <= t <= end)
    out = []
    for a, b in zip(points, points[1:]):
        middle = (a + b) / 2
        state = "waiting for GIL"
        for ra, rb in running:
            if ra <= middle < rb:
                state = "running"
                break
        else:
            for ba, bb, blocked_state in blocked:
                if ba <= middle < bb:
                    state = blocked_state
                    break
        if out and out[-1][2] == state and out[-1][1] == a:
            out[-1][1] = b
        else:
            out.append([a, b, state])
    return out


def _write(path, title, method, began, finished):
    if _state["current"] is not None:
        _log.append((finished, _state["current"], "stop", None))
    order = []
    running = {}
    opened = {}
    blocked = {}
    depth = {}
    block_start = {}
    for t, tid, what, extra in _log:
        if tid not in running:
            order.append(tid)
            running[tid] = []
            blocked[tid] = []
        if what == "go":
            opened[tid] = t
        elif what == "stop" and tid in opened:
            running[tid].append((opened.pop(tid), t))
        elif what == "block":
            depth[tid] = depth.get(tid, 0) + 1
            if depth[tid] == 1:
                block_start[tid] = (t, extra)
        elif what == "unblock" and depth.get(tid, 0) > 0:
            depth[tid] -= 1
            if depth[tid] == 0:
                b, (state, seconds) = block_start.pop(tid)
                if seconds is not None and state == "sleeping":
                    woke = min(t, b + int(seconds * 1e9))
                    blocked[tid].append((b, woke, "sleeping"))
                else:
                    blocked[tid].append((b, t, state))
    names = {}
    for tid in order:
        name = _names.get(tid, "thread %d" % tid)
        while name in names.values() or name == "GIL":
            name += "'"
        names[tid] = name

    def us(t):
        return round((t - began) / 1000, 3)

    events = [{"name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": {"name": title}}]
    gil_tid = len(order) + 1
    events.append({"name": "thread_name", "ph": "M", "pid": 1, "tid": gil_tid, "args": {"name": "GIL"}})
    for index, tid in enumerate(order, 1):
        events.append({"name": "thread_name", "ph": "M", "pid": 1, "tid": index, "args": {"name": names[tid]}})
        times = [t for span in running[tid] for t in span] + [t for b in blocked[tid] for t in b[:2]]
        if not times:
            continue
        for a, b, state in _spans(min(times), max(times), running[tid], blocked[tid]):
            if b > a:
                events.append({"name": state, "ph": "X", "ts": us(a), "dur": round(us(b) - us(a), 3), "pid": 1,
                               "tid": index})
        for a, b in running[tid]:
            if b > a:
                events.append({"name": names[tid], "ph": "X", "ts": us(a), "dur": round(us(b) - us(a), 3),
                               "pid": 1, "tid": gil_tid})
    info = {"interpreter": _interpreter(), "switch_interval_ns": int(sys.getswitchinterval() * 1e9),
            "title": title, "tracer": method, "python": sys.version.split()[0], "switches": len(_log)}
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"traceEvents": events, "displayTimeUnit": "ms", "giltutor": info}, out)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: giltutor_trace.py OUTPUT.json SCRIPT [ARGS...] | -m MODULE [ARGS...]\n")
        return 64
    output, target = argv[1], argv[2:]
    if target[0] == "-m":
        if len(target) < 2:
            sys.stderr.write("giltutor_trace.py: -m needs a module name\n")
            return 64
        title = target[1]
        sys.argv = target[1:]
        sys.path[0] = os.getcwd()  # as python -m does
        run = lambda: runpy.run_module(target[1], run_name="__main__", alter_sys=True)
    else:
        if not os.path.isfile(target[0]):
            sys.stderr.write("giltutor_trace.py: can't open file '%s': no such file\n" % target[0])
            return 2
        title = os.path.basename(target[0])
        sys.argv = target
        sys.path[0] = os.path.dirname(os.path.abspath(target[0]))
        run = lambda: runpy.run_path(target[0], run_name="__main__")
    _install_wrappers()
    began = _now()
    method, uninstall = _install_monitoring() if sys.version_info >= (3, 12) else _install_settrace()
    status = 0
    try:
        run()
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    finally:
        finished = _now()
        uninstall()
        _write(output, title, method, began, finished)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
