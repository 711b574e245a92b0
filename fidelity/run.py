#!/usr/bin/env python3
"""make fidelity: the engine's predictions beside real CPython, phenomenon by phenomenon.

For every interpreter found (python3 always; python2.7, python3.8 ... python3.13, python3.13t on the PATH or among
pyenv's versions when they run, or given with --python; --only picks some of them), each reference program in
fidelity/programs runs --reps times; the engine runs as many times, with seeds 1, 2, ..., through `giltutor
simulate` with the matching interpreter model, and the engine's median is compared. The engine runs the same
program on Python 3; Python 2's rows (whose programs the simulator does not run yet), the convoy (sockets) and the
busy event loop run the scenario in fidelity/scenarios that stands for the program. Ratios are compared, not
absolute times: the machine is noisy. A row is within tolerance when the engine is within 15 % of the real
median, or inside the real [min, max].
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
SCENARIOS = os.path.join(HERE, "scenarios")
SHORT_VERSIONS = ["2.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.13t"]
CANDIDATES = ["python3"] + ["python" + v for v in SHORT_VERSIONS]
TOLERANCE = 0.15


def progress(text):
    sys.stderr.write("fidelity: %s\n" % text)
    sys.stderr.flush()


# ---------------------------------------------------------------- interpreters

PROBE = (
    "import sys, sysconfig; "
    "print('%d.%d' % sys.version_info[:2]); "
    "print(sys.version.split()[0]); "
    "print(1 if sysconfig.get_config_var('Py_GIL_DISABLED') else 0); "
    "print(sys.executable)"
)


def probe(command):
    """(model, version, executable) for an interpreter that runs, else None."""
    path = command if os.path.sep in command else shutil.which(command)
    if not path:
        return None
    try:
        out = subprocess.run([path, "-c", PROBE], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    short, version, free, executable = out.stdout.split("\n")[:4]
    if short == "2.7":
        model = "cpython-2.7"
    elif free == "1":
        model = "cpython-3.13t"
    elif short in ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13"):
        model = "cpython-" + short
    elif short.startswith("3.") and int(short.split(".")[1]) < 8:
        model = "cpython-3.8"  # 3.2-3.7 check the eval breaker at every dispatch, as 3.8 does
    elif short.startswith("3."):
        model = "cpython-3.13"
    else:
        return None
    return {"command": path, "model": model, "version": version, "executable": os.path.realpath(executable)}


def pyenv_pythons():
    """pyenv's builds of the versions the engine models: its root's versions/X.Y.Z/bin/pythonX.Y (not its shims,
    which fail for the versions not selected)."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    try:
        out = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            root = out.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    versions = os.path.join(root, "versions")
    found = []
    for build in sorted(os.listdir(versions)) if os.path.isdir(versions) else []:
        parts = build.rstrip("t").split(".")
        short = ".".join(parts[:2]) + ("t" if build.endswith("t") else "")
        if short in SHORT_VERSIONS:
            path = os.path.join(versions, build, "bin", "python" + short)
            if os.access(path, os.X_OK):
                found.append(path)
    return found


def interpreters(extra, only=()):
    found, seen = [], set()
    for command in CANDIDATES + pyenv_pythons() + extra:
        info = probe(command)
        if info and only and info["model"].replace("cpython-", "") not in only:
            continue
        if info and info["executable"] not in seen:
            seen.add(info["executable"])
            found.append(info)
    return found


# ---------------------------------------------------------------- the two sides

