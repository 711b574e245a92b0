"""giltutor's tracer: runs a Python program and records which thread ran Python code when.

Usage (giltutor record runs it for you):  python3 giltutor_trace.py OUTPUT.json SCRIPT [ARGS...]
                                          python3 giltutor_trace.py OUTPUT.json -m MODULE [ARGS...]
                                          python3 giltutor_trace.py OUTPUT.json -c CODE [ARGS...]

Only the thread that holds the GIL can run Python code, so the order in which threads produce Python events
tells who held the GIL when. The tracer notes each switch from one thread's events to another's (not every
event), and wraps the calls that release the GIL while they block (time.sleep, joins, condition waits, select,
socket and os.read calls) to see the waits. It writes a Chrome Trace Event file with giltutor's state names and a
GIL track, which `giltutor record` turns into a giltutor trace. Standard library only; Python 3.8 and later.
What it infers, and what it cannot see, is in docs/trace-format.md.

The file is also written when the program is stopped: on Ctrl-C (a KeyboardInterrupt that ends the program),
SIGTERM or SIGHUP it holds what was recorded so far and says why it is incomplete ("incomplete" in the "giltutor"
object), and the program then ends as it would without the tracer; on os._exit it is written before the process
ends.
"""

import sys

if sys.version_info < (3, 8):
    sys.stderr.write("giltutor_trace.py: recording needs Python 3.8 or later (this is %s)\n" % sys.version.split()[0])
    sys.exit(2)

import itertools
import json
import os
import runpy
import signal
import threading
import time
import types
import _thread

_now = time.perf_counter_ns
_ident = _thread.get_ident

# (time, thread, what, extra): "go" (the thread's first event after another thread's), "stop" (its last one
# before another thread's), "block"/"unblock" around a wrapped call (extra: (state, seconds or None)).
_log = []
_state = {"current": None, "last": 0, "written": False, "writing": False}
_names = {}
# Threads are keyed by a serial number the tracer gives each thread when it first sees it, kept in a
# thread-local: the OS reuses the ids of threads that have ended, so get_ident() alone would merge them.
_local = threading.local()
_serials = itertools.count(1)
_main_pid = os.getpid()


def _thread_key():
    local = _local
    try:
        return local.key
    except AttributeError:
        local.key = key = next(_serials)
        return key


def _seen():
    """Called on each Python event: records a switch when the thread differs from the previous event's."""
    tid = _thread_key()
    now = _now()
    state = _state
    if tid != state["current"]:
        if state["current"] is not None:
            _log.append((state["last"], state["current"], "stop", None))
        _log.append((now, tid, "go", None))
        state["current"] = tid
    if tid not in _names:
        # A new thread's first events come before threading registers it: ask until it has.
        thread = threading._active.get(_ident())
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
        tid = _thread_key()
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
    real_exit = os._exit

    def exit_now(status):
        """os._exit skips every finally: write the trace first (in the traced process, not in a forked child)."""
        if os.getpid() == _main_pid:
            _finish(None)
        real_exit(status)

    os._exit = exit_now


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


def _write(path, title, method, began, finished, incomplete):
    # Threads that still run add to the log while it is written: take what there is now.
    log = list(_log)
    if _state["current"] is not None:
        log.append((finished, _state["current"], "stop", None))
    order = []
    running = {}
    opened = {}
    blocked = {}
    depth = {}
    block_start = {}
    for t, tid, what, extra in log:
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
            "title": title, "tracer": method, "python": sys.version.split()[0], "switches": len(log)}
    if incomplete:
        info["incomplete"] = incomplete
    # Written whole or not at all: giltutor reads the file once the program has ended.
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8") as out:
        json.dump({"traceEvents": events, "displayTimeUnit": "ms", "giltutor": info}, out)
    os.replace(partial, path)


_STOP_SIGNALS = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


def _signal_name(signum):
    try:
        return signal.Signals(signum).name
    except ValueError:
        return "signal %d" % signum


def _on_stop_signal(signum, _frame):
    """SIGTERM, SIGHUP: write what was recorded, then end by the signal at once, as without the tracer."""
    if _state["writing"]:
        return  # the same signal twice (to the process group, and passed on by giltutor): the file comes first
    try:
        if os.getpid() == _main_pid:  # not in a forked child (multiprocessing), which ends as it would anyway
            _finish("the program was stopped by " + _signal_name(signum))
    finally:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


def _install_signal_handlers():
    for signum in _STOP_SIGNALS:
        if signal.getsignal(signum) == signal.SIG_DFL:  # one ignored by the caller (nohup) stays ignored
            signal.signal(signum, _on_stop_signal)


# Set by main: how _finish writes the file.
_run = {}


def _finish(incomplete):
    """Stops tracing and writes the file, once."""
    if _state["written"]:
        return
    _state["written"] = _state["writing"] = True
    finished = _now()
    in_main = threading.current_thread() is threading.main_thread()
    quiet = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    saved = [(signum, signal.signal(signum, signal.SIG_IGN)) for signum in quiet] if in_main else []
    try:
        _run["uninstall"]()
        _write(_run["output"], _run["title"], _run["method"], _run["began"], finished, incomplete)
    finally:
        for signum, handler in saved:
            signal.signal(signum, handler)
        _state["writing"] = False


def _exit_status(code):
    return code if isinstance(code, int) else (0 if code is None else 1)


def _run_to_end(run):
    """Runs the program and, as Python does before it exits, waits for its non-daemon threads."""
    status = 0
    try:
        run()
    except SystemExit as exit:
        status = _exit_status(exit.code)
    main = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not main and not thread.daemon:
            thread.join()
    return status


def _run_code(code):
    """python -c CODE: the code runs as __main__, from a string."""
    module = types.ModuleType("__main__")
    module.__dict__["__builtins__"] = __builtins__
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = module
    try:
        exec(compile(code, "<string>", "exec"), module.__dict__)
    finally:
        sys.modules["__main__"] = saved


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: giltutor_trace.py OUTPUT.json SCRIPT [ARGS...] | -m MODULE [ARGS...] | -c CODE\n")
        return 64
    output, target = argv[1], argv[2:]
    if target[0] == "-c":
        if len(target) < 2:
            sys.stderr.write("giltutor_trace.py: -c needs the code to run\n")
            return 64
        title = "python -c"
        sys.argv = ["-c"] + target[2:]
        sys.path[0] = ""  # as python -c does
        run = lambda: _run_code(target[1])
    elif target[0] == "-m":
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
    _run.update(output=output, title=title)
    _run["began"] = _now()
    _run["method"], _run["uninstall"] = _install_monitoring() if sys.version_info >= (3, 12) else _install_settrace()
    _install_signal_handlers()
    try:
        status = _run_to_end(run)
    except KeyboardInterrupt:
        _finish("the program was interrupted (Ctrl-C, SIGINT)")
        raise  # Python prints it and ends by SIGINT, as without the tracer
    except BaseException:
        _finish(None)
        raise
    _finish(None)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
