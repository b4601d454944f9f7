"""newscrawl: archive aggregator-syndicated news as WARC and tell where each copy came from."""

import os

__version__ = "0.1.0"

# Scrapy's cookie middleware builds a tldextract extractor at import time, which would try to
# download the public suffix list with no timeout; use the bundled snapshot instead.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
