# logging from threads, as a threading tutorial logs: each record names its thread; levels filter.
import logging
import sys
import threading
import time

logging.basicConfig(
    stream=sys.stdout, level=logging.DEBUG, format="%(threadName)-10s %(levelname)-8s %(name)s: %(message)s")
log = logging.getLogger("worker")


def worker(n):
    log.debug("starting %d", n)
    time.sleep(0.02 * n)
    log.info("done after %.2f s", 0.02 * n)


threads = [threading.Thread(target=worker, args=(n,), name="worker-%d" % n) for n in (1, 2, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
logging.warning("all %s joined", len(threads))
log.setLevel(logging.ERROR)
log.info("not shown")
log.error("shown: %s", {"errors": 0})
print(logging.getLevelName(logging.INFO), logging.getLevelName(40), logging.getLogger() is logging.root)
print("to stderr", file=sys.stderr)
sys.stdout.write("written\n")