def run_program(python, name, args):
    out = subprocess.run(
        [python["command"], os.path.join(PROGRAMS, name)] + [str(a) for a in args],
        capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError("%s %s failed: %s" % (name, args, out.stderr.strip().splitlines()[-1:]))
    return json.loads(out.stdout)


class Engine:
    """Runs scenarios through `giltutor simulate`. `seed` is the seed of the runs to come: the engine is
    deterministic for one seed, and like the real machine it varies from seed to seed."""

    def __init__(self, giltutor):
        self.giltutor = giltutor
        self.cache = {}
        self.seed = 1

    def run(self, scenario, model, interval=None):
        key = (scenario, model, interval, self.seed)
        if key not in self.cache:
            command = [self.giltutor, "simulate", os.path.join(SCENARIOS, scenario + ".scenario"), "--format", "json",
                       "--interpreter", model, "--seed", str(self.seed),
                       # Some of these runs keep 30 million events: more than simulate's default budget.
                       "--max-events", "64000000"]
            if interval is not None:
                command += ["--switch-interval", "%gms" % (interval * 1e3)]
            out = subprocess.run(command, capture_output=True, text=True)
            if out.returncode != 0:
                raise RuntimeError("giltutor %s: %s" % (scenario, out.stderr.strip()))
            result = json.loads(out.stdout)
            if result.get("truncated"):
                raise RuntimeError("giltutor %s: the simulation was cut short" % scenario)
            self.cache[key] = result
        return self.cache[key]

    def program(self, name, args, model):
        """What a program of fidelity/programs printed (its JSON) when `giltutor simulate` ran it with `args`."""
        key = (name, tuple(args), model, self.seed)
        if key not in self.cache:
            command = [self.giltutor, "simulate", os.path.join(PROGRAMS, name), "--format", "json",
                       "--interpreter", model, "--seed", str(self.seed), "--max-events", "64000000",
                       "--"] + [str(a) for a in args]
            out = subprocess.run(command, capture_output=True, text=True)
            if out.returncode != 0:
                raise RuntimeError("giltutor %s: %s" % (name, out.stderr.strip()))
            result = json.loads(out.stdout)
            if result.get("truncated"):
                raise RuntimeError("giltutor %s: the simulation was cut short" % name)
            self.cache[key] = json.loads(result["stdout"])
        return self.cache[key]

    def wall(self, scenario, model, interval=None):
        return self.run(scenario, model, interval)["wall_time_ms"]

    def finished(self, scenario, model, thread, interval=None):
        threads = self.run(scenario, model, interval)["threads"]
        return [t for t in threads if t["name"] == thread][0]["finished_at_ms"]


# ---------------------------------------------------------------- phenomena

def countdown_size(python, seconds):
    """A countdown that takes about `seconds` on this interpreter."""
    code = ("import time\nn=2000000\nt=time.time()\nwhile n>0: n-=1\nprint(time.time()-t)")
    out = subprocess.run([python["command"], "-c", code], capture_output=True, text=True)
    per = float(out.stdout.strip()) / 2000000
    return max(100000, int(seconds / per))


def phenomena(python, quick):
    """Each: (title, program, args, real metric, engine metric, unit)."""
    model = python["model"]
    new_gil = model not in ("cpython-2.7", "cpython-3.13t")
    modern = not model.startswith("cpython-2")

    def simulated(program, args, metric, scenario_metric):
        # The same program, simulated, measured the same way; Python 2 programs are not simulated yet, and their
        # rows keep the scenario that stands for the program.
        return (lambda e: metric(e.program(program, args, model))) if modern else scenario_metric
    # cpu_threads.py times each side twice (A B B A): 4 threads of this size take 16 times as long.
    size = countdown_size(python, 0.15 if quick else 0.3)
    items = []
    for n in (2, 4):
        items.append((
            "CPU-bound, %d threads / sequential" % n, "cpu_threads.py", [n, size],
            lambda r: r["ratio"],
            simulated("cpu_threads.py", [n, size], lambda r: r["ratio"],
                      lambda e, n=n: e.wall("cpu-threads-%d" % n, model) / e.wall("cpu-sequential-%d" % n, model)),
            "×"))
    sleepers = lambda r: r["threaded"] / r["sequential"]
    items.append((
        "10 sleeping threads / sequential", "sleepers.py", [10, 5, 0.02], sleepers,
        simulated("sleepers.py", [10, 5, 0.02], sleepers,
                  lambda e: e.wall("sleepers-threads", model) / e.wall("sleepers-sequential", model)), "×"))
    if new_gil:
        for interval in ((0.005,) if quick else (0.0005, 0.001, 0.005, 0.02)):
            items.append((
                "run between hand-offs / interval, %g ms" % (interval * 1e3), "handoffs.py",
                [interval, 0.3 if quick else 1],
                lambda r, i=interval: r["mean_run"] / i,
                simulated("handoffs.py", [interval, 0.3 if quick else 1], lambda r, i=interval: r["mean_run"] / i,
                          lambda e, i=interval: e.wall("handoffs", model, i)
                          / (e.run("handoffs", model, i)["gil_switches"] + 1) / (i * 1e3)),
                "×"))
    for interval in ((0.005,) if quick else (0.001, 0.005, 0.02)):
        if not new_gil and interval != 0.005:
            continue
        items.append((
            "convoy: round trip beside a CPU thread / alone, %g ms" % (interval * 1e3), "convoy.py",
            [interval, 100 if quick else 200, 0.0002],
            lambda r: r["with_cpu"] / r["alone"],
            lambda e, i=interval: (e.finished("convoy", model, "net", i if new_gil else None) / 50)
            / (e.finished("convoy-alone", model, "net", i if new_gil else None) / 200),
            "×"))
    for kind in ("augmented", "call", "locked"):
        for n in (2, 4):
            count = (500000 if quick else 2000000) * 2 // n
            items.append((
                "lost updates, %s, %d threads" % ({"augmented": "counter += 1", "call": "call between",
                                                    "locked": "with lock"}[kind], n),
                "race.py", [kind, n, count],
                lambda r: r["lost"],
                simulated("race.py", [kind, n, count], lambda r: r["lost"],
                          lambda e, kind=kind, n=n:
                          1 - e.run("race-%s-%d" % (kind, n), model)["shared"]["counter"] / 1000000.0),
                "lost"))
    start_size = countdown_size(python, 0.3)
    items.append((
        "Thread.start(): 4 CPU-bound threads, the last first runs at", "thread_start.py",
        [4, start_size, 0.005],
        lambda r: r["starts"][-1] * 1e3,
        simulated("thread_start.py", [4, start_size, 0.005], lambda r: r["starts"][-1] * 1e3,
                  lambda e: [t for t in e.run("thread-start", model)["threads"]
                             if t["name"] == "worker-4"][0]["started_at_ms"]),
        "ms"))
    per_item = lambda r: r["per_item"] * 1e6
    for maxsize, scenario in ((0, "queue-unbounded"), (1, "queue-maxsize-1")):
        items.append((
            "queue.Queue(%d): producer to consumer, per item" % maxsize, "queue_handoff.py", [20000, maxsize],
            per_item,
            simulated("queue_handoff.py", [20000, maxsize], per_item,
                      lambda e, scenario=scenario: e.wall(scenario, model) * 1e3 / 20000),
            "us"))
    if modern:
        pool_job = countdown_size(python, 0.05)
        items.append((
            "ThreadPoolExecutor(4): 8 CPU-bound jobs / in a row", "thread_pool.py", [4, 8, pool_job, 0.01],
            lambda r: r["pooled"] / r["sequential"],
            lambda e: (lambda r: r["pooled"] / r["sequential"])(e.program("thread_pool.py", [4, 8, pool_job, 0.01],
                                                                           model)), "×"))
        items.append((
            "ProcessPoolExecutor(2): 2000 small items, whole", "process_pool.py", [2, 2000],
            lambda r: r["whole"] * 1e3, lambda e: e.program("process_pool.py", [2, 2000], model)["whole"] * 1e3,
            "ms"))
        items.append((
            "ThreadPoolExecutor(4): 8 jobs sleeping 10 ms", "thread_pool.py", [4, 8, pool_job, 0.01],
            lambda r: r["sleeping"] * 1e3,
            lambda e: e.program("thread_pool.py", [4, 8, pool_job, 0.01], model)["sleeping"] * 1e3, "ms"))
    # A pool's start (fork, Pool's own set-up: tens of ms) must stay small beside the work, as in the scenario,
    # so these rows keep the full size even in QUICK mode.
    pool_size = countdown_size(python, 0.4)
    items.append((
        "pool of 2 processes / sequential", "pool.py", [pool_size],
        lambda r: r["pool"] / r["sequential"],
        simulated("pool.py", [pool_size], lambda r: r["pool"] / r["sequential"],
                  lambda e: e.wall("pool", model) / e.wall("cpu-sequential-2", model)), "×"))
    items.append((
        "2 threads / sequential (pool.py)", "pool.py", [pool_size],
        lambda r: r["threads"] / r["sequential"],
        simulated("pool.py", [pool_size], lambda r: r["threads"] / r["sequential"],
                  lambda e: e.wall("cpu-threads-2", model) / e.wall("cpu-sequential-2", model)), "×"))
    if modern:
        overlap = lambda r: r["overlapped"] / r["sequential"]
        items.append((
            "asyncio: 100 coroutines sleeping / in a row", "asyncio_overlap.py", [100, 5, 0.01], overlap,
            simulated("asyncio_overlap.py", [100, 5, 0.01], overlap, None), "×"))
        items.append((
            "asyncio: busy loop beside a CPU thread / alone", "asyncio_busy.py", [300 if quick else 600, 0.0013],
            lambda r: r["beside"] / r["alone"],
            lambda e: e.finished("asyncio-busy", model, "loop") / e.wall("asyncio-busy-alone", model), "×"))
        if model != "cpython-3.8":  # asyncio.to_thread is 3.9+
            for title, metric in (
                ("asyncio.to_thread: 3 blocking waits of 30 ms, done at", lambda r: r["calls_done"] * 1e3),
                ("asyncio.to_thread: the ticker beside them, worst lateness", lambda r: r["worst_lateness"] * 1e3)):
                items.append((title, "asyncio_to_thread.py", [3, 0.03, 20, 0.005], metric,
                              simulated("asyncio_to_thread.py", [3, 0.03, 20, 0.005], metric, None), "ms"))
        lateness = lambda r: r["worst_lateness"] * 1e3
        items.append((
            "asyncio: worst tick lateness, 200 ms blocking", "asyncio_blocking.py", [10, 40, 0.01, 0.2], lateness,
            simulated("asyncio_blocking.py", [10, 40, 0.01, 0.2], lateness, None), "ms"))
    return items


# ---------------------------------------------------------------- measuring

def warm_up(seconds):
    """Busy cores first, so that frequency scaling and caches do not favour whichever program runs first."""
    code = "import time\nend=time.time()+%f\nwhile time.time()<end: pass" % seconds
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(os.cpu_count() or 1)]
    for p in procs:
        p.wait()


