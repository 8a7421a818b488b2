"""Many enti at once: the runner, its processes, and what reads a run back (``explain``, ``verify``)."""
