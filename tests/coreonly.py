"""A plugin with no hooks of its own: the core defaults alone (used by the core's tests)."""
NAME = "coreonly"
VERSION = "0"