def verdict(engine, real):
    median, low, high = real
    if median == 0:
        return engine <= max(high, 0.0) + 1e-9, None
    error = (engine - median) / median
    return abs(error) <= TOLERANCE or low <= engine <= high, error


def measure(pythons, engine, reps, quick):
    tables = []
    for python in pythons:
        items = phenomena(python, quick)
        rows = []
        for index, (title, program, args, real_metric, engine_metric, unit) in enumerate(items):
            values = []
            for rep in range(reps):
                progress("%s [%d/%d] %s: run %d of %d" % (python["version"], index + 1, len(items), title, rep + 1,
                                                            reps))
                values.append(real_metric(run_program(python, program, args)))
            real = (statistics.median(values), min(values), max(values))
            # The engine's median over as many seeds as the real program had runs.
            predictions = []
            for seed in range(1, reps + 1):
                engine.seed = seed
                predictions.append(engine_metric(engine))
            predicted = statistics.median(predictions)
            ok, error = verdict(predicted, real)
            rows.append({"phenomenon": title, "unit": unit, "real_median": real[0], "real_min": real[1],
                         "real_max": real[2], "engine": predicted, "engine_min": min(predictions),
                         "engine_max": max(predictions), "relative_error": error, "within": ok})
        tables.append({"interpreter": python["version"], "command": python["command"], "model": python["model"],
                       "rows": rows})
    return tables


