"""Scrapy settings of the newscrawl project: every default lives here.

`NEWSCRAWL_*` names are newscrawl's own; the add-on (`newscrawl.addon`) applies them at
"default" priority in other Scrapy projects too, so this module is their one source.
"""

import newscrawl

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
ADDONS = {"newscrawl.addon.NewscrawlAddon": 0}

USER_AGENT = f"newscrawl/{newscrawl.__version__} (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 3
RETRY_TIMES = 1
TELNETCONSOLE_ENABLED = False
# Scrapy's remote-control server runs the code sent to it: not in a crawler of untrusted pages.
REMOTE_CONTROL_ENABLED = False
# Hands out only checked, public addresses (newscrawl.spiders.resolver); the address guard
# puts its crawl's own copy in place when the engine starts.
TWISTED_DNS_RESOLVER = "newscrawl.spiders.resolver.GuardedResolver"
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# --- newscrawl -------------------------------------------------------------------------------
# Folder that holds one sub-folder of WARCs, indexes and packages per crawl profile.
NEWSCRAWL_ARCHIVE_DIR = "archives"
# Names the run's files (<run-id>.cdxj, ...); empty: PREFIX-YYYYMMDDhhmmss at start.
NEWSCRAWL_RUN_ID = ""
# Crawl profile (TOML) when not given with `-a profile=...`.
NEWSCRAWL_PROFILE = ""
# WARC file name prefix: PREFIX-YYYYMMDDhhmmss-SERIAL-HOST.warc.gz
NEWSCRAWL_WARC_PREFIX = "newscrawl"
# Rotate to a new WARC file once the current one reaches this many bytes.
NEWSCRAWL_WARC_MAX_SIZE = 1_000_000_000
# Library and level of each record's gzip member: "isal" (ISA-L, levels 0-3) or "zlib"
# (levels 0-9). isal 3 compresses news HTML 3-10x faster than zlib 6 for ~5% more bytes,
# CPU the writer process would otherwise take from the crawl it shares the machine with.
NEWSCRAWL_WARC_GZIP = "isal"
NEWSCRAWL_WARC_GZIP_LEVEL = 3
# Seconds the WARC writer may hold its answers (where each page was written) to send them
# together: pages wait that much longer before extraction, and the crawl is woken once a
# batch instead of once a page.
NEWSCRAWL_WARC_ANSWER_DELAY = 0.05
# Freeze the objects start-up made once the engine starts (gc.freeze): the collector's full
# passes then skip them, which cost a crawl process a fifth of its CPU.
NEWSCRAWL_GC_FREEZE = True
# Who runs the crawl, written into each warcinfo record.
NEWSCRAWL_OPERATOR = ""
# isPartOf / collection name written into warcinfo; defaults to the profile name.
NEWSCRAWL_COLLECTION = ""
# Package each run as WACZ next to its WARCs.
NEWSCRAWL_WACZ = False
# Incremental runs: keep a crawl state in the archive folder, ask servers with conditional
# requests whether known pages changed, and write revisit records for payloads already stored.
NEWSCRAWL_INCREMENTAL = True
# HTTP proxy every request goes through (the demo world is served this way). Naming a proxy
# here (or in NEWSCRAWL_ALLOWED_PROXIES) is what allows it on a loopback or private address.
NEWSCRAWL_PROXY = ""
# Other proxies (URLs, e.g. an `http_proxy` from the environment) allowed on a loopback or
# private address; an unnamed proxy must be on public addresses.
NEWSCRAWL_ALLOWED_PROXIES: list[str] = []
# Host names answered without DNS, as lines of /etc/hosts: "ADDRESS NAME...", where the name
# "*" stands for every other host. The answers are checked like any other (a loopback answer
# needs NEWSCRAWL_ALLOW_LOOPBACK). With a proxy too, every target name must resolve here.
NEWSCRAWL_HOSTS: list[str] = []
# Seconds between progress lines.
NEWSCRAWL_PROGRESS_INTERVAL = 5.0
# "auto": a live status line on a terminal (rich), plain log lines otherwise; "live"; "lines".
NEWSCRAWL_PROGRESS = "auto"
# Turn parsed article pages into Article items (extract stage) during the crawl.
NEWSCRAWL_EXTRACT = True
# Worker processes that run the extraction (0: one per core but one, at least one).
NEWSCRAWL_EXTRACT_WORKERS = 0
# Keep the extracted articles in the article store (articles/<WARC>.parquet in the archive
# folder), so that provenance, export and report read them instead of extracting again.
NEWSCRAWL_STORE = True
# Fetch URLs whose host is (or resolves to) a loopback address, 127.0.0.0/8 or ::1 (the demo
# world and tests); off: a link to this machine is refused, with or without a proxy.
NEWSCRAWL_ALLOW_LOOPBACK = False
# Fetch private, link-local (169.254.169.254: cloud metadata), CGNAT, unique-local, multicast,
# reserved and unspecified addresses: a crawler of untrusted links must not reach them.
NEWSCRAWL_ALLOW_PRIVATE = False

# A crawl shared by several processes through Redis (set REDIS_URL, scrapy-redis's setting):
# the name its processes share (new for each crawl), and how long a process whose share of
# the queue ran dry waits for the others to queue more before it finishes.
NEWSCRAWL_REDIS_JOB = ""
NEWSCRAWL_REDIS_IDLE = 10.0
