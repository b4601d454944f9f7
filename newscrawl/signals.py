"""newscrawl's own signals, sent through the crawler's `SignalManager` like Scrapy's.

Connect with `crawler.signals.connect(handler, signal=newscrawl.signals.warc_written)`.
"""

# The WARC writer has put every job up to number `upto` on disk; sent with `upto=`. The
# number of the job holding a response is in its request's meta, under `WARC_JOB`.
warc_written = object()

# The spider has handled a response completely: the callback's output was consumed, so every
# request it yielded is scheduled. Sent with `request=`.
response_parsed = object()

WARC_JOB = "newscrawl_warc_job"
