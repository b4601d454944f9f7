"""Link: tell, for each archived article, whether it is an original or a copy, and of what."""

from newscrawl.provenance.command import default_index_folder, run_provenance, saved_index
from newscrawl.provenance.decisions import Evidence, Provenance, Source
from newscrawl.provenance.linker import link

__all__ = [
    "Evidence",
    "Provenance",
    "Source",
    "default_index_folder",
    "link",
    "run_provenance",
    "saved_index",
]
