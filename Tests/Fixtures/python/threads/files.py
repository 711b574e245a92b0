# Files: a program writes one, threads read it back in every way, and the errors a file can raise.
import threading

PATH = "/tmp/giltutor-files-fixture.txt"

with open(PATH, "w") as f:
    for i in range(300):
        f.write(f"record {i:03d} " + "x" * 40 + "\n")
    f.writelines(["last\n", "line"])

results = {}
lock = threading.Lock()


def whole():
    with open(PATH) as f:
        text = f.read()
    with lock:
        results["whole"] = (len(text), text.count("\n"), text.splitlines()[-1])


def by_line():
    count = 0
    longest = ""
    with open(PATH) as f:
        for line in f:
            count += 1
            if len(line) > len(longest):
                longest = line
    with lock:
        results["by_line"] = (count, longest.strip()[:10])


def in_pieces():
    pieces = []
    with open(PATH, "r") as f:
        first = f.readline()
        piece = f.read(100)
        while piece:
            pieces.append(piece)
            piece = f.read(100)
    with lock:
        results["in_pieces"] = (first.strip()[:10], len(pieces), sum(len(p) for p in pieces))


threads = [threading.Thread(target=t) for t in (whole, by_line, in_pieces)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for name in sorted(results):
    print(name, results[name])

with open(PATH, "a") as f:
    f.write("\nappended\n")
with open(PATH) as f:
    lines = f.readlines()
print(len(lines), lines[-1].strip(), lines[0][:6])

for path, mode in [("/tmp/giltutor-no-such-dir/x.txt", "r"), (PATH, "x"), ("/tmp", "r")]:
    try:
        open(path, mode)
    except OSError as e:
        print(type(e).__name__, e)

f = open(PATH)
f.close()
try:
    f.read()
except ValueError as e:
    print("closed:", e, f.closed)
