"""Where and how ciclope writes: the one gate of every writing command, a run's output roots, the
``results.json`` contract, and what every worker process does first."""
