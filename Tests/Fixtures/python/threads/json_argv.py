"""json.dumps and loads, sys.argv, and an import Python 3 does not have, caught as Python 2 programs do."""
import json
import sys

try:
    import Queue as queue
except ImportError:
    import queue

data = {"lost": 0.25, "name": "caf\u00e9 \"x\"\n", "items": [1, 2.5, None, True, False, (3, 4)], "empty": {}}
data[3] = "int key"
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps([1e-05, 1e16, 0.1, -0.0, 1234567890]))
print(json.loads('{"a": [1, 2.5, "x\\ny", null, true], "b": {"c": -3e2}}'))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True, separators=(",", ":")))
print(sys.argv[1:], queue.Queue.__name__, "abc".startswith(("x", "b"), 1), "abc".endswith("b", 0, 2))
try:
    json.loads("[1, 2")
except json.JSONDecodeError as e:
    print("error", type(e).__name__)
try:
    import Tkinter
except ImportError as e:
    print(type(e).__name__, e)
