# Russian date formats are the same as the Belarusian ones.
from samvydat.formats.be.formats import *  # noqa: F403
