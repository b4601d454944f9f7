"""Fetch stage: the spiders that turn a crawl profile into requests."""
