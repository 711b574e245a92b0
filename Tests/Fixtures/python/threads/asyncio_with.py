import asyncio


class Resource:
    async def __aenter__(self):
        print("enter")
        await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None)
        return exc_type is KeyError


async def worker(lock, name, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0.01)
        log.append(name + " out")


async def early(lock):
    async with lock:
        return "returned inside"


async def main():
    async with Resource() as r:
        print(type(r).__name__)
    async with Resource():
        raise KeyError("swallowed")
    try:
        async with Resource():
            raise ValueError("kept")
    except ValueError as e:
        print("caught", e)
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*[worker(lock, n, log) for n in "abc"])
    print(log)
    print(await early(lock), lock.locked())
    sem = asyncio.Semaphore(2)
    async with sem:
        print(sem.locked())


asyncio.run(main())
