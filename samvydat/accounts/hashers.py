"""The password hasher, sized for a small server.

Django's default Argon2 parameters (``memory_cost`` 100 MiB, ``time_cost`` 2, ``parallelism`` 8) make every sign-in
attempt take 100 MiB and most of a core for a moment; a 2-core server with a few workers is held by a handful of
parallel attempts. ``Argon2idHasher`` uses OWASP's minimum recommendation for Argon2id (19 MiB, 2 iterations, 1 lane;
OWASP Password Storage Cheat Sheet), measured against Django's default in ``bench/passwords.py``
(docs/benchmarks.md).

It keeps Django's algorithm name ``argon2`` and encoding, so hashes made with Django's parameters still verify (the
parameters are read from each hash) and are re-made with these at the editor's next sign-in (``must_update``).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB: 19 MiB
    time_cost = 2
    parallelism = 1
