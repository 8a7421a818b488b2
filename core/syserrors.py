"""What the operating system said, in Italian: an :class:`OSError` as the office reads it.

Python's ``strerror`` is the C library's English («No such file or directory»); a message for people names the
cause in their words. The common causes of a file that cannot be read or written have their own words; any
other keeps the system's text after an Italian lead, so nothing it said is lost.
"""

from __future__ import annotations

import errno

WORDS = {
    errno.ENOENT: "il file o la cartella non esiste",
    errno.EACCES: "permesso negato",
    errno.EPERM: "operazione non permessa",
    errno.ENOSPC: "spazio esaurito sul disco",
    errno.EDQUOT: "quota del disco esaurita",
    errno.EROFS: "il disco è di sola lettura",
    errno.EISDIR: "è una cartella, non un file",
    errno.ENOTDIR: "una parte del percorso non è una cartella",
    errno.EEXIST: "esiste già",
    errno.ENOTEMPTY: "la cartella non è vuota",
    errno.ENAMETOOLONG: "nome troppo lungo",
    errno.EMFILE: "troppi file aperti",
    errno.EBUSY: "risorsa occupata",
    errno.EADDRINUSE: "indirizzo già in uso",
    errno.EIO: "errore di lettura o scrittura del disco",
}


def said(exc: OSError) -> str:
    """The cause of ``exc`` in Italian: «il file o la cartella non esiste»; a cause without words of its own as
    «errore del sistema n. 71 (Protocol error)»."""
    if exc.errno in WORDS:
        return WORDS[exc.errno]
    if exc.errno is not None and exc.strerror:
        return f"errore del sistema n. {exc.errno} ({exc.strerror})"
    return f"errore del sistema ({exc})"
