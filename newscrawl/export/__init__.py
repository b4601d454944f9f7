"""Deliver stage: datasets (JSONL, Parquet) of the records the other stages made."""
