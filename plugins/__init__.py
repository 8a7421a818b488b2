"""The built-in ente plugins (entry-point group ``ciclope.plugins``)."""
