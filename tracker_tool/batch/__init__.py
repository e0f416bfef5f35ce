"""Many returns at once: discovery, workers, the cache, matching to services, the roll-up."""
