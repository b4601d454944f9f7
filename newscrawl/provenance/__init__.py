"""Link: tell, for each archived article, whether it is an original or a copy, and of what."""

from newscrawl.provenance.command import run_provenance
from newscrawl.provenance.linker import link
from newscrawl.provenance.records import Evidence, Provenance, Source

__all__ = ["Evidence", "Provenance", "Source", "link", "run_provenance"]