def number(value):
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return "%.0f" % value
    if abs(value) >= 1:
        return "%.2f" % value
    return "%.3f" % value


def render(tables, reps):
    lines = []
    for table in tables:
        lines.append("")
        lines.append("%s (%s), engine model %s, %d runs each" % (
            table["interpreter"], table["command"], table["model"], reps))
        header = ("phenomenon", "real: median [min, max]", "engine", "error", "verdict")
        body = []
        for row in table["rows"]:
            real = "%s [%s, %s]" % (number(row["real_median"]), number(row["real_min"]), number(row["real_max"]))
            error = "-" if row["relative_error"] is None else "%+.0f %%" % (row["relative_error"] * 100)
            body.append((row["phenomenon"], real + " " + row["unit"], number(row["engine"]), error,
                         "ok" if row["within"] else "OUTSIDE"))
        widths = [max(len(r[i]) for r in [header] + body) for i in range(5)]
        for r in [header] + body:
            lines.append("  ".join(cell.ljust(widths[i]) if i in (0, 1, 4) else cell.rjust(widths[i])
                                   for i, cell in enumerate(r)).rstrip())
    total = sum(len(t["rows"]) for t in tables)
    within = sum(1 for t in tables for r in t["rows"] if r["within"])
    lines.append("")
    lines.append("fidelity: %d of %d within tolerance" % (within, total))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--giltutor", default=os.path.join(HERE, "..", ".build", "release", "giltutor"))
    parser.add_argument("--python", action="append", default=[], help="another interpreter to measure (repeatable)")
    parser.add_argument("--only", action="append", default=[],
                        help="measure only this version (2.7, 3.8 ... 3.13, 3.13t; repeatable)")
    parser.add_argument("--reps", type=int, default=5, help="runs of each program (default 5)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, sizes and intervals (about 40 s per interpreter)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if args.quick and args.reps == 5:
        args.reps = 2
    if not os.access(args.giltutor, os.X_OK):
        sys.exit("fidelity: cannot run %s: build it first (make release)" % args.giltutor)
    pythons = interpreters(args.python, args.only)
    if not pythons:
        sys.exit("fidelity: no Python interpreter found")
    progress("interpreters: " + ", ".join("%s (%s)" % (p["version"], p["command"]) for p in pythons))
    progress("warming up the CPUs")
    warm_up(1.0 if args.quick else 3.0)
    started = time.time()
    tables = measure(pythons, Engine(args.giltutor), args.reps, args.quick)
    progress("done in %.0f s" % (time.time() - started))
    if args.json:
        total = sum(len(t["rows"]) for t in tables)
        within = sum(1 for t in tables for r in t["rows"] if r["within"])
        print(json.dumps({"tables": tables, "within": within, "total": total}, indent=2))
    else:
        print(render(tables, args.reps))


if __name__ == "__main__":
    main()
