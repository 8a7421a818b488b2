"""The engine: the hooks, one plugin manager per ente, the core's defaults and the six phases of one ente.

It never reads a file a person wrote (that is :mod:`ciclope.core.inputs`) and never writes one."""
