"""newscrawl's own signals, sent through the crawler's `SignalManager` like Scrapy's, and
the request meta keys by which one stage tells another about a request.

Connect with `crawler.signals.connect(handler, signal=newscrawl.signals.warc_written)`.
"""

# The WARC writer has put every job up to number `upto` on disk; sent with `upto=`. The
# number of the job holding a response is in its request's meta, under `WARC_JOB`.
warc_written = object()

# The archiver closed this run's WARC files: sent with `files=` (their paths) and
# `redirects=` (file name -> {URL: where its 3xx response redirected}), before they are
# indexed, so that later stages know where pages led without reading the files again.
warcs_closed = object()

# The spider is done with a request: its callback's output was consumed (every request it
# yielded is scheduled), or its errback ran (the fetch failed or was refused). With `request=`.
request_handled = object()

WARC_JOB = "newscrawl_warc_job"

# Request meta: fetch in full, never with validators from earlier runs, because the page
# must be parsed again (the Frontier sets it on what was in flight when a run died).
UNCONDITIONAL = "newscrawl_unconditional"
