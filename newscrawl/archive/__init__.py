"""Record stage: every HTTP exchange as WARC/1.1, with CDXJ indexes and WACZ packages."""
