import threading


def work():
    print("worker done")


t = threading.Thread(target=work)
t.start()
t.join()
raise ValueError("the main thread fails")
