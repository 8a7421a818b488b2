"""The fondo risorse decentrate of the comparto Funzioni Locali (rules: the fund): the ``fondo`` sheet of an ente
(:mod:`.sheet`), the dated items of ``fondo.toml`` (:mod:`.table`), the constitution (:mod:`.constitution`), the
limit and DL 25 (:mod:`.limit`), the EQ resources against what the cycle pays the EQ (:mod:`.eq`), the destination and its pools (:mod:`.destination`), the words around them
(:mod:`.notes`), and ``ciclope_fund`` putting them together (:mod:`.hook`)."""

from . import eq, hook, sheet  # noqa: F401  (hook modules)
