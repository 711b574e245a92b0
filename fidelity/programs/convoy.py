"""The convoy effect: an I/O thread's round trips with a peer process, alone and beside a CPU-bound thread.

The peer waits DELAY seconds before echoing each byte back.
usage: convoy.py INTERVAL ROUNDS DELAY     prints {"alone": s, "with_cpu": s} (seconds per round trip)
"""
from __future__ import print_function
import json, multiprocessing, socket, sys, threading, time


def peer(sock, delay):
    while True:
        data = sock.recv(1)
        if not data or data == b"q":
            return
        if delay:
            time.sleep(delay)
        sock.send(data)


def round_trips(sock, rounds):
    start = time.time()
    for _ in range(rounds):
        sock.send(b"x")
        sock.recv(1)
    return (time.time() - start) / rounds


def spin(stop):
    while not stop:
        pass


def main():
    interval, rounds, delay = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    if hasattr(sys, "setswitchinterval"):
        sys.setswitchinterval(interval)
    mine, theirs = socket.socketpair()
    helper = multiprocessing.Process(target=peer, args=(theirs, delay))
    helper.start()
    round_trips(mine, 20)
    alone = round_trips(mine, rounds)
    stop = []
    cpu = threading.Thread(target=spin, args=(stop,))
    cpu.start()
    time.sleep(0.01)
    with_cpu = round_trips(mine, max(10, rounds // 10))
    stop.append(True)
    cpu.join()
    mine.send(b"q")
    helper.join()
    print(json.dumps({"alone": alone, "with_cpu": with_cpu}))


if __name__ == "__main__":
    main()
