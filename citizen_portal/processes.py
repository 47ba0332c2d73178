"""Long-running demo processes (the simulators) stop cleanly on Ctrl+C or SIGTERM, as make run's trap sends."""

import signal
import threading


def wait_for_stop() -> None:
    """Block until SIGINT or SIGTERM."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
